//! The HTTP client: sends any [`Action`] as a signed `POST /` with a JSON body, and turns
//! the reply into the action's response or a typed [`Error`]. Retries rate-limited calls,
//! and network failures of requests that are safe to repeat ([`crate::RetryPolicy`]);
//! optionally keeps to each action's documented rate (module `limiter`) and fails over to a
//! backup endpoint (module `breaker`). Built by [`crate::ClientBuilder`] (module `builder`)
//! from [`Settings`]; the retry loop and the attempt are module `attempt`, any body module
//! `raw`, streamed replies module `stream`, paginators module `pages`.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use crate::action::Action;
use crate::breaker::{Breaker, BreakerPolicy};
use crate::endpoint::{Endpoint, ROOT_DOMAIN};
use crate::errors::{AnyCode, BuildError, Error};
use crate::limiter::RateLimiter;
use crate::options::CallOptions;
use crate::provide::CredentialsSource;
use crate::random;
use crate::reply::{decode_json, decode_response, response_and_body, strict_error, whole, Reply};
use crate::request::{Call, Language, CONTENT_TYPE};
use crate::retry::{is_safe_to_repeat, RetryPolicy};
use crate::transport::{error_chain, ReqwestTransport, Transport};

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
    /// For a whole call, retries included.
    pub(crate) deadline: Option<Duration>,
    /// Between two events of a streamed reply.
    pub(crate) idle_timeout: Duration,
    /// The HTTP stack; `None`: reqwest, built from the settings below.
    pub(crate) transport: Option<Arc<dyn Transport>>,
    /// A proxy for every request: its URL, and the credentials it asks for.
    pub(crate) proxy: Option<(String, Option<(String, String)>)>,
    /// Extra CA roots (PEM), trusted besides the system's.
    pub(crate) root_certificates: Vec<Vec<u8>>,
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
            deadline: None,
            idle_timeout: Duration::from_secs(60),
            transport: None,
            proxy: None,
            root_certificates: Vec::new(),
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
    pub(crate) inner: Arc<Inner>,
    /// This handle's own endpoint ([`Client::with_endpoint`]).
    pub(crate) endpoint: Option<Endpoint>,
    /// This handle's own options ([`Client::with_options`]).
    pub(crate) options: Option<Arc<CallOptions>>,
}

pub(crate) struct Inner {
    pub(crate) transport: Arc<dyn Transport>,
    pub(crate) credentials: CredentialsSource,
    pub(crate) region: String,
    pub(crate) endpoint: Endpoint,
    pub(crate) language: Option<Language>,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) timeout: Duration,
    pub(crate) deadline: Option<Duration>,
    pub(crate) idle_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) limiter: Option<RateLimiter>,
    pub(crate) strict_decoding: bool,
    pub(crate) documented_limits: bool,
    pub(crate) root_domain: String,
    pub(crate) breaker: Option<Breaker>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("credentials", &self.inner.credentials)
            .field("region", &self.inner.region)
            .field("endpoint", &self.inner.endpoint)
            .field("transport", &self.inner.transport)
            .finish_non_exhaustive()
    }
}

