//! The circuit breaker between the primary endpoint and a backup: after enough network
//! failures in a row on the primary, requests go to the backup for a while; then the
//! primary is tried again, and kept if it answers.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::endpoint::Endpoint;

/// When the backup endpoint takes over: after `failures` network failures in a row on
/// the primary (timeouts, connection errors, HTTP 502–504), for `open_for`; then the
/// primary is tried again, and kept if it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreakerPolicy {
    /// Consecutive network failures that trip the breaker.
    pub failures: u32,
    /// How long requests go to the backup before the primary is tried again.
    pub open_for: Duration,
}

impl Default for BreakerPolicy {
    fn default() -> Self {
        BreakerPolicy { failures: 5, open_for: Duration::from_secs(60) }
    }
}

/// The state of the breaker between the primary and the backup endpoint.
#[derive(Debug)]
pub(crate) struct Breaker {
    backup: Endpoint,
    policy: BreakerPolicy,
    /// Network failures in a row on the primary, and until when the breaker is open.
    state: Mutex<(u32, Option<Instant>)>,
}

impl Breaker {
    /// A closed breaker in front of `backup`.
    pub(crate) fn new(backup: Endpoint, policy: BreakerPolicy) -> Self {
        Breaker { backup, policy, state: Mutex::new((0, None)) }
    }

    /// Where requests go while the breaker is open.
    pub(crate) fn backup(&self) -> &Endpoint {
        &self.backup
    }

    /// Whether requests go to the backup now.
    pub(crate) fn open(&self) -> bool {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.1.is_some_and(|until| Instant::now() < until)
    }

    /// What an attempt on the primary gave: a network failure or not.
    pub(crate) fn record(&self, network_failure: bool) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if network_failure {
            state.0 += 1;
            if state.0 >= self.policy.failures {
                tracing::warn!(failures = state.0, "endpoint breaker open: requests go to the backup endpoint");
                *state = (0, Some(Instant::now() + self.policy.open_for));
            }
        } else {
            if state.1.is_some() {
                tracing::info!("endpoint breaker closed: the primary endpoint answers again");
            }
            *state = (0, None);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_in_a_row_open_it_and_an_answer_closes_it() {
        let policy = BreakerPolicy { failures: 2, open_for: Duration::from_secs(60) };
        let breaker = Breaker::new(Endpoint::International, policy);
        breaker.record(true);
        breaker.record(false);
        breaker.record(true);
        assert!(!breaker.open(), "two failures, but not in a row");
        breaker.record(true);
        assert!(breaker.open());
        assert_eq!(breaker.backup(), &Endpoint::International);
        breaker.record(false);
        assert!(!breaker.open());
    }

    #[test]
    fn it_closes_when_its_time_is_up() {
        let breaker = Breaker::new(Endpoint::Default, BreakerPolicy { failures: 1, open_for: Duration::ZERO });
        breaker.record(true);
        assert!(!breaker.open());
    }
}
