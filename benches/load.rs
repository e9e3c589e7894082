//! The client under load: 20,000 `refresh` calls from 64 concurrent tasks through one client against a
//! loopback server, through the default transport, through a tower concurrency limit (feature `tower`),
//! and as bare reqwest calls, one after another in the same process. It prints throughput, p50 and p99
//! latency, errors, and the process's resident memory when a quarter and three quarters of each run's
//! calls have started. A benchmark, not a test: it asserts nothing.
//!
//! ```text
//! cargo bench --features tower --bench load [-- CALLS TASKS]
//! ```

mod common;

use common::{bare, serve};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The system allocator, counting allocations (allocations per call is the cost most of the seam's
/// work is made of under load: every one is a malloc and a free, often on different threads).
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged.
unsafe impl std::alloc::GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { std::alloc::System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        unsafe { std::alloc::System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { std::alloc::System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

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
    allocations: u64,
    rss_quarter_kib: u64,
    rss_three_quarters_kib: u64,
}

/// `calls` calls of `call` from `tasks` tasks, each taking the next call number until none are left.
async fn drive<F, Fut>(label: &'static str, calls: usize, tasks: usize, call: F) -> Run
where
    F: Fn() -> Fut + Clone + Send + 'static,
    Fut: std::future::Future<Output = bool> + Send,
{
    let next = Arc::new(AtomicUsize::new(0));
    let errors = Arc::new(AtomicUsize::new(0));
    // One slot per call, written before the run starts, so that recording allocates nothing during it
    // and the memory measured is the client's.
    let latencies: Arc<Vec<AtomicU64>> = Arc::new((0..calls).map(|_| AtomicU64::new(0)).collect());
    let rss_quarter = Arc::new(AtomicUsize::new(0));
    let rss_three_quarters = Arc::new(AtomicUsize::new(0));
    let allocations_before = ALLOCATIONS.load(Ordering::Relaxed);
    let start = Instant::now();
    let workers: Vec<_> = (0..tasks)
        .map(|_| {
            let (next, errors, latencies, call) = (next.clone(), errors.clone(), latencies.clone(), call.clone());
            let (rss_quarter, rss_three_quarters) = (rss_quarter.clone(), rss_three_quarters.clone());
            tokio::spawn(async move {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= calls {
                        break;
                    }
                    if n == calls / 4 {
                        rss_quarter.store(resident_kib() as usize, Ordering::Relaxed);
                    }
                    if n == calls * 3 / 4 {
                        rss_three_quarters.store(resident_kib() as usize, Ordering::Relaxed);
                    }
                    let began = Instant::now();
                    if !call().await {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                    latencies[n].store(began.elapsed().as_nanos() as u64, Ordering::Relaxed);
                }
            })
        })
        .collect();
    for worker in workers {
        worker.await.expect("a worker finishes");
    }
    let elapsed = start.elapsed();
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - allocations_before;
    let mut latencies_us: Vec<f64> = latencies.iter().map(|ns| ns.load(Ordering::Relaxed) as f64 / 1e3).collect();
    latencies_us.sort_by(f64::total_cmp);
    Run {
        label,
        elapsed,
        latencies_us,
        errors: errors.load(Ordering::Relaxed),
        allocations,
        rss_quarter_kib: rss_quarter.load(Ordering::Relaxed) as u64,
        rss_three_quarters_kib: rss_three_quarters.load(Ordering::Relaxed) as u64,
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
        // Each configuration runs twice, in the order A B C C B A, so that none always runs first.
        let mut runs = Vec::new();
        // `LOAD_ONLY=N` runs configuration N alone (for a profiler).
        let only: Option<usize> = std::env::var("LOAD_ONLY").ok().and_then(|n| n.parse().ok());
        for which in [0, 1, 2, 2, 1, 0].into_iter().filter(|which| only.is_none_or(|only| only == *which)) {
            let run = match which {
                0 => {
                    let client = default.clone();
                    drive("generated client, default transport", calls, tasks, move || {
                        let client = client.clone();
                        async move { client.user().refresh(user_id).await.is_ok() }
                    })
                    .await
                }
                1 => {
                    let client = limited.clone();
                    drive("generated client, tower ConcurrencyLimit(16)", calls, tasks, move || {
                        let client = client.clone();
                        async move { client.user().refresh(user_id).await.is_ok() }
                    })
                    .await
                }
                _ => {
                    let (client, base) = (plain.clone(), base.clone());
                    drive("bare reqwest + serde_json, 60 s timeout", calls, tasks, move || {
                        let (client, base) = (client.clone(), base.clone());
                        async move {
                            bare(&client, &base, user_id, timeout).await;
                            true
                        }
                    })
                    .await
                }
            };
            runs.push(run);
        }
        runs
    });
    println!("connections accepted by the server: {}", common::ACCEPTED.load(Ordering::Relaxed));
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("{calls} refresh calls from {tasks} tasks through one client, loopback, {cores} cores");
    println!(
        "  {:<46} {:>9} {:>9} {:>9} {:>7} {:>11} {:>12} {:>12}",
        "", "calls/s", "p50 µs", "p99 µs", "errors", "allocs/call", "RSS 1/4 KiB", "RSS 3/4 KiB"
    );
    let mut runs = runs;
    runs.sort_by_key(|run| run.label);
    for run in &runs {
        println!(
            "  {:<46} {:>9.0} {:>9.1} {:>9.1} {:>7} {:>11.1} {:>12} {:>12}",
            run.label,
            calls as f64 / run.elapsed.as_secs_f64(),
            percentile(&run.latencies_us, 0.50),
            percentile(&run.latencies_us, 0.99),
            run.errors,
            run.allocations as f64 / calls as f64,
            run.rss_quarter_kib,
            run.rss_three_quarters_kib,
        );
    }
}