/// Installs rustls's ring crypto provider as the process's default, unless the program
/// has chosen one already (then that one stays); calling it again does nothing.
///
/// TLS here is rustls with the ring provider (smaller and quicker to build than
/// aws-lc-rs), and reqwest is built without a provider of its own. The clients this
/// crate builds call this themselves; a program that builds its own `reqwest::Client`
/// for [`ClientBuilder::http_client`](crate::ClientBuilder::http_client) calls it first,
/// unless its reqwest brings a provider (its default features do) or it installed one:
/// reqwest panics when building a client with no provider.
///
/// ```
/// tencentcloud_api_runtime::install_crypto_provider();
/// let mine = reqwest::Client::builder().user_agent("my-program/1.0").build().unwrap();
/// # drop(mine);
/// ```
pub fn install_crypto_provider() {
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
        let transport = match settings.transport {
            Some(transport) if settings.proxy.is_some() || !settings.root_certificates.is_empty() => {
                return Err(BuildError::Http(format!(
                    "a proxy or CA roots are set for the transport the client builds, but a transport is given \
                     ({transport:?}): set them on it"
                )))
            }
            Some(transport) => transport,
            None => Arc::new(reqwest_transport(&settings)?),
        };
        Ok(Client {
            inner: Arc::new(Inner {
                transport,
                credentials,
                region: settings.region,
                endpoint: settings.endpoint,
                language: settings.language,
                headers: settings.headers,
                timeout: settings.timeout,
                deadline: settings.deadline,
                idle_timeout: settings.idle_timeout,
                retry: settings.retry,
                limiter: settings.rate_limit.then(RateLimiter::default),
                strict_decoding: settings.strict_decoding,
                documented_limits: settings.documented_limits,
                root_domain: settings.root_domain,
                breaker: settings.backup.map(|(backup, policy)| Breaker::new(backup, policy)),
            }),
            endpoint: None,
            options: None,
        })
    }

    /// A handle on the same client (connections, credentials, rate limits) whose requests
    /// go to `endpoint`: an endpoint for some calls only
    /// (`VpcClient::new(client.with_endpoint(Endpoint::Regional))`). The backup endpoint
    /// is not used for it.
    pub fn with_endpoint(&self, endpoint: Endpoint) -> Client {
        Client { inner: self.inner.clone(), endpoint: Some(endpoint), options: self.options.clone() }
    }

    /// A handle on the same client whose calls take `options` (timeout, deadline, retries,
    /// extra headers) instead of the client's settings of the same name: for one call or a
    /// few (`VpcClient::new(client.with_options(CallOptions::new().deadline(…)))`).
    /// Options of a handle made from a handle add up, the later winning.
    pub fn with_options(&self, options: CallOptions) -> Client {
        let options = match &self.options {
            Some(mine) => mine.then(&options),
            None => options,
        };
        Client { inner: self.inner.clone(), endpoint: self.endpoint.clone(), options: Some(Arc::new(options)) }
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
            content_type: CONTENT_TYPE,
            body: serde_json::to_vec(&json).map_err(|e| Error::Encode(e.to_string()))?,
            stream: false,
        };
        // The retry loop is the same code for every action (not one copy per action).
        let (raw, bytes) =
            self.call(&call, |answer| response_and_body(&whole(answer))).await.map_err(Error::map_code)?;
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
            content_type: CONTENT_TYPE,
            body: serde_json::to_vec(&body).map_err(|e| Error::Encode(e.to_string()))?,
            stream: false,
        };
        self.call(&call, |answer| decode_json(&whole(answer))).await
    }
}

/// The default transport, built from the settings: connect timeout, proxy, CA roots.
fn reqwest_transport(settings: &Settings) -> Result<ReqwestTransport, BuildError> {
    install_crypto_provider();
    let mut builder = reqwest::Client::builder().connect_timeout(settings.connect_timeout);
    if let Some((url, credentials)) = &settings.proxy {
        let mut proxy = reqwest::Proxy::all(url.as_str())
            .map_err(|e| BuildError::Http(format!("proxy {url}: {}", error_chain(&e))))?;
        if let Some((user, password)) = credentials {
            proxy = proxy.basic_auth(user, password);
        }
        builder = builder.proxy(proxy);
    }
    let mut roots = Vec::new();
    for pem in &settings.root_certificates {
        let certificates = reqwest::Certificate::from_pem_bundle(pem)
            .map_err(|e| BuildError::Http(format!("CA roots: {}", error_chain(&e))))?;
        if certificates.is_empty() {
            return Err(BuildError::Http("CA roots: no certificate in the PEM given".to_string()));
        }
        roots.extend(certificates);
    }
    if !roots.is_empty() {
        builder = builder.tls_certs_merge(roots);
    }
    let client = builder.build().map_err(|e| BuildError::Http(error_chain(&e)))?;
    Ok(ReqwestTransport::new(client))
}
