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
//!
//! The [`guide`] has a page per topic: [requests](guide::requests), [paging](guide::paging),
//! [cargo features](guide::features), [configuration, retries and errors](guide::configuration),
//! [your HTTP stack](guide::transport), [testing](guide::testing), [timestamps](guide::timestamps),
//! [what the spec's constructs become](guide::constructs), [webhooks](guide::webhooks) and
//! [safety](guide::safety).

// docs.rs (nightly, `--cfg docsrs`) shows the features each item needs: every group, `webhooks`,
// `tracing` and `testing`.
#![cfg_attr(docsrs, feature(doc_cfg))]

/// The hand-written runtime (the `junction-runtime` crate): the client, its errors and request plumbing.
pub use junction_runtime as runtime;

#[cfg(feature = "client")]
pub use runtime::{ClientBuilder, Error, Response};

include!(concat!(env!("OUT_DIR"), "/junction_api.rs"));

/// The user guide: one page per topic, each example a doctest (the same pages are the Markdown files in
/// `junction-api/guide/`, which the README links to).
///
/// Beside the guide, every group method's docs end with an `# Examples` section (310 examples: 248
/// calls for the 205 operations, 43 flattened bodies also having a `…_with_body` method, and the stream
/// of each of the 62 paged operations), an `# Arguments` section and an `# Errors` section. The example
/// values are valid for their schemas: the spec's own examples where they are valid, else values made
/// for the schema (a date where a string is described as "YYYY-MM-DD", a string matching its `pattern`,
/// an address for `format: email`, numbers within their bounds, an enum's first value, a struct built by
/// its `new`). `cargo test` compiles each one, and `tests/example_requests.rs` sends each one through
/// an in-process mock and validates the request it captured against the spec's JSON Schemas.
pub mod guide {
    #[doc = include_str!("guide/requests.md")]
    pub mod requests {}
    #[doc = include_str!("guide/paging.md")]
    pub mod paging {}
    #[doc = include_str!("guide/features.md")]
    pub mod features {}
    #[doc = include_str!("guide/configuration.md")]
    pub mod configuration {}
    #[doc = include_str!("guide/transport.md")]
    pub mod transport {}
    #[doc = include_str!("guide/testing.md")]
    pub mod testing {}
    #[doc = include_str!("guide/timestamps.md")]
    pub mod timestamps {}
    #[doc = include_str!("guide/constructs.md")]
    pub mod constructs {}
    #[doc = include_str!("guide/webhooks.md")]
    pub mod webhooks {}
    #[doc = include_str!("guide/safety.md")]
    pub mod safety {}
}

/// The README's examples, compiled as doctests so they cannot drift from the API.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

/// The generator README's example (a reference page's snippet), compiled against this crate.
#[doc = include_str!("../codegen/README.md")]
#[cfg(doctest)]
pub struct CodegenReadmeDoctests;
