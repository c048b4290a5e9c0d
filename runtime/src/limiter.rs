//! Keeping to each action's documented rate ([`crate::ClientBuilder::rate_limit`]): a token
//! bucket per action, filled at the action's documented requests per second.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// A token bucket per action, filled at the action's documented rate.
#[derive(Default)]
pub(crate) struct RateLimiter {
    buckets: tokio::sync::Mutex<BTreeMap<String, Bucket>>,
}

struct Bucket {
    tokens: f64,
    last: Instant,
}

impl RateLimiter {
    /// Waits until `action` may be sent again at `limit` requests per second (no limit:
    /// at once). A full bucket lets a burst of `limit` requests through.
    pub(crate) async fn acquire(&self, action: &str, limit: Option<u32>) {
        let Some(rate) = limit.filter(|l| *l > 0).map(f64::from) else { return };
        loop {
            let wait = {
                let mut buckets = self.buckets.lock().await;
                let now = Instant::now();
                let bucket = buckets.entry(action.to_string()).or_insert(Bucket { tokens: rate, last: now });
                bucket.tokens = (bucket.tokens + now.duration_since(bucket.last).as_secs_f64() * rate).min(rate);
                bucket.last = now;
                if bucket.tokens >= 1.0 {
                    bucket.tokens -= 1.0;
                    return;
                }
                Duration::from_secs_f64((1.0 - bucket.tokens) / rate)
            };
            tokio::time::sleep(wait).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_the_rate_each_action_its_own() {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
        runtime.block_on(async {
            let limiter = RateLimiter::default();
            let start = Instant::now();
            for _ in 0..5 {
                limiter.acquire("A", Some(5)).await;
                limiter.acquire("B", Some(5)).await;
                limiter.acquire("C", None).await;
            }
            assert!(start.elapsed() < Duration::from_millis(150), "a full bucket lets a burst through");
            limiter.acquire("A", Some(5)).await;
            assert!(start.elapsed() >= Duration::from_millis(150), "then a fifth of a second per request");
        });
    }
}
