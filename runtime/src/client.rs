//! The HTTP client: sends any [`Action`] as a signed `POST /` with a JSON body, and turns
//! the reply into the action's response or a typed [`Error`]. Retries rate-limited calls,
//! and network failures of requests that are safe to repeat; optionally keeps to each
//! action's documented rate.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde_json::Value;

use super::credentials::Credentials;
use super::decode::{decode_value, Deviation, Documented};
use super::providers::{Cached, DefaultChain, ProvideCredentials};
use super::sign::{sign, SignInput};
use super::{Action, ApiError, ValidationError};

/// Where requests go.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Endpoint {
    /// `https://{service}.tencentcloudapi.com`; finance regions (`…-fsi`) use their
    /// regional host, which they require.
    #[default]
    Default,
    /// `https://{service}.intl.tencentcloudapi.com`.
    International,
    /// `https://{service}.{region}.tencentcloudapi.com`.
    Regional,
    /// Any base URL (a proxy, a test server): `http://127.0.0.1:8080`.
    Url(String),
}

/// The root domain of the public API.
pub const ROOT_DOMAIN: &str = "tencentcloudapi.com";

impl Endpoint {
    /// The URL to post to and the `Host` header for a service and region.
    pub fn resolve(&self, service: &str, region: &str) -> (String, String) {
        self.resolve_in(service, region, ROOT_DOMAIN)
    }

    /// [`Endpoint::resolve`] under another root domain (a private one) than
    /// [`ROOT_DOMAIN`]; a `Url` is taken as it is.
    pub fn resolve_in(&self, service: &str, region: &str, root: &str) -> (String, String) {
        let host = match self {
            Endpoint::Default if region.ends_with("-fsi") => format!("{service}.{region}.{root}"),
            Endpoint::Default => format!("{service}.{root}"),
            Endpoint::International => format!("{service}.intl.{root}"),
            Endpoint::Regional => format!("{service}.{region}.{root}"),
            Endpoint::Url(url) => {
                let base = url.trim_end_matches('/');
                let authority = base.split_once("://").map_or(base, |(_, rest)| rest);
                let authority = authority.split('/').next().unwrap_or(authority);
                return (format!("{base}/"), authority.to_string());
            }
        };
        (format!("https://{host}/"), host)
    }
}

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
        half + half.mul_f64(jitter())
    }
}

/// A number in [0, 1) (backoff jitter).
fn jitter() -> f64 {
    (random_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// The next number of a xorshift generator seeded by the clock and the process id; each
/// call (from any thread) takes its own step. Not for secrets: jitter and idempotency
/// tokens only.
fn random_u64() -> u64 {
    static STATE: AtomicU64 = AtomicU64::new(0);
    let step = |mut x: u64| {
        if x == 0 {
            let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0x9E37_79B9_7F4A_7C15, |d| d.as_nanos());
            x = (nanos as u64 ^ (u64::from(std::process::id()) << 32)) | 1;
        }
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let previous = STATE.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |x| Some(step(x))).unwrap_or_default();
    step(previous)
}

/// A random (version 4) UUID, for a `ClientToken`.
fn uuid_v4() -> String {
    let (a, b) = (random_u64(), random_u64());
    let a = (a & !0xF000) | 0x4000; // version 4
    let b = (b & !(0b11 << 62)) | (0b10 << 62); // RFC 4122 variant
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xFFFF,
        a & 0xFFFF,
        b >> 48,
        b & 0xFFFF_FFFF_FFFF
    )
}

/// The language of the API's error messages (`X-TC-Language`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// `zh-CN`.
    ZhCn,
    /// `en-US`.
    EnUs,
}

impl Language {
    /// The header value: `zh-CN`, `en-US`.
    pub fn code(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::EnUs => "en-US",
        }
    }
}

/// What requests say of their client (`User-Agent`, `X-TC-RequestClient`): the bindings
/// (`tencentcloud-api`) and the runtime's version.
pub const USER_AGENT: &str = concat!("tencentcloud-api/", env!("CARGO_PKG_VERSION"));

