//! The whole Junction API as generated from spec 0.4.687: unions, open enums, webhooks, multipart
//! uploads, streamed PDFs, link-token operations, maps keyed by enums and tuples, with real bodies.

use junction_api::types::{
    BloodPressureTimeseriesExprField, ClientFacingElectrocardiogramSourceProvider, ClientFacingOrderDetails,
    ClientFacingProviderWithStatus, ClientFacingSampleGroupingKeys, ClientFacingSampleGroupingKeysItem0,
    ClientFacingStreamCadence, DatePartExprArg, Labs, Providers, Resource, SourceAuthType,
};
use junction_api::webhooks::Event;
use junction_api::Client;
use serde_json::json;
use wiremock::matchers::{header, header_exists, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

mod common;

use common::{connect, received, user_id, KEY, USER};

#[test]
fn a_union_with_a_const_tag_is_chosen_by_the_tag_not_by_trial() {
    let walk_in = json!({"type": "walk_in_test", "data": null});
    match serde_json::from_value::<ClientFacingOrderDetails>(walk_in.clone()).unwrap() {
        ClientFacingOrderDetails::WalkIn(details) => assert!(details.data.is_none()),
        other => panic!("expected WalkIn, got {other:?}"),
    }
    let testkit: ClientFacingOrderDetails = serde_json::from_value(json!({"type": "testkit", "data": null})).unwrap();
    assert!(matches!(testkit, ClientFacingOrderDetails::TestKit(_)));
    // Serialising writes the member as it is, tag included (the absent-or-null `data` left out).
    assert_eq!(serde_json::to_value(testkit).unwrap(), json!({"type": "testkit"}));
    // A tag this version does not know is kept, not an error.
    let future = json!({"type": "drive_through", "data": {"lane": 3}});
    assert_eq!(
        serde_json::from_value::<ClientFacingOrderDetails>(future.clone()).unwrap(),
        ClientFacingOrderDetails::Unknown(future)
    );
    // A known tag with the wrong shape is an error, not another member.
    let broken = json!({"type": "testkit", "data": "not an order"});
    assert!(serde_json::from_value::<ClientFacingOrderDetails>(broken).is_err());
}

#[test]
fn a_union_without_a_tag_is_chosen_by_the_property_only_one_member_has() {
    let index: DatePartExprArg = serde_json::from_value(json!({"index": "sleep"})).unwrap();
    assert!(matches!(index, DatePartExprArg::IndexColumnExpr(_)), "{index:?}");
    let placeholder: DatePartExprArg = serde_json::from_value(json!({"placeholder": true})).unwrap();
    assert!(matches!(placeholder, DatePartExprArg::Placeholder(_)), "{placeholder:?}");
    // `placeholder` is `const: true`: `false` is not a Placeholder.
    assert!(serde_json::from_value::<DatePartExprArg>(json!({"placeholder": false})).is_err());
}

#[test]
fn trials_go_most_specific_first() {
    // Both members are number lists; the one without nulls is tried first, so a list with a null
    // lands in the nullable member and one without in the plain member.
    let plain: ClientFacingStreamCadence = serde_json::from_value(json!([80.0, 82.5])).unwrap();
    assert_eq!(plain, ClientFacingStreamCadence::NumberList(vec![80.0, 82.5]));
    let gappy: ClientFacingStreamCadence = serde_json::from_value(json!([80.0, null])).unwrap();
    assert_eq!(gappy, ClientFacingStreamCadence::NumberOrNullList(vec![Some(80.0), None]));
}

#[test]
fn unions_of_open_enums_match_known_values_before_falling_back() {
    let read = |v| serde_json::from_value::<ClientFacingElectrocardiogramSourceProvider>(json!(v)).unwrap();
    assert_eq!(read("oura"), ClientFacingElectrocardiogramSourceProvider::Providers(Providers::Oura));
    assert_eq!(read("labcorp"), ClientFacingElectrocardiogramSourceProvider::Labs(Labs::Labcorp));
    assert_eq!(read("new_lab"), ClientFacingElectrocardiogramSourceProvider::Unknown(json!("new_lab")));
}

#[test]
fn string_enum_unions_merge_into_one_enum_and_empty_string_is_named_by_fern() {
    let field: BloodPressureTimeseriesExprField = serde_json::from_value(json!("systolic")).unwrap();
    assert_eq!(field, BloodPressureTimeseriesExprField::Systolic);
    assert_eq!(serde_json::from_value::<SourceAuthType>(json!("")).unwrap(), SourceAuthType::Empty);
    let future = serde_json::from_value::<SourceAuthType>(json!("passkey")).unwrap();
    assert_eq!(future, SourceAuthType::Unknown(String::from("passkey")));
    assert_eq!(serde_json::to_value(&future).unwrap(), json!("passkey"));
}

#[test]
fn property_names_key_maps_by_their_enum_and_prefix_items_are_tuples() {
    let body = json!({
        "name": "Oura", "slug": "oura", "logo": "https://logo", "status": "connected",
        "created_on": "2026-01-01T00:00:00+00:00",
        "resource_availability": {"sleep": {"status": "available"}, "brand_new_resource": {"status": "available"}},
        "error_details": null
    });
    let provider: ClientFacingProviderWithStatus = serde_json::from_value(body).unwrap();
    let keys: Vec<&Resource> = provider.resource_availability.keys().collect();
    assert!(keys.contains(&&Resource::Sleep));
    assert!(keys.contains(&&Resource::Unknown(String::from("brand_new_resource"))));

    let short: ClientFacingSampleGroupingKeys = serde_json::from_value(json!(["watch"])).unwrap();
    assert_eq!(short, ClientFacingSampleGroupingKeys(ClientFacingSampleGroupingKeysItem0::Watch, None, None, None));
    let full: ClientFacingSampleGroupingKeys = serde_json::from_value(json!(["app", USER, "running", null])).unwrap();
    assert_eq!(full.2.as_deref(), Some("running"));
    assert!(serde_json::from_value::<ClientFacingSampleGroupingKeys>(json!([])).is_err());
}

#[test]
fn webhook_bodies_parse_into_the_event_enum_by_event_type() {
    let body = json!({
        "event_type": "daily.data.afib_burden.created",
        "user_id": USER, "client_user_id": USER, "team_id": USER,
        "data": {"source": {"provider": "oura", "type": "ring", "name": "Oura", "slug": "oura"}, "data": []}
    });
    match Event::from_slice(body.to_string().as_bytes()).unwrap() {
        Event::DailyDataAfibBurden(event) => assert_eq!(event.user_id.to_string(), USER),
        other => panic!("expected an AFib burden event, got {other:?}"),
    }
    // An event type this version does not know is kept, so a new webhook never fails the handler.
    let future = json!({"event_type": "daily.data.brain_waves.created", "data": {}});
    assert_eq!(Event::from_slice(future.to_string().as_bytes()).unwrap(), Event::Unknown(future));
}

#[test]
fn webhooks_carry_the_customers_own_client_user_id() {
    // The spec says `format: uuid`; spec/overlay.yaml corrects it to the string customers really use.
    let body = json!({
        "event_type": "daily.data.afib_burden.created",
        "user_id": USER, "client_user_id": "user-42", "team_id": USER,
        "data": {"source": {"provider": "oura", "type": "ring", "name": "Oura", "slug": "oura"}, "data": []}
    });
    match Event::from_slice(body.to_string().as_bytes()).unwrap() {
        Event::DailyDataAfibBurden(event) => assert_eq!(event.client_user_id, "user-42"),
        other => panic!("expected an AFib burden event, got {other:?}"),
    }
}

#[tokio::test]
async fn a_user_whose_timestamps_have_no_offset_decodes_as_utc() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v2/user/{USER}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "user_id": USER, "team_id": USER, "client_user_id": "ZTEwZjNjMjctOTI2ZS00M2Vm",
            "created_on": "2026-01-28T12:53:04", "connected_sources": [], "fallback_time_zone": null
        })))
        .mount(&server)
        .await;
    let user = connect(Client::builder(), &server).user().get(user_id()).await.unwrap();
    assert_eq!(user.created_on.to_rfc3339(), "2026-01-28T12:53:04+00:00");
    assert_eq!(user.client_user_id, "ZTEwZjNjMjctOTI2ZS00M2Vm");
}

