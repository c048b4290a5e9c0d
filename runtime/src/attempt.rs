//! The retry loop and one attempt on the wire, the same code for every action: the call's
//! options resolved (the client's, then the handle's [`crate::CallOptions`]), every attempt
//! signed afresh and sent through the client's [`crate::Transport`] within its timeout and
//! the call's deadline, the reply read whole (JSON) or handed on as it arrives (a streamed
//! reply), retried as the policy allows, traced.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::action::ApiError;
use crate::breaker::Breaker;
use crate::client::Client;
use crate::errors::{body_start, Error};
use crate::options::CallOptions;
use crate::reply::{request_id_of, Answer};
use crate::request::{self, Call, Context};
use crate::retry::{self, RetryPolicy};
use crate::transport::{HttpRequest, TransportError};

/// The options of one call: the client's settings, then its handle's.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
    /// When the call must be over.
    pub(crate) deadline: Option<Instant>,
    pub(crate) idle_timeout: Duration,
    pub(crate) headers: Vec<(String, String)>,
}

impl Client {
    /// The options of a call starting now.
    pub(crate) fn resolve(&self) -> Resolved {
        let inner = &self.inner;
        let own = CallOptions::default();
        let options = self.options.as_deref().unwrap_or(&own);
        Resolved {
            timeout: options.timeout.unwrap_or(inner.timeout),
            retry: options.retry.clone().unwrap_or_else(|| inner.retry.clone()),
            deadline: options.deadline.or(inner.deadline).map(|d| Instant::now() + d),
            idle_timeout: options.idle_timeout.unwrap_or(inner.idle_timeout),
            headers: inner.headers.iter().chain(&options.headers).cloned().collect(),
        }
    }

    /// Sends a call (retrying as the policy allows) and decodes each answer with `decode`.
    /// Traced: a span `tencentcloud.call` (service, action, version, region) and, per
    /// attempt, an event with its number, latency, outcome, error code and request id, and
    /// one per retry with its reason and delay. No credential, token or signature is in any
    /// of them.
    pub(crate) async fn call<T, E: ApiError>(
        &self,
        call: &Call<'_>,
        decode: impl Fn(Answer) -> Result<T, Error<E>>,
    ) -> Result<T, Error<E>> {
        let span = tracing::debug_span!(
            "tencentcloud.call",
            service = call.service,
            action = call.action,
            version = call.version,
            region = self.inner.region.as_str(),
        );
        tracing::Instrument::instrument(self.call_traced(call, decode), span).await
    }

    async fn call_traced<T, E: ApiError>(
        &self,
        call: &Call<'_>,
        decode: impl Fn(Answer) -> Result<T, Error<E>>,
    ) -> Result<T, Error<E>> {
        let options = self.resolve();
        let retry = &options.retry;
        let start = Instant::now();
        let mut attempt = 1;
        loop {
            if let Some(limiter) = &self.inner.limiter {
                limiter.acquire(call.action, call.rate_limit).await;
            }
            let sent = Instant::now();
            let answer = self.attempt(call, &options).await;
            let request_id = match &answer {
                Ok(Answer::Whole(bytes)) => request_id_of(bytes),
                Ok(Answer::Stream(head)) => head.header("x-tc-requestid").unwrap_or_default().to_string(),
                Err(_) => String::new(),
            };
            let result = answer.and_then(&decode);
            let latency_ms = sent.elapsed().as_millis() as u64;
            match &result {
                Ok(_) => {
                    tracing::debug!(attempt, latency_ms, outcome = "ok", request_id = request_id.as_str(), "attempt")
                }
                Err(e) => tracing::debug!(
                    attempt,
                    latency_ms,
                    outcome = e.kind(),
                    code = e.code().map_or("", ApiError::code),
                    request_id = request_id.as_str(),
                    "attempt"
                ),
            }
            let reason = retry::reason(&result, call.safe);
            let delay = retry.delay(attempt);
            let Some(reason) = reason else { return result };
            if attempt >= retry.max_attempts || start.elapsed() + delay > retry.max_elapsed {
                tracing::debug!(attempt, reason, "giving up: the retry policy's attempts or time are spent");
                return result;
            }
            if options.deadline.is_some_and(|end| Instant::now() + delay >= end) {
                tracing::debug!(attempt, reason, "giving up: the call's deadline comes before the next attempt");
                return result;
            }
            tracing::debug!(attempt, reason, delay_ms = delay.as_millis() as u64, "retrying");
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// One signed attempt, with a fresh timestamp, within the attempt's timeout and the
    /// call's deadline.
    async fn attempt<E: ApiError>(&self, call: &Call<'_>, options: &Resolved) -> Result<Answer, Error<E>> {
        let now = Instant::now();
        let (budget, by_deadline) = match options.deadline {
            Some(end) if end.saturating_duration_since(now) <= options.timeout => {
                (end.saturating_duration_since(now), true)
            }
            _ => (options.timeout, false),
        };
        let breaker = self.inner.breaker.as_ref().filter(|_| self.endpoint.is_none());
        let on_backup = breaker.is_some_and(Breaker::open);
        let result = match tokio::time::timeout(budget, self.exchange(call, options, on_backup)).await {
            Ok(result) => result,
            Err(_) if by_deadline => Err(Error::Deadline),
            Err(_) => Err(Error::Timeout),
        };
        if let (Some(breaker), false) = (breaker, on_backup) {
            breaker.record(result.as_ref().err().is_some_and(Error::is_network));
        }
        result
    }

    /// The request of an attempt sent, and its reply read: whole, or up to its head for a
    /// streamed reply.
    async fn exchange<E: ApiError>(
        &self,
        call: &Call<'_>,
        options: &Resolved,
        on_backup: bool,
    ) -> Result<Answer, Error<E>> {
        let inner = &self.inner;
        // This handle's endpoint; else the backup while the breaker is open; else the primary.
        let endpoint = match (&self.endpoint, &inner.breaker) {
            (Some(endpoint), _) => endpoint,
            (None, Some(b)) if on_backup => b.backup(),
            _ => &inner.endpoint,
        };
        let (url, host) = endpoint.resolve_in(call.service, &inner.region, &inner.root_domain);
        let credentials = inner.credentials.get().await.map_err(|e| Error::Credentials(e.to_string()))?;
        let context = Context {
            host: &host,
            region: &inner.region,
            credentials: credentials.as_ref(),
            language: inner.language,
            extra: &options.headers,
            timestamp: SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()),
        };
        let request = HttpRequest {
            method: "POST".to_string(),
            url,
            headers: request::headers(call, &context),
            body: call.body.clone(),
        };
        let transport = |e: TransportError| match e {
            TransportError::Timeout => Error::Timeout,
            TransportError::Other(e) => Error::Transport(e),
        };
        let reply = inner.transport.send(request).await.map_err(transport)?;
        let status = reply.status;
        if call.stream && (200..300).contains(&status) && reply.media_type() == "text/event-stream" {
            return Ok(Answer::Stream(reply));
        }
        let bytes = reply.body.bytes().await.map_err(transport)?;
        if !(200..300).contains(&status) {
            return Err(Error::Status { status, body: body_start(&bytes) });
        }
        Ok(Answer::Whole(bytes))
    }
}
