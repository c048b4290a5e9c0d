//! When to try a call again: the [`RetryPolicy`] (attempts, exponential backoff with
//! jitter, a time budget) and what is retried (the rate-limit codes, and network
//! failures of requests that are safe to repeat).

use std::time::Duration;

use serde_json::Value;

use crate::action::ApiError;
use crate::errors::Error;
use crate::random;

/// When and how often to try again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 disables retries).
    pub max_attempts: u32,
    /// The first backoff; it doubles each time, up to `max_delay`, with jitter.
    pub base_delay: Duration,
    /// The longest backoff.
    pub max_delay: Duration,
    /// No retry starts later than this after the first attempt.
    pub max_elapsed: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            max_elapsed: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy { max_attempts: 1, ..RetryPolicy::default() }
    }

    /// The backoff before attempt `attempt + 1` (`attempt` ≥ 1): exponential, with
    /// "equal jitter" (half fixed, half random).
    pub fn delay(&self, attempt: u32) -> Duration {
        let exp = self.base_delay.saturating_mul(1u32 << (attempt - 1).min(20));
        let capped = exp.min(self.max_delay);
        let half = capped / 2;
        half + half.mul_f64(random::fraction())
    }
}

/// Whether an error code says "too many requests": `RequestLimitExceeded`,
/// `RequestLimitExceeded.UinLimitExceeded`, `LimitExceeded.RequestFrequency`…
pub fn is_rate_limit_code(code: &str) -> bool {
    code.starts_with("RequestLimitExceeded") || (code.starts_with("LimitExceeded.") && code.contains("Frequency"))
}

/// Read-only actions and requests carrying a `ClientToken` may be sent twice.
pub fn is_safe_to_repeat(action: &str, body: &Value) -> bool {
    ["Describe", "Inquiry", "Check"].iter().any(|p| action.starts_with(p))
        || body.get("ClientToken").and_then(Value::as_str).is_some_and(|t| !t.is_empty())
}

/// Why a call's outcome is worth another attempt, for traces; `None`: it is final. API
/// errors of the rate-limit families are retried; network failures only for requests
/// `safe` to repeat.
pub(crate) fn reason<T, E: ApiError>(result: &Result<T, Error<E>>, safe: bool) -> Option<&'static str> {
    match result {
        Ok(_) => None,
        Err(Error::Api { code, .. }) if is_rate_limit_code(code.code()) => Some("rate limited"),
        Err(e) if safe && e.is_network() => Some("network failure of a request safe to repeat"),
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy {
            max_attempts: 10,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(1000),
            max_elapsed: Duration::from_secs(60),
        };
        for _ in 0..100 {
            let d1 = p.delay(1);
            assert!(d1 >= Duration::from_millis(50) && d1 <= Duration::from_millis(100), "{d1:?}");
            let d3 = p.delay(3);
            assert!(d3 >= Duration::from_millis(200) && d3 <= Duration::from_millis(400), "{d3:?}");
            let d9 = p.delay(9);
            assert!(d9 >= Duration::from_millis(500) && d9 <= Duration::from_millis(1000), "{d9:?}");
        }
    }

    #[test]
    fn safe_to_repeat() {
        assert!(is_safe_to_repeat("DescribeAddresses", &serde_json::json!({})));
        assert!(is_safe_to_repeat("InquiryPriceCreateVpnGateway", &serde_json::json!({})));
        assert!(is_safe_to_repeat("CheckNetDetectState", &serde_json::json!({})));
        assert!(!is_safe_to_repeat("AssociateAddress", &serde_json::json!({})));
        assert!(is_safe_to_repeat("AllocateAddresses", &serde_json::json!({"ClientToken": "t-1"})));
        assert!(!is_safe_to_repeat("AllocateAddresses", &serde_json::json!({"ClientToken": ""})));
    }
}
