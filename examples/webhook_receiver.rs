//! A webhook receiver: verifies each delivery's signature, then parses and matches its event.
//!
//! ```sh
//! JUNCTION_WEBHOOK_SECRET=whsec_... cargo run --example webhook_receiver   # listens on 127.0.0.1:3000
//! ```
//!
//! A delivery whose signature, timestamp or body does not check out gets 400 and is not parsed. The
//! handler never prints a payload or an error's details beyond its kind: bodies are health data.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use junction_api::webhooks::{Event, Webhook};

/// The receiver's routes: `POST /webhooks/junction`.
pub fn app(webhook: Webhook) -> Router {
    Router::new().route("/webhooks/junction", post(receive)).with_state(webhook)
}

async fn receive(State(webhook): State<Webhook>, headers: HeaderMap, body: Bytes) -> StatusCode {
    match webhook.verify(&body, &headers) {
        Ok(event) => {
            handle(event);
            StatusCode::OK
        }
        Err(error) => {
            eprintln!("rejected a delivery: {error}");
            StatusCode::BAD_REQUEST
        }
    }
}

fn handle(event: Event) {
    match event {
        Event::DailyDataActivity(event) => println!("activity data for user {}", event.user_id),
        Event::DailyDataSleep(event) => println!("sleep data for user {}", event.user_id),
        Event::LabtestOrder(event) => println!("lab-test order {} changed", event.data.id),
        // An event type this version does not know (Junction added it later): acknowledge it.
        Event::Unknown(_) => println!("an event type this version does not know"),
        _ => println!("an event this receiver does not handle"),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let secret = std::env::var("JUNCTION_WEBHOOK_SECRET")
        .map_err(|_| "set JUNCTION_WEBHOOK_SECRET to the endpoint's whsec_ secret")?;
    let webhook = Webhook::new(&secret)?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:3000").await?;
    println!("listening on http://{}/webhooks/junction", listener.local_addr()?);
    axum::serve(listener, app(webhook)).await?;
    Ok(())
}