#[tokio::test]
async fn the_lab_report_upload_is_sent_as_multipart_with_one_file_part_per_file() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/lab_report/v1/parser/job"))
        .and(header("x-vital-api-key", KEY))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"job_id": USER})))
        .mount(&server)
        .await;
    let files: [junction_api::runtime::Bytes; 2] =
        [b"%PDF-1.7 first".to_vec().into(), b"%PDF-1.7 second".to_vec().into()];
    // The body's decoding is not the point here; the request is.
    let _ = connect(Client::builder(), &server)
        .lab_report()
        .parser_create_job(files, user_id())
        .needs_human_review(true)
        .await;
    let request: &Request = &received(&server).await[0];
    let content_type = request.headers.get("content-type").unwrap().to_str().unwrap().to_owned();
    assert!(content_type.starts_with("multipart/form-data; boundary="), "{content_type}");
    let sent = String::from_utf8_lossy(&request.body);
    assert_eq!(sent.matches("name=\"file\"; filename=\"file.pdf\"").count(), 2, "{sent}");
    assert!(sent.contains("%PDF-1.7 second") && sent.contains(USER) && sent.contains("\r\n\r\ntrue\r\n"), "{sent}");
}

/// A server whose result-PDF endpoint answers with `pdf`.
async fn pdf_server(pdf: &[u8]) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/v3/order/{USER}/result/pdf")))
        .respond_with(
            ResponseTemplate::new(200).insert_header("content-type", "application/pdf").set_body_bytes(pdf.to_vec()),
        )
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn pdf_endpoints_hand_the_body_over_as_a_stream() {
    let pdf: Vec<u8> = b"%PDF-1.7\n".iter().copied().cycle().take(200_000).collect();
    let server = pdf_server(&pdf).await;
    let response = connect(Client::builder(), &server).lab_tests().get_result_pdf(user_id()).await.unwrap();
    assert_eq!(response.status(), 200);
    let mut stream = response.into_body();
    assert_eq!(stream.headers()["content-type"], "application/pdf");
    let mut received = Vec::new();
    while let Some(chunk) = stream.chunk().await.unwrap() {
        let chunk: junction_api::runtime::Bytes = chunk;
        received.extend_from_slice(&chunk);
    }
    assert_eq!(received, pdf);
}

