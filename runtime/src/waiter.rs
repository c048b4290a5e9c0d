//! Waiters: poll until a reply says the work is done, with backoff, a deadline and
//! cancellation.
//!
//! [`wait_until`] is the generic one: any poll (usually a Describe call), any test of its
//! reply. The generated `…_until_done` methods use it with the states their page documents
//! (`SUCCESS` / `FAILED` / `RUNNING` of `DescribeVpcTaskResult`). Cancelling is dropping
//! the future (`tokio::time::timeout`, `select!`, an aborted task): no poll is sent after.

use std::future::Future;
use std::time::Duration;

use crate::action::ApiError;
use crate::errors::Error;

/// What the generated `…_until_done` methods return: the wait, as a boxed future.
pub type Waiting<'a, T, E> = std::pin::Pin<Box<dyn Future<Output = Result<T, WaitError<T, E>>> + Send + 'a>>;

/// How often and how long to poll.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WaitPolicy {
    /// The delay before the second poll (the first is sent at once).
    pub initial_delay: Duration,
    /// Each delay is the previous one times this (at least 1).
    pub multiplier: f64,
    /// No delay is longer than this.
    pub max_delay: Duration,
    /// Give up this long after the first poll: [`WaitError::TimedOut`].
    pub deadline: Duration,
}

impl Default for WaitPolicy {
    /// 1 s, growing by half up to 15 s, for at most 10 minutes.
    fn default() -> Self {
        WaitPolicy {
            initial_delay: Duration::from_secs(1),
            multiplier: 1.5,
            max_delay: Duration::from_secs(15),
            deadline: Duration::from_secs(600),
        }
    }
}

/// What a reply says of the work it reports on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WaitState {
    /// Done: the wait ends with this reply.
    Done,
    /// Not yet: poll again.
    Pending,
    /// Failed: the wait ends with [`WaitError::Failed`], saying why.
    Failed(String),
}

/// Why a wait ended without the work being done. `T` is the poll's reply.
#[derive(Debug)]
pub enum WaitError<T, E> {
    /// The reply reported a failure state: why, and the last reply.
    Failed {
        /// What the reply said: `Status is FAILED`.
        reason: String,
        /// The reply that said it.
        last: T,
    },
    /// The deadline passed first; the last reply, if any came.
    TimedOut {
        /// How long the wait lasted.
        waited: Duration,
        /// The last reply.
        last: Option<T>,
    },
    /// A poll failed (after the client's own retries).
    Poll(Error<E>),
}

impl<T: std::fmt::Debug, E: ApiError> std::fmt::Display for WaitError<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WaitError::Failed { reason, .. } => write!(f, "the work failed: {reason}"),
            WaitError::TimedOut { waited, .. } => write!(f, "not done after {:.1} s", waited.as_secs_f64()),
            WaitError::Poll(e) => write!(f, "polling failed: {e}"),
        }
    }
}

impl<T: std::fmt::Debug, E: ApiError> std::error::Error for WaitError<T, E> {}

/// Polls until `decide` says the reply is [`WaitState::Done`] (returned) or
/// [`WaitState::Failed`], a poll fails, or the policy's deadline passes. The first poll is
/// sent at once; then the delays grow from `initial_delay` by `multiplier` up to
/// `max_delay`, the last one cut short at the deadline. Drop the future to cancel.
pub async fn wait_until<T, E, P, F>(
    mut poll: P,
    mut decide: impl FnMut(&T) -> WaitState,
    policy: &WaitPolicy,
) -> Result<T, WaitError<T, E>>
where
    P: FnMut() -> F,
    F: Future<Output = Result<T, Error<E>>>,
{
    let start = tokio::time::Instant::now();
    let deadline = start + policy.deadline;
    let mut delay = policy.initial_delay;
    loop {
        let reply = poll().await.map_err(WaitError::Poll)?;
        match decide(&reply) {
            WaitState::Done => return Ok(reply),
            WaitState::Failed(reason) => return Err(WaitError::Failed { reason, last: reply }),
            WaitState::Pending => {}
        }
        let now = tokio::time::Instant::now();
        if now >= deadline {
            return Err(WaitError::TimedOut { waited: now - start, last: Some(reply) });
        }
        tokio::time::sleep_until((now + delay).min(deadline)).await;
        if tokio::time::Instant::now() >= deadline {
            return Err(WaitError::TimedOut { waited: deadline - start, last: Some(reply) });
        }
        delay = delay.mul_f64(policy.multiplier.max(1.0)).min(policy.max_delay);
    }
}

/// The [`WaitState`] of the resources a Describe action lists, from their states: done
/// when there is at least one and every one is among `targets`; failed when one is among
/// `failed` (and not a target); else pending (for the generated resource waiters). The
/// targets are the state's generated enum where its page lists the values
/// (`&[AddressStatus::Bind]`), strings otherwise (`&["BIND"]`).
pub fn states_of<'a, T: AsRef<str>>(
    states: impl Iterator<Item = &'a str>,
    targets: &[T],
    failed: &[&str],
    field: &str,
) -> WaitState {
    let is = |values: &[&str], state: &str| values.iter().any(|v| v.eq_ignore_ascii_case(state.trim()));
    let targets: Vec<&str> = targets.iter().map(AsRef::as_ref).collect();
    let mut seen = 0;
    let mut all_there = true;
    for state in states {
        seen += 1;
        if is(&targets, state) {
            continue;
        }
        if is(failed, state) {
            return WaitState::Failed(format!("{field} is {state}"));
        }
        all_there = false;
    }
    if seen > 0 && all_there {
        WaitState::Done
    } else {
        WaitState::Pending
    }
}

/// The [`WaitState`] of a state value, given the values the documentation lists as done,
/// failed and in progress: for the generated waiters. A value the documentation does not
/// list is taken as in progress (the deadline bounds the wait). Compared without regard to
/// ASCII case (`success` for a documented `SUCCESS`).
pub fn state_of(value: &str, done: &[&str], failed: &[&str], field: &str) -> WaitState {
    let listed = |values: &[&str]| values.iter().any(|v| v.eq_ignore_ascii_case(value.trim()));
    if listed(done) {
        WaitState::Done
    } else if listed(failed) {
        WaitState::Failed(format!("{field} is {value}"))
    } else {
        WaitState::Pending
    }
}
