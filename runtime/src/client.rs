//! The HTTP client: sends any [`Action`] as a signed `POST /` with a JSON body, and turns
//! the reply into the action's response or a typed [`Error`]. Retries rate-limited calls,
//! and network failures of requests that are safe to repeat ([`crate::RetryPolicy`]);
//! optionally keeps to each action's documented rate (module `limiter`) and fails over to a
//! backup endpoint (module `breaker`). Built by [`crate::ClientBuilder`] (module `builder`)
//! from [`Settings`]; paginators (module `pages`) add their methods in their own module.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::action::{Action, ApiError};
use crate::breaker::{Breaker, BreakerPolicy};
use crate::endpoint::{Endpoint, ROOT_DOMAIN};
use crate::errors::{body_start, AnyCode, BuildError, Error};
use crate::limiter::RateLimiter;
use crate::provide::CredentialsSource;
use crate::random;
use crate::reply::{decode_json, decode_response, request_id_of, response_and_body, strict_error, Reply};
use crate::request::{self, Call, Context, Language};
use crate::retry::{self, is_safe_to_repeat, RetryPolicy};

/// What a client is made of, besides its credentials: what [`crate::ClientBuilder`] sets,
/// and what the STS providers set for their own client.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    /// `X-TC-Region` (empty: not sent).
    pub(crate) region: String,
    pub(crate) endpoint: Endpoint,
    pub(crate) language: Option<Language>,
    /// Headers sent with every request, besides the client's own.
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) connect_timeout: Duration,
    /// Per attempt.
    pub(crate) timeout: Duration,
    pub(crate) retry: RetryPolicy,
    /// Keep to each action's documented rate.
    pub(crate) rate_limit: bool,
    pub(crate) strict_decoding: bool,
    /// Check the documented limits (ranges, lengths) before sending.
    pub(crate) documented_limits: bool,
    /// Of `Default`, `International` and `Regional` endpoints.
    pub(crate) root_domain: String,
    pub(crate) backup: Option<(Endpoint, BreakerPolicy)>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            region: String::new(),
            endpoint: Endpoint::Default,
            language: None,
            headers: Vec::new(),
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            rate_limit: false,
            strict_decoding: false,
            documented_limits: true,
            root_domain: ROOT_DOMAIN.to_string(),
            backup: None,
        }
    }
}

/// Sends requests of any product. Cheap to clone (shared connection pool).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    /// This handle's own endpoint ([`Client::with_endpoint`]).
    endpoint: Option<Endpoint>,
}

struct Inner {
    http: reqwest::Client,
    credentials: CredentialsSource,
    region: String,
    endpoint: Endpoint,
    language: Option<Language>,
    headers: Vec<(String, String)>,
    retry: RetryPolicy,
    limiter: Option<RateLimiter>,
    strict_decoding: bool,
    documented_limits: bool,
    root_domain: String,
    breaker: Option<Breaker>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("credentials", &self.inner.credentials)
            .field("region", &self.inner.region)
            .field("endpoint", &self.inner.endpoint)
            .finish_non_exhaustive()
    }
}

/// TLS is rustls with the ring crypto provider (smaller and quicker to build than
/// aws-lc-rs): installed as the process's default unless the program chose one already.
pub(crate) fn ensure_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Another thread may install one meanwhile: then that one stays.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// The future of a call of a generated client method: `.await` it.
pub type Pending<'a, T, E> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, Error<E>>> + Send + 'a>>;