/// Why a call failed.
#[derive(Debug)]
pub enum Error<E> {
    /// The request breaks what its documentation states; nothing was sent.
    Validation(ValidationError),
    /// The API answered with an error: the action's documented code, a common code, or
    /// an unknown one.
    Api {
        /// The code, typed.
        code: E,
        /// The message the API gave.
        message: String,
        /// The request id, for support.
        request_id: String,
    },
    /// No answer within the configured timeout.
    Timeout,
    /// The request could not be sent or the answer not received (connection, TLS, I/O).
    Transport(String),
    /// The server answered with an HTTP error status.
    Status {
        /// The HTTP status code.
        status: u16,
        /// The start of the body.
        body: String,
    },
    /// The answer cannot be read as a reply: not JSON, no `Response` object, an `Error`
    /// without a `Code`; or, with strict decoding, it deviates from the documented
    /// response (see [`crate::decode_value`] for what lenient decoding forgives).
    Decode {
        /// What was wrong (with strict decoding: every deviation, one per line).
        message: String,
        /// Where: `Response.AddressSet[0].AntiDDoSPackageId` (the first deviation), or
        /// empty when the body is not a reply at all.
        path: String,
        /// The whole body, as received.
        body: String,
    },
    /// The request could not be serialized.
    Encode(String),
    /// No credentials could be had (none found, or a provider failed); nothing was sent.
    Credentials(String),
    /// A paginator stopped because the server's pages do not advance (a page the same as
    /// an earlier one, a token sent back unchanged): rather than loop forever.
    Pagination(String),
}

impl<E: ApiError> Error<E> {
    /// The API's error code, if the API answered with one.
    pub fn code(&self) -> Option<&E> {
        match self {
            Error::Api { code, .. } => Some(code),
            _ => None,
        }
    }

    /// The request id of an API error.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api { request_id, .. } => Some(request_id),
            _ => None,
        }
    }

    /// An action's error as its product's, `Error<ErrorCode>` (typed codes kept), so that
    /// the errors of several actions of a product meet in one type:
    /// `vpc.associate_address(&request).await.map_err(Error::widen)?`. (Each product is a
    /// crate of its own: Rust's orphan rule leaves no room for a `From` impl doing this
    /// for `?` alone.)
    pub fn widen(self) -> Error<E::Product>
    where
        E: crate::ErrorOf,
    {
        self.map_code()
    }

    /// The same error with its code read as another code type: an action's error as the
    /// product's (`Error<ErrorCode>`, what [`Error::widen`] does), or as [`AnyCode`]. The
    /// code's text is kept; a code the target type documents becomes its typed variant.
    pub fn map_code<F: ApiError>(self) -> Error<F> {
        match self {
            Error::Api { code, message, request_id } => {
                Error::Api { code: F::from_code(code.code()), message, request_id }
            }
            Error::Validation(e) => Error::Validation(e),
            Error::Timeout => Error::Timeout,
            Error::Transport(e) => Error::Transport(e),
            Error::Status { status, body } => Error::Status { status, body },
            Error::Decode { message, path, body } => Error::Decode { message, path, body },
            Error::Encode(e) => Error::Encode(e),
            Error::Credentials(e) => Error::Credentials(e),
            Error::Pagination(e) => Error::Pagination(e),
        }
    }

    /// The rate-limit families, retried with backoff: `RequestLimitExceeded*` and
    /// `LimitExceeded.*Frequency*`.
    fn is_rate_limited(&self) -> bool {
        matches!(self, Error::Api { code, .. } if is_rate_limit_code(code.code()))
    }

    /// The kind of error, for traces: `api`, `timeout`, `transport`, `status`…
    fn kind(&self) -> &'static str {
        match self {
            Error::Validation(_) => "validation",
            Error::Api { .. } => "api",
            Error::Timeout => "timeout",
            Error::Transport(_) => "transport",
            Error::Status { .. } => "status",
            Error::Decode { .. } => "decode",
            Error::Encode(_) => "encode",
            Error::Credentials(_) => "credentials",
            Error::Pagination(_) => "pagination",
        }
    }

    fn is_network(&self) -> bool {
        matches!(self, Error::Timeout | Error::Transport(_) | Error::Status { status: 502..=504, .. })
    }
}

