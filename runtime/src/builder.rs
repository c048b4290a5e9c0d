//! [`ClientBuilder`]: the settings of a [`Client`] (region, endpoint, timeouts, retries,
//! rate limits, a backup endpoint, strict decoding) and where its credentials come from
//! (given, a provider, or the default chain of [`crate::providers`]).

use std::sync::Arc;
use std::time::Duration;

use crate::breaker::BreakerPolicy;
use crate::client::{Client, Settings};
use crate::credentials::Credentials;
use crate::endpoint::Endpoint;
use crate::errors::BuildError;
use crate::options::is_reserved_header;
use crate::provide::{Cached, CredentialsSource, ProvideCredentials};
use crate::providers::DefaultChain;
use crate::request::Language;
use crate::retry::RetryPolicy;
use crate::transport::{ReqwestTransport, Transport};

/// Settings of a [`Client`].
#[derive(Debug, Clone, Default)]
pub struct ClientBuilder {
    credentials: Option<Credentials>,
    provider: Option<Arc<Cached>>,
    settings: Settings,
}

impl Client {
    /// A builder with the defaults.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
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
        self.settings.region = region.into();
        self
    }

    /// Where requests go (default: `{service}.tencentcloudapi.com`).
    pub fn endpoint(mut self, endpoint: Endpoint) -> Self {
        self.settings.endpoint = endpoint;
        self
    }

    /// `X-TC-Language`: the language of error messages.
    pub fn language(mut self, language: Language) -> Self {
        self.settings.language = Some(language);
        self
    }

    /// A header sent with every request of this client (`X-Trace-Id`, a proxy's key…).
    /// The headers the signature covers or the API reads (`Host`, `Content-Type`,
    /// `Authorization`, `X-TC-…`) cannot be set this way: they are left out.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        if !is_reserved_header(&name) {
            self.settings.headers.push((name, value.into()));
        }
        self
    }

    /// How long connecting may take (default 5 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.settings.connect_timeout = timeout;
        self
    }

    /// How long one attempt may take until its reply has come whole (a streamed reply:
    /// until its head has come); default 30 s. A call that runs out of it fails with
    /// [`Error::Timeout`](crate::Error::Timeout) (and may be retried).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.settings.timeout = timeout;
        self
    }

    /// How long a whole call may take, every attempt and every wait between retries
    /// included (none by default: the retry policy's `max_elapsed` alone bounds retries).
    /// An attempt still running when it passes fails with
    /// [`Error::Deadline`](crate::Error::Deadline); a retry that could not start before
    /// it is not made (the last attempt's error is returned).
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.settings.deadline = Some(deadline);
        self
    }

    /// How long a streamed reply may stay silent between two events (heartbeats count);
    /// default 60 s. A stalled stream ends with [`Error::Stalled`](crate::Error::Stalled)
    /// instead of hanging.
    pub fn idle_timeout(mut self, idle: Duration) -> Self {
        self.settings.idle_timeout = idle;
        self
    }

    /// Sends through a `reqwest::Client` the program has already built (its pool, HTTP/2,
    /// proxy, TLS and timeouts as it set them). The client's own timeouts, deadline and
    /// retries still apply on top. A reqwest built without a crypto provider (this crate's
    /// is) panics when building a client: call
    /// [`install_crypto_provider`](crate::install_crypto_provider) before building it.
    pub fn http_client(self, client: reqwest::Client) -> Self {
        self.transport(ReqwestTransport::new(client))
    }

    /// Sends through any HTTP stack ([`Transport`]): a program's own, a recording one, or
    /// `test_util::MockTransport` (feature `test-util`) in tests. [`ClientBuilder::proxy`] and
    /// [`ClientBuilder::root_certificates_pem`] are for the transport the client builds
    /// itself: with a transport given, `build` refuses them.
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.settings.transport = Some(Arc::new(transport));
        self
    }

    /// Sends every request through the HTTP proxy at `url` (`http://proxy.corp:3128`;
    /// for `https://` endpoints the proxy is asked to `CONNECT`). Credentials may be in the
    /// URL (`http://user:password@proxy.corp:3128`) or given with
    /// [`ClientBuilder::proxy_credentials`]. A bad URL fails `build`.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        let credentials = self.settings.proxy.take().and_then(|(_, credentials)| credentials);
        self.settings.proxy = Some((url.into(), credentials));
        self
    }

    /// The user name and password the proxy asks for (`Proxy-Authorization: Basic`).
    pub fn proxy_credentials(mut self, user: impl Into<String>, password: impl Into<String>) -> Self {
        let url = self.settings.proxy.take().map(|(url, _)| url).unwrap_or_default();
        self.settings.proxy = Some((url, Some((user.into(), password.into()))));
        self
    }

    /// Trusts the CA certificates in `pem` (one or more `-----BEGIN CERTIFICATE-----`
    /// blocks) besides the system's roots: a private endpoint, or a TLS-inspecting proxy.
    /// A PEM without a certificate fails `build`.
    pub fn root_certificates_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.settings.root_certificates.push(pem.into());
        self
    }

    /// When to retry (default: [`RetryPolicy::default`]).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.settings.retry = retry;
        self
    }

    /// Keep each action to its documented requests-per-second limit.
    pub fn rate_limit(mut self, on: bool) -> Self {
        self.settings.rate_limit = on;
        self
    }

    /// The root domain of `Default`, `International` and `Regional` endpoints instead of
    /// `tencentcloudapi.com` (a private deployment): `vpc.<root>`.
    pub fn root_domain(mut self, root: impl Into<String>) -> Self {
        self.settings.root_domain = root.into().trim_matches('.').to_string();
        self
    }

    /// A backup endpoint, used while the primary keeps failing (see [`BreakerPolicy`]);
    /// off by default.
    pub fn backup_endpoint(mut self, backup: Endpoint, policy: BreakerPolicy) -> Self {
        self.settings.backup = Some((backup, policy));
        self
    }

    /// Strict decoding: a reply that deviates from the documented response in any way
    /// (a missing or `null` field, a reformatted value, an undocumented field…) is
    /// [`Error::Decode`](crate::Error::Decode) naming the path, instead of being forgiven. Off by default:
    /// replies are decoded leniently, as the official SDKs do.
    pub fn strict_decoding(mut self, on: bool) -> Self {
        self.settings.strict_decoding = on;
        self
    }

    /// Check the limits the documentation states (a number's range, a string's or a
    /// list's length: [`Action::validate_limits`](crate::Action::validate_limits)) before
    /// sending; on by default. A page can be wrong about a limit (the server takes a
    /// value the page rules out): `documented_limits(false)` sends such requests and lets
    /// the server judge, while the structure of each request (required parameters,
    /// parameters that exclude or require each other) is still checked.
    pub fn documented_limits(mut self, on: bool) -> Self {
        self.settings.documented_limits = on;
        self
    }

    /// The client; without explicit credentials or a provider, it asks [`DefaultChain`]
    /// at its first call.
    pub fn build(self) -> Result<Client, BuildError> {
        if self.settings.proxy.as_ref().is_some_and(|(url, _)| url.is_empty()) {
            return Err(BuildError::Http("proxy credentials without a proxy URL".to_string()));
        }
        let credentials = match (self.credentials, self.provider) {
            (Some(c), _) => CredentialsSource::Given(c),
            (None, Some(provider)) => CredentialsSource::Provided(provider),
            (None, None) => CredentialsSource::Provided(Arc::new(Cached::new(Box::new(DefaultChain::new())))),
        };
        Client::new(self.settings, credentials)
    }
}
