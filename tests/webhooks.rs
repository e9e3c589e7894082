//! `webhooks::Webhook` on the whole API: verified deliveries become typed events, unknown event types
//! are kept, a known event type with a payload that does not fit is an error naming the field, and the
//! example receiver answers a signed delivery with 200 and a forged one with 400 on loopback.

use junction_api::webhooks::{Event, Webhook, WebhookError};
use serde_json::json;
use std::time::{SystemTime, UNIX_EPOCH};

// `examples/webhook_receiver.rs`, compiled here to be driven; its `main` is not called.
#[allow(dead_code, reason = "the example's main is not used by the test")]
#[path = "../examples/webhook_receiver.rs"]
mod receiver;

const SECRET: &str = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const USER: &str = "1449752e-0d8a-40e0-9206-91ab099b2537";

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64
}

fn afib(user_id: &str) -> Vec<u8> {
    json!({
        "event_type": "daily.data.afib_burden.created",
        "user_id": user_id, "client_user_id": "user-42", "team_id": USER,
        "data": {"source": {"provider": "oura", "type": "ring", "name": "Oura", "slug": "oura"}, "data": []}
    })
    .to_string()
    .into_bytes()
}

/// Headers of a delivery signed with `secret` now.
fn signed(secret: &str, body: &[u8]) -> http::HeaderMap {
    let timestamp = now();
    let signature = Webhook::new(secret).unwrap().sign("msg_1", timestamp, body);
    let mut headers = http::HeaderMap::new();
    headers.insert("svix-id", "msg_1".parse().unwrap());
    headers.insert("svix-timestamp", timestamp.to_string().parse().unwrap());
    headers.insert("svix-signature", signature.parse().unwrap());
    headers
}

#[test]
fn a_verified_delivery_is_a_typed_event() {
    let body = afib(USER);
    match Webhook::new(SECRET).unwrap().verify(&body, &signed(SECRET, &body)).unwrap() {
        Event::DailyDataAfibBurden(event) => assert_eq!(event.client_user_id, "user-42"),
        other => panic!("expected an AFib burden event, got {other:?}"),
    }
}

#[test]
fn an_unknown_event_type_is_kept_and_a_bad_known_payload_names_its_field() {
    let webhook = Webhook::new(SECRET).unwrap();
    let future = json!({"event_type": "daily.data.brain_waves.created", "data": {}});
    let body = future.to_string().into_bytes();
    assert_eq!(webhook.verify(&body, &signed(SECRET, &body)).unwrap(), Event::Unknown(future));

    let body = afib("not-a-uuid");
    let error = webhook.verify(&body, &signed(SECRET, &body)).unwrap_err();
    assert_eq!(
        error,
        WebhookError::NotAnEvent { event_type: Some("daily.data.afib_burden.created".into()), path: "user_id".into() }
    );
    assert!(!error.to_string().contains("not-a-uuid"), "{error}");
    let body = br#"{"event_type": "daily.data.afib_burden.created", "user_id": "#;
    let error = webhook.verify(body, &signed(SECRET, body)).unwrap_err();
    // Not JSON (cut off where `user_id`'s value starts): no event type can be read, the path says where.
    assert_eq!(error, WebhookError::NotAnEvent { event_type: None, path: "user_id".into() });
}

#[test]
fn a_delivery_signed_with_another_secret_is_refused_before_parsing() {
    let body = afib(USER);
    let forged = signed("whsec_dGhpcyBpcyBhbm90aGVyIHNlY3JldA==", &body);
    assert_eq!(Webhook::new(SECRET).unwrap().verify(&body, &forged), Err(WebhookError::NoMatchingSignature));
}

#[tokio::test]
async fn the_example_receiver_accepts_a_signed_delivery_and_refuses_a_forged_one() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/webhooks/junction", listener.local_addr().unwrap());
    let app = receiver::app(Webhook::new(SECRET).unwrap());
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let client = reqwest::Client::new();
    let body = afib(USER);
    let deliver = |headers: http::HeaderMap, body: Vec<u8>| client.post(&url).headers(headers).body(body).send();

    let ok = deliver(signed(SECRET, &body), body.clone()).await.unwrap();
    assert_eq!(ok.status(), 200);
    let forged = deliver(signed("whsec_dGhpcyBpcyBhbm90aGVyIHNlY3JldA==", &body), body.clone()).await.unwrap();
    assert_eq!(forged.status(), 400);
    let mut tampered = body.clone();
    tampered.extend_from_slice(b" ");
    assert_eq!(deliver(signed(SECRET, &body), tampered).await.unwrap().status(), 400, "a changed body");
    assert_eq!(deliver(http::HeaderMap::new(), body).await.unwrap().status(), 400, "no signature headers");
    server.abort();
}