impl<E: ApiError> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation(e) => write!(f, "invalid request: {e}"),
            Error::Api { code, message, request_id } => {
                write!(f, "{} (request id {request_id}): {message}", code.code())
            }
            Error::Timeout => f.write_str("no answer within the timeout"),
            Error::Transport(e) => write!(f, "transport error: {e}"),
            Error::Status { status, body } => write!(f, "HTTP status {status}: {body}"),
            Error::Decode { message, path, body } => {
                let at = if path.is_empty() { String::new() } else { format!(" at {path}") };
                write!(f, "undecodable answer{at} ({message}): {}", body_start(body.as_bytes()))
            }
            Error::Encode(e) => write!(f, "cannot serialize the request: {e}"),
            Error::Credentials(e) => write!(f, "no credentials: {e}"),
            Error::Pagination(e) => write!(f, "pages do not advance: {e}"),
        }
    }
}

impl<E: ApiError> std::error::Error for Error<E> {}

/// An error of any action of any product: what `?` turns every `Error<…>` into, for code
/// that calls several products. The code stays readable as text ([`AnyError::code`]);
/// match on `Error<ErrorCode>` (one product) or on the action's error for typed codes.
#[derive(Debug)]
pub struct AnyError(pub Error<AnyCode>);

impl AnyError {
    /// The API's error code, if the API answered with one: `ResourceNotFound`.
    pub fn code(&self) -> Option<&str> {
        self.0.code().map(ApiError::code)
    }

    /// The request id of an API error.
    pub fn request_id(&self) -> Option<&str> {
        self.0.request_id()
    }
}

impl<E: ApiError> From<Error<E>> for AnyError {
    fn from(error: Error<E>) -> Self {
        AnyError(error.map_code())
    }
}

impl fmt::Display for AnyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for AnyError {}

/// The client could not be built.
#[derive(Debug)]
pub enum BuildError {
    /// The HTTP stack could not be set up.
    Http(String),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Http(e) => write!(f, "cannot set up HTTP: {e}"),
        }
    }
}

impl std::error::Error for BuildError {}

/// Settings of a [`Client`].
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    credentials: Option<Credentials>,
    provider: Option<Arc<Cached>>,
    region: String,
    endpoint: Endpoint,
    language: Option<Language>,
    headers: Vec<(String, String)>,
    connect_timeout: Duration,
    timeout: Duration,
    retry: RetryPolicy,
    rate_limit: bool,
    strict_decoding: bool,
    root_domain: String,
    backup: Option<(Endpoint, BreakerPolicy)>,
}

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
struct Breaker {
    backup: Endpoint,
    policy: BreakerPolicy,
    state: std::sync::Mutex<(u32, Option<Instant>)>,
}

impl Breaker {
    /// Whether requests go to the backup now.
    fn open(&self) -> bool {
        let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        state.1.is_some_and(|until| Instant::now() < until)
    }

    /// What an attempt on the primary gave: a network failure or not.
    fn record(&self, network_failure: bool) {
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

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            credentials: None,
            provider: None,
            region: String::new(),
            endpoint: Endpoint::Default,
            language: None,
            headers: Vec::new(),
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            rate_limit: false,
            strict_decoding: false,
            root_domain: ROOT_DOMAIN.to_string(),
            backup: None,
        }
    }
}

impl ClientBuilder {
    /// A source of credentials, cached and asked again before what it gives expires
    /// (see [`crate::providers`]). Without this or [`ClientBuilder::credentials`], the
    /// client uses [`DefaultChain`]: environment, profile file, CVM role.
    pub fn credentials_provider(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.provider = Some(Arc::new(Cached::new(Box::new(provider))));
        self
    }

