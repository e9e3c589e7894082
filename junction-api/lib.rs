//! A typed async client for the [Junction](https://docs.junction.com/) health-data API, generated at build
//! time from the OpenAPI spec in `spec/openapi.yaml` by `junction-codegen`.
//!
//! ```no_run
//! # async fn run(user_id: uuid::Uuid) -> Result<(), Box<dyn std::error::Error>> {
//! let client = junction_api::Client::builder()
//!     .api_key("sk_...")
//!     .environment(junction_api::Environment::Sandbox)
//!     .build()?;
//! let refreshed = client.user().refresh(user_id).timeout(30.0).await?;
//! println!("{} refreshed {:?}", refreshed.user_id, refreshed.refreshed_sources);
//! # Ok(())
//! # }
//! ```
//!
//! The generated items are [`Client`] (its group accessors), [`types`] (its page lists them by the group
//! that uses them), one module per operation group (such as [`user`]), [`webhooks`] and [`Environment`];
//! the hand-written [`runtime`] (the `junction-runtime` crate) holds the connection, errors and request
//! plumbing. Every group method's docs end with an example call; each group is a cargo feature (all on
//! by default), and docs.rs marks every item with the feature it needs.
//!
//! Every attempt goes through the runtime's [`transport`](runtime::transport) seam: reqwest by default
//! (`rustls-tls`, or `native-tls`), any transport of yours with `ClientBuilder::transport`, and any
//! `tower::Layer` around it with `ClientBuilder::layer` (feature `tower`). The feature `testing` adds
//! `testing::Mock`, a typed mock of every operation that needs no HTTP server.

// docs.rs (nightly, `--cfg docsrs`) shows the features each item needs: every group, `webhooks`,
// `tracing` and `testing`.
#![cfg_attr(docsrs, feature(doc_cfg))]

/// The hand-written runtime (the `junction-runtime` crate): the client, its errors and request plumbing.
pub use junction_runtime as runtime;

#[cfg(feature = "client")]
pub use runtime::{ClientBuilder, Error, Response};

include!(concat!(env!("OUT_DIR"), "/junction_api.rs"));

/// The README's examples, compiled as doctests so they cannot drift from the API.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
