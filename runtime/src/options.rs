//! Per-call options: what a handle made by [`crate::Client::with_options`] changes for the
//! calls made through it (a longer timeout for one slow action, a deadline for a batch, no
//! retries for a probe, a trace header), the client's settings staying as they are for
//! every other call.

use std::time::Duration;

use crate::retry::RetryPolicy;

/// Options for some calls of a [`crate::Client`]: each one set replaces the client's
/// setting of the same name for the calls of the handle
/// `client.with_options(CallOptions::new().timeout(…))`; headers are added to the
/// client's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CallOptions {
    pub(crate) timeout: Option<Duration>,
    pub(crate) deadline: Option<Duration>,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) idle_timeout: Option<Duration>,
    pub(crate) headers: Vec<(String, String)>,
}

impl CallOptions {
    /// No option set: the client's settings.
    pub fn new() -> CallOptions {
        CallOptions::default()
    }

    /// How long one attempt may take until the reply's head (and, for a JSON reply, its
    /// whole body) has come.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// How long the whole call may take, every attempt and every wait between retries
    /// included; when it passes the call fails with [`crate::Error::Deadline`].
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// When to retry.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = Some(retry);
        self
    }

    /// How long a streamed reply may stay silent between two events (heartbeats count)
    /// before it fails with [`crate::Error::Stalled`].
    pub fn idle_timeout(mut self, idle: Duration) -> Self {
        self.idle_timeout = Some(idle);
        self
    }

    /// A header sent with these calls, after the client's own (the same names are
    /// reserved as for [`crate::ClientBuilder::header`]).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        if !is_reserved_header(&name) {
            self.headers.push((name, value.into()));
        }
        self
    }

    /// These options, then `other`'s where it sets one (headers: both).
    pub(crate) fn then(&self, other: &CallOptions) -> CallOptions {
        CallOptions {
            timeout: other.timeout.or(self.timeout),
            deadline: other.deadline.or(self.deadline),
            retry: other.retry.clone().or_else(|| self.retry.clone()),
            idle_timeout: other.idle_timeout.or(self.idle_timeout),
            headers: self.headers.iter().chain(&other.headers).cloned().collect(),
        }
    }
}

/// The headers the signature covers or the API reads: never set by a user.
pub(crate) fn is_reserved_header(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    ["host", "content-type", "authorization", "user-agent"].contains(&lower.as_str()) || lower.starts_with("x-tc-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_options_win_and_headers_add_up() {
        let first = CallOptions::new().timeout(Duration::from_secs(1)).header("X-A", "1");
        let second = CallOptions::new().deadline(Duration::from_secs(9)).header("X-B", "2").header("Host", "evil");
        let both = first.then(&second);
        assert_eq!(both.timeout, Some(Duration::from_secs(1)));
        assert_eq!(both.deadline, Some(Duration::from_secs(9)));
        assert_eq!(both.headers, [("X-A".to_string(), "1".to_string()), ("X-B".to_string(), "2".to_string())]);
        let third = both.then(&CallOptions::new().timeout(Duration::from_secs(3)));
        assert_eq!(third.timeout, Some(Duration::from_secs(3)));
    }
}