#[tokio::test]
async fn a_pdf_streams_to_a_file_chunk_by_chunk() {
    use futures::StreamExt;
    use tokio::io::AsyncWriteExt;
    // Larger than hyper's largest read buffer (about 400 KiB), so it cannot arrive as one chunk.
    let pdf: Vec<u8> = b"%PDF-1.7\n".iter().copied().cycle().take(2 << 20).collect();
    let server = pdf_server(&pdf).await;
    let client = connect(Client::builder(), &server);
    let path = std::env::temp_dir().join(format!("junction-api-result-{}.pdf", std::process::id()));
    // As the README does it.
    let mut body = client.lab_tests().get_result_pdf(user_id()).await.unwrap().into_body();
    let mut file = tokio::fs::File::create(&path).await.unwrap();
    let mut chunks = 0;
    while let Some(chunk) = body.next().await {
        file.write_all(&chunk.unwrap()).await.unwrap();
        chunks += 1;
    }
    file.flush().await.unwrap();
    assert!(body.next().await.is_none(), "the stream stays ended");
    assert!(chunks > 1, "{chunks} chunk(s)");
    assert_eq!(std::fs::read(&path).unwrap(), pdf);
    std::fs::remove_file(path).unwrap();
}

#[tokio::test]
async fn a_pdf_endpoint_still_decodes_its_declared_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(422).set_body_json(json!({"detail": [{"loc": ["path"], "msg": "bad", "type": "x"}]})),
        )
        .mount(&server)
        .await;
    let err = connect(Client::builder(), &server).lab_tests().get_result_pdf(user_id()).await.unwrap_err();
    assert!(
        matches!(err.api_error(), Some(junction_api::lab_tests::GetResultPdfError::UnprocessableEntity(_))),
        "{err:?}"
    );
}

#[tokio::test]
async fn link_operations_send_the_link_token_and_not_the_api_key() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/link/providers"))
        .and(header("x-vital-link-token", "lt_123"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    let providers = connect(Client::builder(), &server)
        .link()
        .get_all_providers()
        .x_vital_link_token(String::from("lt_123"))
        .await
        .unwrap();
    assert!(providers.is_empty());
    let request = &received(&server).await[0];
    assert!(request.headers.get("x-vital-api-key").is_none(), "security: [] sends no API key");
}

#[tokio::test]
async fn secured_operations_send_the_api_key() {
    let server = MockServer::start().await;
    Mock::given(header_exists("x-vital-api-key"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"providers": []})))
        .mount(&server)
        .await;
    // The body is a map whose only key is the `propertyNames` const `providers`.
    let connected = connect(Client::builder(), &server).user().get_connected_providers(user_id()).await.unwrap();
    assert_eq!(connected.values().map(Vec::len).collect::<Vec<_>>(), [0]);
}

#[test]
fn the_integer_enum_is_open_too() {
    use junction_api::types::VitalSleepStage;
    assert_eq!(serde_json::from_value::<VitalSleepStage>(json!(-1)).unwrap(), VitalSleepStage::Minus1);
    assert_eq!(serde_json::from_value::<VitalSleepStage>(json!(7)).unwrap(), VitalSleepStage::Unknown(7));
    assert_eq!(serde_json::to_value(VitalSleepStage::Value3).unwrap(), json!(3));
}

#[tokio::test]
async fn a_flattened_create_sends_only_what_the_caller_set() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v2/user"))
        .and(wiremock::matchers::body_json(json!({"client_user_id": "user-42", "fallback_time_zone": "Europe/London"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "user_id": USER, "team_id": USER, "client_user_id": "user-42", "created_on": "2026-01-28T12:53:04",
            "connected_sources": [], "fallback_time_zone": null
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = connect(Client::builder(), &server);
    let user = client.user().create("user-42").fallback_time_zone("Europe/London").await.unwrap();
    assert_eq!(user.client_user_id, "user-42");
}

#[tokio::test]
async fn a_patch_sends_null_for_a_cleared_field_leaves_the_rest_out_and_a_clone_sends_it_again() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path(format!("/v2/user/{USER}")))
        .and(wiremock::matchers::body_json(json!({"fallback_time_zone": null, "client_user_id": "user-43"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!(null)))
        .expect(2)
        .mount(&server)
        .await;
    let client = connect(Client::builder(), &server);
    let request = client.user().patch(user_id()).clear_fallback_time_zone().client_user_id("user-43");
    let _first = request.clone().await;
    let _second = request.await;
    let sent = received(&server).await;
    assert_eq!(sent.len(), 2, "the clone and the original are two requests");
    let body: serde_json::Value = serde_json::from_slice(&sent[1].body).unwrap();
    assert_eq!(body, json!({"fallback_time_zone": null, "client_user_id": "user-43"}), "absent fields are not sent");
}