impl Client {
    /// A client with these settings and credentials.
    pub(crate) fn new(settings: Settings, credentials: CredentialsSource) -> Result<Client, BuildError> {
        ensure_crypto_provider();
        let http = reqwest::Client::builder()
            .connect_timeout(settings.connect_timeout)
            .timeout(settings.timeout)
            .build()
            .map_err(|e| BuildError::Http(e.to_string()))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                credentials,
                region: settings.region,
                endpoint: settings.endpoint,
                language: settings.language,
                headers: settings.headers,
                retry: settings.retry,
                limiter: settings.rate_limit.then(RateLimiter::default),
                strict_decoding: settings.strict_decoding,
                documented_limits: settings.documented_limits,
                root_domain: settings.root_domain,
                breaker: settings.backup.map(|(backup, policy)| Breaker::new(backup, policy)),
            }),
            endpoint: None,
        })
    }

    /// A handle on the same client (connections, credentials, rate limits) whose requests
    /// go to `endpoint`: an endpoint for some calls only
    /// (`VpcClient::new(client.with_endpoint(Endpoint::Regional))`). The backup endpoint
    /// is not used for it.
    pub fn with_endpoint(&self, endpoint: Endpoint) -> Client {
        Client { inner: self.inner.clone(), endpoint: Some(endpoint) }
    }

    /// Validates, sends (retrying as the policy allows) and decodes. An action with a
    /// `ClientToken` left empty gets one (a UUID, the same for every attempt), which makes
    /// network failures safe to retry. Decoding is lenient (what a
    /// caller sees for a missing or `null` field, a reformatted value…: [`crate::decode_value`]),
    /// unless the client decodes strictly ([`ClientBuilder::strict_decoding`](crate::ClientBuilder::strict_decoding)).
    pub async fn send<A: Action>(&self, request: &A) -> Result<A::Response, Error<A::Error>> {
        self.send_with_report(request).await.map(|reply| reply.response)
    }

    /// [`Client::send`] as a boxed future: what the generated per-product clients return,
    /// so that the state machine of a call is compiled once, not once per action.
    pub fn send_boxed<'a, A: Action + Sync>(&'a self, request: &'a A) -> Pending<'a, A::Response, A::Error>
    where
        A::Response: Send,
    {
        Box::pin(self.send(request))
    }

    /// Like [`Client::send`], keeping what decoding forgave and the raw `Response`
    /// object the response was decoded from.
    pub async fn send_with_report<A: Action>(&self, request: &A) -> Result<Reply<A::Response>, Error<A::Error>> {
        self.validate(request).map_err(Error::Validation)?;
        self.send_json::<A>(request.to_wire()).await
    }

    /// What this client checks before sending: [`Action::validate`], or only
    /// [`Action::validate_structure`] when built with
    /// [`documented_limits(false)`](crate::ClientBuilder::documented_limits).
    pub fn validate<A: Action>(&self, request: &A) -> Result<(), crate::ValidationError> {
        if self.inner.documented_limits {
            request.validate()
        } else {
            request.validate_structure()
        }
    }

    /// Sends a request of `A` given as JSON, without validating it, and decodes the reply
    /// as configured (leniently, or strictly).
    pub(crate) async fn send_json<A: Action>(&self, mut json: Value) -> Result<Reply<A::Response>, Error<A::Error>> {
        if let (Some(name), Value::Object(map)) = (A::CLIENT_TOKEN, &mut json) {
            let empty = map.get(name).and_then(Value::as_str).is_none_or(|t| t.trim().is_empty());
            if empty {
                // One token for every attempt of this call.
                map.insert(name.to_string(), Value::String(random::uuid_v4()));
            }
        }
        let call = Call {
            service: A::SERVICE,
            version: A::VERSION,
            action: A::ACTION,
            rate_limit: A::RATE_LIMIT,
            safe: is_safe_to_repeat(A::ACTION, &json),
            body: serde_json::to_vec(&json).map_err(|e| Error::Encode(e.to_string()))?,
        };
        // The retry loop is the same code for every action (not one copy per action).
        let (raw, bytes) = self.call(&call, response_and_body).await.map_err(Error::map_code)?;
        let reply = decode_response::<A::Response, A::Error>(raw, &bytes)?;
        if self.inner.strict_decoding && !reply.deviations.is_empty() {
            return Err(strict_error(&reply.deviations, &bytes));
        }
        Ok(reply)
    }

    /// Calls any action with a JSON body and returns the reply's `Response` object as it
    /// came: the escape hatch for actions the pages do not document (yet), and a way to
    /// see a raw reply. Signed, retried and rate-limited like [`Client::send`] (no
    /// documented rate: no limit); an API error is [`Error::Api`] with the code as sent.
    /// For example, `client.call_json("vpc", "2017-03-12", "DescribeVpcs",
    /// json!({"Limit": "10"})).await?["TotalCount"]`.
    pub async fn call_json(
        &self,
        service: &str,
        version: &str,
        action: &str,
        body: Value,
    ) -> Result<Value, Error<AnyCode>> {
        let call = Call {
            service,
            version,
            action,
            rate_limit: None,
            safe: is_safe_to_repeat(action, &body),
            body: serde_json::to_vec(&body).map_err(|e| Error::Encode(e.to_string()))?,
        };
        self.call(&call, decode_json).await
    }

    /// Sends a call (retrying as the policy allows) and decodes the reply with `decode`.
    /// Traced: a span `tencentcloud.call` (service, action, version, region) and, per
    /// attempt, an event with its number, latency, outcome, error code and request id, and
    /// one per retry with its reason and delay. No credential, token or signature is in any
    /// of them.
    async fn call<T, E: ApiError>(
        &self,
        call: &Call<'_>,
        decode: impl Fn(&[u8]) -> Result<T, Error<E>>,
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
        decode: impl Fn(&[u8]) -> Result<T, Error<E>>,
    ) -> Result<T, Error<E>> {
        let retry = &self.inner.retry;
        let start = Instant::now();
        let mut attempt = 1;
        loop {
            if let Some(limiter) = &self.inner.limiter {
                limiter.acquire(call.action, call.rate_limit).await;
            }
            let sent = Instant::now();
            let answer = self.attempt(call).await;
            let request_id = answer.as_ref().ok().map(|bytes| request_id_of(bytes)).unwrap_or_default();
            let result = answer.and_then(|bytes| decode(&bytes));
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
            tracing::debug!(attempt, reason, delay_ms = delay.as_millis() as u64, "retrying");
            tokio::time::sleep(delay).await;
            attempt += 1;
        }
    }

    /// One signed attempt, with a fresh timestamp: the body of a successful HTTP answer.
    async fn attempt<E: ApiError>(&self, call: &Call<'_>) -> Result<Vec<u8>, Error<E>> {
        let inner = &self.inner;
        // This handle's endpoint; else the backup while the breaker is open; else the primary.
        let breaker = inner.breaker.as_ref().filter(|_| self.endpoint.is_none());
        let on_backup = breaker.is_some_and(Breaker::open);
        let endpoint = match (&self.endpoint, breaker) {
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
            extra: &inner.headers,
            timestamp: SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs()),
        };
        let mut builder = inner.http.post(&url);
        for (name, value) in request::headers(call, &context) {
            builder = builder.header(name, value);
        }
        let transport =
            |e: reqwest::Error| if e.is_timeout() { Error::Timeout } else { Error::Transport(error_chain(&e)) };
        let result = async {
            let response = builder.body(call.body.clone()).send().await.map_err(transport)?;
            let status = response.status();
            let bytes = response.bytes().await.map_err(transport)?;
            if !status.is_success() {
                return Err(Error::Status { status: status.as_u16(), body: body_start(&bytes) });
            }
            Ok(bytes.to_vec())
        }
        .await;
        if let (Some(breaker), false) = (breaker, on_backup) {
            breaker.record(result.as_ref().err().is_some_and(Error::is_network));
        }
        result
    }
}

/// An error and its causes, for [`Error::Transport`].
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}
