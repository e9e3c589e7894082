//! The `testing` feature: types that are only received get `new` and setters, so tests build them
//! without JSON. Needs `--features testing` (`.ci/run` runs it); the requests guide's snippet
//! (junction-api/guide/requests.md) is this test's body, checked below.

const GUIDE: &str = include_str!("../junction-api/guide/requests.md");

#[test]
fn received_types_are_built_with_new_and_setters() {
    // Keep in step with the README's "Types you only receive, in your tests" block.
    use junction_api::types::ClientFacingUser;

    let created_on = chrono::DateTime::parse_from_rfc3339("2026-01-28T12:53:04+00:00").unwrap();
    let (user_id, team_id) = (uuid::Uuid::nil(), uuid::Uuid::nil());
    // The last argument is `fallback_time_zone`: required, but it may be `null`.
    let user = ClientFacingUser::new(user_id, team_id, "user-42", created_on, vec![], None)
        .ingestion_start(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
    assert_eq!(user.client_user_id, "user-42");
    assert_eq!(serde_json::to_value(&user).unwrap()["ingestion_start"], "2026-01-01");
}

#[test]
fn the_readme_shows_what_the_test_above_compiles() {
    let source = include_str!("testing_feature.rs");
    let body = source.split("README's \"Types you only receive, in your tests\" block.\n").nth(1).unwrap();
    let body = body.split("\n}\n").next().unwrap();
    let code: Vec<&str> = body.lines().map(|line| line.strip_prefix("    ").unwrap_or(line)).collect();
    let block = GUIDE.split("```rust,ignore\n").nth(1).and_then(|b| b.split("```").next()).unwrap();
    let shown: Vec<&str> = block.lines().filter(|l| !l.starts_with("// [dev-dependencies]")).collect();
    let code: Vec<&str> = code.into_iter().filter(|l| !l.is_empty()).collect();
    let shown: Vec<&str> = shown.into_iter().filter(|l| !l.is_empty()).collect();
    assert_eq!(shown, code, "the requests guide's testing block and this test differ");
}

#[test]
fn a_received_enum_union_and_error_body_build_too() {
    use junction_api::types::{HttpValidationError, UserRefreshErrorResponse};
    let error = UserRefreshErrorResponse::new(uuid::Uuid::nil(), "no such user").failed_sources(vec!["oura".into()]);
    assert_eq!(serde_json::to_value(&error).unwrap()["success"], false, "the const is filled in");
    assert_eq!(HttpValidationError::default(), HttpValidationError::new());
}
