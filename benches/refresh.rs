//! Runtime overhead of the generated client: `client.user().refresh(id)` against a loopback server,
//! beside a bare hand-written reqwest call that sends the same request and decodes the same body with
//! serde. Both share one process, one server and one single-threaded runtime, and alternate in rounds, so that drift
//! hits both alike. A benchmark, not a test: it prints the numbers and asserts nothing.
//!
//! ```text
//! cargo bench --bench refresh [-- ROUNDS CALLS_PER_ROUND]
//! ```

use std::time::{Duration, Instant};

mod common;

use common::{bare, serve};

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