    /// Explicit credentials (otherwise a provider: [`ClientBuilder::credentials_provider`]).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// The region sent as `X-TC-Region` (`ap-guangzhou`).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = region.into();
        self
    }

    /// Where requests go (default: `{service}.tencentcloudapi.com`).
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.endpoint = endpoint;
        self
    }

    /// `X-TC-Language`: the language of error messages.
    pub fn language(mut self, language: Language) -> Self {
        self.language = Some(language);
        self
    }

    /// A header sent with every request of this client (`X-Trace-Id`, a proxy's key…).
    /// The headers the signature covers or the API reads (`Host`, `Content-Type`,
    /// `Authorization`, `X-TC-…`) cannot be set this way: they are left out.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        let reserved = ["host", "content-type", "authorization", "user-agent"];
        let lower = name.to_ascii_lowercase();
        if !reserved.contains(&lower.as_str()) && !lower.starts_with("x-tc-") {
            self.headers.push((name, value.into()));
        }
        self
    }

    /// How long connecting may take (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The whole request's timeout, per attempt (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// When to retry (default: [`RetryPolicy::default`]).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Keep each action to its documented requests-per-second limit.
    pub fn rate_limit(mut self, on: bool) -> Self {
        self.rate_limit = on;
        self
    }

    /// The root domain of `Default`, `International` and `Regional` endpoints instead of
    /// `tencentcloudapi.com` (a private deployment): `vpc.<root>`.
    pub fn root_domain(mut self, root: impl Into<String>) -> Self {
        self.root_domain = root.into().trim_matches('.').to_string();
        self
    }

    /// A backup endpoint, used while the primary keeps failing (see [`BreakerPolicy`]);
    /// off by default.
    pub fn backup_endpoint(mut self, backup: Endpoint, policy: BreakerPolicy) -> Self {
        self.backup = Some((backup, policy));
        self
    }

    /// Strict decoding: a reply that deviates from the documented response in any way
    /// (a missing or `null` field, a reformatted value, an undocumented field…) is
    /// [`Error::Decode`] naming the path, instead of being forgiven. Off by default:
    /// replies are decoded leniently, as the official SDKs do.
    pub fn strict_decoding(mut self, on: bool) -> Self {
        self.strict_decoding = on;
        self
    }

    /// The client; without explicit credentials or a provider, it asks [`DefaultChain`]
    /// at its first call.
    pub fn build(self) -> Result<Client, BuildError> {
        let credentials = match (self.credentials.clone(), self.provider.clone()) {
            (Some(c), _) => CredentialsSource::Given(c),
            (None, Some(provider)) => CredentialsSource::Provided(provider),
            (None, None) => CredentialsSource::Provided(Arc::new(Cached::new(Box::new(DefaultChain::new())))),
        };
        self.build_with(credentials)
    }

    /// A client whose requests are not signed (`Authorization: SKIP`), for the STS actions
    /// that take no credentials.
    pub(crate) fn build_unsigned(self) -> Result<Client, BuildError> {
        self.build_with(CredentialsSource::Unsigned)
    }

    fn build_with(self, credentials: CredentialsSource) -> Result<Client, BuildError> {
        ensure_crypto_provider();
        let http = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .build()
            .map_err(|e| BuildError::Http(e.to_string()))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                credentials,
                region: self.region,
                endpoint: self.endpoint,
                language: self.language,
                headers: self.headers,
                retry: self.retry,
                limiter: self.rate_limit.then(RateLimiter::default),
                strict_decoding: self.strict_decoding,
                root_domain: self.root_domain,
                breaker: self.backup.map(|(backup, policy)| Breaker {
                    backup,
                    policy,
                    state: std::sync::Mutex::new((0, None)),
                }),
            }),
            endpoint: None,
        })
    }
}

/// Sends requests of any product. Cheap to clone (shared connection pool).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
    /// This handle's own endpoint ([`Client::with_endpoint`]).
    endpoint: Option<Endpoint>,
}

/// TLS is rustls with the ring crypto provider (smaller and quicker to build than
/// aws-lc-rs): installed as the process's default unless the program chose one already.
pub(crate) fn ensure_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Another thread may install one meanwhile: then that one stays.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// Where a client's credentials come from.
#[derive(Debug)]
enum CredentialsSource {
    Given(Credentials),
    Provided(Arc<Cached>),
    /// Requests are not signed (`Authorization: SKIP`): STS `AssumeRoleWithWebIdentity`.
    Unsigned,
}

impl CredentialsSource {
    /// The credentials to sign with; `None` for unsigned requests.
    async fn get(&self) -> Result<Option<Credentials>, super::credentials::CredentialsError> {
        match self {
            CredentialsSource::Given(c) => Ok(Some(c.clone())),
            CredentialsSource::Provided(cached) => cached.get().await.map(Some),
            CredentialsSource::Unsigned => Ok(None),
        }
    }
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

const BODY_SHOWN: usize = 1024;

fn body_start(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    text.chars().take(BODY_SHOWN).collect()
}

impl Client {
    /// A builder with the defaults.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
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
    /// unless the client decodes strictly ([`ClientBuilder::strict_decoding`]).
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
        request.validate().map_err(Error::Validation)?;
        self.send_json::<A>(request.to_wire()).await
    }

