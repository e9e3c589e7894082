//! The client under load: 20,000 `refresh` calls from 64 concurrent tasks through one client against a
//! loopback server, through the default transport, through a tower concurrency limit (feature `tower`),
//! and as bare reqwest calls, one after another in the same process. It prints throughput, p50 and p99
//! latency, errors, and the process's resident memory after the first quarter and at the end of each
//! run. A benchmark, not a test: it asserts nothing.
//!
//! ```text
//! cargo bench --features tower --bench load [-- CALLS TASKS]
//! ```

mod common;

use common::{bare, serve};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The resident set size of this process, in KiB (Linux; 0 elsewhere).
fn resident_kib() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = statm.split_whitespace().nth(1).and_then(|p| p.parse().ok()).unwrap_or(0);
    pages * 4
}

/// One run's numbers.
struct Run {
    label: &'static str,
    elapsed: Duration,
    latencies_us: Vec<f64>,
    errors: usize,
    rss_quarter_kib: u64,
    rss_end_kib: u64,
}

/// `calls` calls of `call` from `tasks` tasks, each taking the next call number until none are left.
async fn drive<F, Fut>(label: &'static str, calls: usize, tasks: usize, call: F) -> Run
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(calls)));
    let rss_quarter = Arc::new(AtomicUsize::new(0));
    let start = Instant::now();
    let workers: Vec<_> = (0..tasks)
        .map(|_| {
            let (next, errors, latencies, rss_quarter, call) =
                (next.clone(), errors.clone(), latencies.clone(), rss_quarter.clone(), call.clone());
            tokio::spawn(async move {
                let mut mine = Vec::new();
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= calls {
                        break;
                    }
                    if n == calls / 4 {
                        rss_quarter.store(resident_kib() as usize, Ordering::Relaxed);
                    }
                    let began = Instant::now();
                    if !call().await {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                    mine.push(began.elapsed().as_secs_f64() * 1e6);
                }
                latencies.lock().unwrap().extend(mine);
            })
        })
        .collect();
    for worker in workers {
        worker.await.expect("a worker finishes");
    }
    let elapsed = start.elapsed();
    let mut latencies_us = std::mem::take(&mut *latencies.lock().unwrap());
    latencies_us.sort_by(f64::total_cmp);
    Run {
        label,
        elapsed,
        latencies_us,
        errors: errors.load(Ordering::Relaxed),
        rss_quarter_kib: rss_quarter.load(Ordering::Relaxed) as u64,
        rss_end_kib: resident_kib(),
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let calls = args.first().copied().unwrap_or(20_000);
    let tasks = args.get(1).copied().unwrap_or(64);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    let runs = runtime.block_on(async {
        let base = serve().await;
        let user_id = uuid::Uuid::parse_str("9b4d8b68-bd8a-4b25-9bb1-7c9a1f4a5a32").expect("a uuid");
        let default = junction_api::Client::builder().api_key("sk_bench").base_url(&base).build().expect("a client");
        let limited = junction_api::Client::builder()
            .api_key("sk_bench")
            .base_url(&base)
            .layer(tower::limit::ConcurrencyLimitLayer::new(16))
            .build()
            .expect("a client");
        let plain = reqwest::Client::new();
        let timeout = Some(Duration::from_secs(60));
        // Warm every path and connection pool.
        for _ in 0..200 {
            let _ = default.user().refresh(user_id).await;
            let _ = limited.user().refresh(user_id).await;
            bare(&plain, &base, user_id, timeout).await;
        }
        let mut runs = Vec::new();
        let client = default.clone();
        runs.push(
            drive("generated client, default transport", calls, tasks, move || {
                let client = client.clone();
                async move { client.user().refresh(user_id).await.is_ok() }
            })
            .await,
        );
        let client = limited.clone();
        runs.push(
            drive("generated client, tower ConcurrencyLimit(16)", calls, tasks, move || {
                let client = client.clone();
                async move { client.user().refresh(user_id).await.is_ok() }
            })
            .await,
        );
        let (client, base) = (plain.clone(), base.clone());
        runs.push(
            drive("bare reqwest + serde_json, 60 s timeout", calls, tasks, move || {
                let (client, base) = (client.clone(), base.clone());
                async move {
                    bare(&client, &base, user_id, timeout).await;
                    true
                }
            })
            .await,
        );
        runs
    });
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("{calls} refresh calls from {tasks} tasks through one client, loopback, {cores} cores");
    println!(
        "  {:<46} {:>9} {:>9} {:>9} {:>7} {:>12} {:>12}",
        "", "calls/s", "p50 µs", "p99 µs", "errors", "RSS 1/4 KiB", "RSS end KiB"
    );
    for run in &runs {
        println!(
            "  {:<46} {:>9.0} {:>9.1} {:>9.1} {:>7} {:>12} {:>12}",
            run.label,
            calls as f64 / run.elapsed.as_secs_f64(),
            percentile(&run.latencies_us, 0.50),
            percentile(&run.latencies_us, 0.99),
            run.errors,
            run.rss_quarter_kib,
            run.rss_end_kib,
        );
    }
}
