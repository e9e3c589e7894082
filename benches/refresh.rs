//! Runtime overhead of the generated client: `client.user().refresh(id)` against a loopback server,
//! beside a bare hand-written reqwest call that sends the same request and decodes the same body with
//! serde. Both share one process, one server and one single-threaded runtime, and alternate in rounds, so that drift
//! hits both alike. A benchmark, not a test: it prints the numbers and asserts nothing.
//!
//! ```text
//! cargo bench --bench refresh [-- ROUNDS CALLS_PER_ROUND]
//! ```

use std::time::{Duration, Instant};

/// A real 200 body of `POST /v2/user/refresh/{user_id}`.
const BODY: &str = r#"{"success":true,"user_id":"9b4d8b68-bd8a-4b25-9bb1-7c9a1f4a5a32","refreshed_sources":["oura","fitbit","garmin"],"in_progress_sources":["whoop"],"failed_sources":[]}"#;

/// A keep-alive HTTP/1.1 server on loopback, answering every request with [`BODY`]. It runs as a task
/// on the benchmark's own single-threaded runtime: no thread hand-offs, whose scheduling noise would
/// swamp the microseconds being compared.
async fn serve() -> String {
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a loopback port");
    let address = listener.local_addr().expect("its address");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
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
                            Ok(_) => {}
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
struct Refreshed {
    success: bool,
    user_id: uuid::Uuid,
    refreshed_sources: Vec<String>,
    in_progress_sources: Vec<String>,
    failed_sources: Vec<String>,
}

async fn bare(client: &reqwest::Client, base: &str, user_id: uuid::Uuid, timeout: Option<Duration>) -> Refreshed {
    let mut request = client.post(format!("{base}/v2/user/refresh/{user_id}")).header("x-vital-api-key", "sk_bench");
    if let Some(timeout) = timeout {
        request = request.timeout(timeout);
    }
    let response = request.send().await.expect("the server answers");
    assert!(response.status().is_success());
    let bytes = response.bytes().await.expect("the body arrives");
    serde_json::from_slice(&bytes).expect("the body decodes")
}

fn per_call(elapsed: Duration, calls: usize) -> f64 {
    elapsed.as_secs_f64() * 1e6 / calls as f64
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let rounds = args.first().copied().unwrap_or(15);
    let calls = args.get(1).copied().unwrap_or(2000);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    let base = runtime.block_on(serve());
    let user_id = uuid::Uuid::parse_str("9b4d8b68-bd8a-4b25-9bb1-7c9a1f4a5a32").expect("a uuid");
    let ours = junction_api::Client::builder().api_key("sk_bench").base_url(&base).build().expect("a client");
    let plain = reqwest::Client::new();
    let (mut ours_us, mut bare_us, mut timed_us) = (Vec::new(), Vec::new(), Vec::new());
    // The generated client sets a per-attempt timeout (60 s by default); a production hand-written call
    // would too, so the bare call is also measured with one.
    let timeout = Some(Duration::from_secs(60));
    runtime.block_on(async {
        // Warm both connections and code paths.
        for _ in 0..200 {
            ours.user().refresh(user_id).await.expect("refresh succeeds");
            bare(&plain, &base, user_id, None).await;
            bare(&plain, &base, user_id, timeout).await;
        }
        for round in 0..rounds {
            // Rotate which goes first, so none always runs on a warmer machine.
            for turn in 0..3 {
                let start = Instant::now();
                match (round + turn) % 3 {
                    0 => {
                        for _ in 0..calls {
                            std::hint::black_box(ours.user().refresh(user_id).await.expect("refresh succeeds"));
                        }
                        ours_us.push(per_call(start.elapsed(), calls));
                    }
                    1 => {
                        for _ in 0..calls {
                            std::hint::black_box(bare(&plain, &base, user_id, None).await);
                        }
                        bare_us.push(per_call(start.elapsed(), calls));
                    }
                    _ => {
                        for _ in 0..calls {
                            std::hint::black_box(bare(&plain, &base, user_id, timeout).await);
                        }
                        timed_us.push(per_call(start.elapsed(), calls));
                    }
                }
            }
        }
    });
    let (ours, bare, timed) = (median(&mut ours_us), median(&mut bare_us), median(&mut timed_us));
    let overhead = |reference: f64| (ours / reference - 1.0) * 100.0;
    println!("refresh against a loopback server: {rounds} rounds x {calls} calls each, median per call");
    println!("  generated client: client.user().refresh(id)             {ours:>7.2} µs");
    println!(
        "  bare reqwest + serde_json::from_slice                   {bare:>7.2} µs  (overhead {:+.1} %)",
        overhead(bare)
    );
    println!(
        "  bare reqwest with a 60 s timeout + serde_json           {timed:>7.2} µs  (overhead {:+.1} %)",
        overhead(timed)
    );
}