    /// Sends a request of `A` given as JSON, without validating it, and decodes the reply
    /// as configured (leniently, or strictly).
    pub(crate) async fn send_json<A: Action>(&self, mut json: Value) -> Result<Reply<A::Response>, Error<A::Error>> {
        if let (Some(name), Value::Object(map)) = (A::CLIENT_TOKEN, &mut json) {
            let empty = map.get(name).and_then(Value::as_str).is_none_or(|t| t.trim().is_empty());
            if empty {
                // One token for every attempt of this call.
                map.insert(name.to_string(), Value::String(uuid_v4()));
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
            let reason = match &result {
                Ok(_) => None,
                Err(e) if e.is_rate_limited() => Some("rate limited"),
                Err(e) if call.safe && e.is_network() => Some("network failure of a request safe to repeat"),
                Err(_) => None,
            };
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
            (None, Some(b)) if on_backup => &b.backup,
            _ => &inner.endpoint,
        };
        let (url, host) = endpoint.resolve_in(call.service, &inner.region, &inner.root_domain);
        let timestamp = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let content_type = "application/json";
        let credentials = inner.credentials.get().await.map_err(|e| Error::Credentials(e.to_string()))?;
        let authorization = match &credentials {
            Some(credentials) => {
                let input = SignInput {
                    method: "POST",
                    query: "",
                    headers: &[("content-type", content_type), ("host", &host), ("x-tc-action", call.action)],
                    payload: &call.body,
                    service: call.service,
                    timestamp,
                };
                sign(credentials.secret_id(), credentials.secret_key(), &input).authorization
            }
            None => "SKIP".to_string(),
        };
        let mut builder = inner
            .http
            .post(&url)
            .header("Host", &host)
            .header("Content-Type", content_type)
            .header("X-TC-Action", call.action)
            .header("X-TC-Version", call.version)
            .header("X-TC-Timestamp", timestamp.to_string())
            .header("Authorization", &authorization);
        if !inner.region.is_empty() {
            builder = builder.header("X-TC-Region", &inner.region);
        }
        if let Some(token) = credentials.as_ref().and_then(Credentials::token) {
            builder = builder.header("X-TC-Token", token);
        }
        if let Some(language) = inner.language {
            builder = builder.header("X-TC-Language", language.code());
        }
        builder = builder.header("User-Agent", USER_AGENT).header("X-TC-RequestClient", USER_AGENT);
        for (name, value) in &inner.headers {
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

/// The future of a call of a generated client method: `.await` it.
pub type Pending<'a, T, E> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<T, Error<E>>> + Send + 'a>>;

/// One call on the wire: where it goes, its JSON body, and how it may be retried.
struct Call<'a> {
    service: &'a str,
    version: &'a str,
    action: &'a str,
    rate_limit: Option<u32>,
    /// Network failures may be retried.
    safe: bool,
    body: Vec<u8>,
}

/// Any error code, as the API sends it: the code type of [`Client::call_json`], which
/// knows no documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnyCode(pub String);

impl ApiError for AnyCode {
    fn from_code(code: &str) -> Self {
        AnyCode(code.to_string())
    }

    fn code(&self) -> &str {
        &self.0
    }

    fn description(&self) -> &'static str {
        ""
    }
}

/// The reply's `Response` object as it came, or the API error it carries.
pub fn decode_json(bytes: &[u8]) -> Result<Value, Error<AnyCode>> {
    response_of(bytes)
}

/// The reply's `Response` object, or the API error it carries.
fn response_of<E: ApiError>(bytes: &[u8]) -> Result<Value, Error<E>> {
    let decode_error = |message: String| Error::Decode { message, path: String::new(), body: body_text(bytes) };
    let mut value: Value = serde_json::from_slice(bytes).map_err(|e| decode_error(format!("not JSON: {e}")))?;
    let response =
        value.get_mut("Response").map(Value::take).ok_or_else(|| decode_error("no `Response` object".to_string()))?;
    if let Some(error) = response.get("Error") {
        let code = error
            .get("Code")
            .and_then(Value::as_str)
            .ok_or_else(|| decode_error("an `Error` without `Code`".to_string()))?;
        return Err(Error::Api {
            code: E::from_code(code),
            message: error.get("Message").and_then(Value::as_str).unwrap_or_default().to_string(),
            request_id: response.get("RequestId").and_then(Value::as_str).unwrap_or_default().to_string(),
        });
    }
    Ok(response)
}

/// A decoded response, what decoding forgave, and the `Response` object it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply<T> {
    /// The action's response.
    pub response: T,
    /// What lenient decoding forgave (empty when the reply is as documented).
    pub deviations: Vec<Deviation>,
    /// The reply's `Response` object as received.
    pub raw: Value,
}

/// The reply's `Response`, decoded leniently into the action's response (what
/// [`Client::send`] does): an API error, or the response. Fails only when the body is not
/// a reply at all (not JSON, no `Response` object).
pub fn decode<A: Action>(bytes: &[u8]) -> Result<A::Response, Error<A::Error>> {
    decode_reply::<A>(bytes).map(|reply| reply.response)
}

/// [`decode`], keeping what decoding forgave and the raw `Response` object.
pub fn decode_reply<A: Action>(bytes: &[u8]) -> Result<Reply<A::Response>, Error<A::Error>> {
    decode_response(response_of(bytes)?, bytes)
}

/// The reply's `Response` object and the whole body (for messages), or the API error.
fn response_and_body(bytes: &[u8]) -> Result<(Value, Vec<u8>), Error<AnyCode>> {
    Ok((response_of(bytes)?, bytes.to_vec()))
}

/// Decodes a `Response` object (leniently); `bytes` is the whole reply, for messages.
fn decode_response<T: Documented, E>(raw: Value, bytes: &[u8]) -> Result<Reply<T>, Error<E>> {
    let decoded = decode_value::<T>(raw.clone(), "Response").map_err(|(path, message)| Error::Decode {
        message,
        path,
        body: body_text(bytes),
    })?;
    Ok(Reply { response: decoded.value, deviations: decoded.deviations, raw })
}

/// The error strict decoding gives for a reply with deviations.
fn strict_error<E>(deviations: &[Deviation], bytes: &[u8]) -> Error<E> {
    let message = deviations.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    Error::Decode { message, path: deviations[0].path.clone(), body: body_text(bytes) }
}

/// The `RequestId` of a reply, for traces (empty when it has none).
fn request_id_of(bytes: &[u8]) -> String {
    #[derive(serde::Deserialize)]
    struct Reply {
        #[serde(rename = "Response")]
        response: Option<Response>,
    }
    #[derive(serde::Deserialize)]
    struct Response {
        #[serde(rename = "RequestId")]
        request_id: Option<String>,
    }
    serde_json::from_slice::<Reply>(bytes).ok().and_then(|r| r.response?.request_id).unwrap_or_default()
}

fn body_text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

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

/// A token bucket per action, filled at the action's documented rate.
#[derive(Default)]
struct RateLimiter {
    buckets: tokio::sync::Mutex<BTreeMap<String, Bucket>>,
}

struct Bucket {
    tokens: f64,
    last: Instant,
}

impl RateLimiter {
    async fn acquire(&self, action: &str, limit: Option<u32>) {
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
    fn endpoints() {
        assert_eq!(
            Endpoint::Default.resolve("vpc", "ap-guangzhou"),
            ("https://vpc.tencentcloudapi.com/".into(), "vpc.tencentcloudapi.com".into())
        );
        assert_eq!(Endpoint::Default.resolve("vpc", "ap-shanghai-fsi").1, "vpc.ap-shanghai-fsi.tencentcloudapi.com");
        assert_eq!(Endpoint::International.resolve("vpc", "ap-guangzhou").1, "vpc.intl.tencentcloudapi.com");
        assert_eq!(Endpoint::Regional.resolve("cvm", "ap-guangzhou").1, "cvm.ap-guangzhou.tencentcloudapi.com");
        assert_eq!(
            Endpoint::Url("http://127.0.0.1:8080/".into()).resolve("vpc", "x"),
            ("http://127.0.0.1:8080/".into(), "127.0.0.1:8080".into())
        );
    }

    #[test]
    fn a_private_root_domain() {
        assert_eq!(Endpoint::Default.resolve_in("vpc", "ap-guangzhou", "api.internal").1, "vpc.api.internal");
        assert_eq!(Endpoint::Regional.resolve_in("cvm", "ap-beijing", "api.internal").1, "cvm.ap-beijing.api.internal");
        assert_eq!(Endpoint::International.resolve_in("vpc", "x", "api.internal").1, "vpc.intl.api.internal");
        assert_eq!(Endpoint::Url("http://h:1".into()).resolve_in("vpc", "x", "api.internal").1, "h:1");
    }

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
