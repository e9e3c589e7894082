//! What the benchmarks share: a loopback server that answers like `refresh`, and the bare reqwest call
//! the generated client is compared with.

#![allow(dead_code, reason = "each benchmark uses some of these")]

use std::time::Duration;

/// A real 200 body of `POST /v2/user/refresh/{user_id}`.
pub const BODY: &str = r#"{"success":true,"user_id":"9b4d8b68-bd8a-4b25-9bb1-7c9a1f4a5a32","refreshed_sources":["oura","fitbit","garmin"],"in_progress_sources":["whoop"],"failed_sources":[]}"#;

/// A keep-alive HTTP/1.1 server on loopback, answering every request with [`BODY`]. It runs as a task
/// on the benchmark's own single-threaded runtime: no thread hand-offs, whose scheduling noise would
/// swamp the microseconds being compared.
/// How many connections the server accepted (a client that reuses its connections keeps it low).
pub static ACCEPTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

pub async fn serve() -> String {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
    let address = listener.local_addr().expect("its address");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            ACCEPTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            tokio::spawn(async move {
                let _ = stream.set_nodelay(true);
                let (reader, mut writer) = stream.into_split();
                let mut reader = BufReader::new(reader);
                let response = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{BODY}",
                    BODY.len()
                );
                let mut line = String::new();
                loop {
                    // One request's head (refresh sends no body) ends with an empty line.
                    loop {
                        line.clear();
                        match reader.read_line(&mut line).await {
                            Ok(0) | Err(_) => return,
                            Ok(_) if line == "\r\n" => break,
                            Ok(_) => {
                                if std::env::var_os("SHOW_HEADS").is_some() {
                                    eprint!("{line}");
                                }
                            }
                        }
                    }
                    if writer.write_all(response.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    format!("http://{address}")
}

/// What the bare call decodes into: the same fields, written by hand.
#[derive(serde::Deserialize)]
#[allow(dead_code, reason = "fields are decoded to cost what the generated type costs, then dropped")]
pub struct Refreshed {
    success: bool,
    user_id: uuid::Uuid,
    refreshed_sources: Vec<String>,
    in_progress_sources: Vec<String>,
    failed_sources: Vec<String>,
}

pub async fn bare(client: &reqwest::Client, base: &str, user_id: uuid::Uuid, timeout: Option<Duration>) -> Refreshed {
    let mut request = client.post(format!("{base}/v2/user/refresh/{user_id}")).header("x-vital-api-key", "sk_bench");
    if let Some(timeout) = timeout {
        request = request.timeout(timeout);
    }
    let response = request.send().await.expect("the server answers");
    assert!(response.status().is_success());
    let bytes = response.bytes().await.expect("the body arrives");
    serde_json::from_slice(&bytes).expect("the body decodes")
}
