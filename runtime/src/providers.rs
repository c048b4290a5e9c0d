//! Credential providers: where a client gets its credentials when none are given, each
//! asked again before what it gave expires. The client caches what a provider gives and
//! asks again ahead of expiry; concurrent calls share one refresh.
//!
//! - [`EnvProvider`]: `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`,
//!   `TENCENTCLOUD_SESSION_TOKEN`;
//! - [`ProfileProvider`]: the file named by `TENCENTCLOUD_CREDENTIALS_FILE`, else
//!   `~/.tencentcloud/credentials`, then `/etc/tencentcloud/credentials`; the section
//!   named by `TENCENTCLOUD_PROFILE` (default `default`);
//! - [`CvmRoleProvider`]: the role of the CVM instance the program runs on, from the
//!   instance metadata service (`http://metadata.tencentyun.com`, or
//!   `TENCENTCLOUD_METADATA_ENDPOINT`);
//! - [`OidcProvider`]: a TKE pod's role from its web identity token (`TKE_REGION`,
//!   `TKE_PROVIDER_ID`, `TKE_WEB_IDENTITY_TOKEN_FILE`, `TKE_ROLE_ARN`), with STS
//!   `AssumeRoleWithWebIdentity`;
//! - [`DefaultChain`]: those, in that order (the official SDKs' order), the first that
//!   has credentials;
//! - [`AssumeRoleProvider`]: a role assumed with STS `AssumeRole`, signed with the
//!   credentials of any other provider.

use std::fmt;
use std::future::Future;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::client::{Client, ClientBuilder, Endpoint, RetryPolicy};
use super::credentials::{Credentials, CredentialsError};

/// What a provider's future gives.
pub type ProvideFuture<'a> = Pin<Box<dyn Future<Output = Result<Option<Expiring>, CredentialsError>> + Send + 'a>>;

/// Credentials and when they expire (`None`: they do not).
#[derive(Clone, PartialEq, Eq)]
pub struct Expiring {
    /// The credentials.
    pub credentials: Credentials,
    /// When they stop working.
    pub expires: Option<SystemTime>,
}

impl fmt::Debug for Expiring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Expiring").field("credentials", &self.credentials).field("expires", &self.expires).finish()
    }
}

/// A source of credentials. `Ok(None)`: this source has none here (the chain tries the
/// next); `Err`: it has some but they cannot be had (a broken file, a failed request).
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Fetches credentials (the client caches them and asks again before they expire).
    fn provide(&self) -> ProvideFuture<'_>;
}

/// Given credentials provide themselves (the source of an [`AssumeRoleProvider`], say).
impl ProvideCredentials for Credentials {
    fn provide(&self) -> ProvideFuture<'_> {
        Box::pin(async { Ok(Some(Expiring { credentials: self.clone(), expires: None })) })
    }
}

/// `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and `TENCENTCLOUD_SESSION_TOKEN`.
#[derive(Debug, Clone, Default)]
pub struct EnvProvider;

impl ProvideCredentials for EnvProvider {
    fn provide(&self) -> ProvideFuture<'_> {
        Box::pin(async { Ok(Credentials::from_env().map(|credentials| Expiring { credentials, expires: None })) })
    }
}

/// A profile file: the first of its locations that exists, and a section of it.
#[derive(Debug, Clone)]
pub struct ProfileProvider {
    files: Vec<PathBuf>,
    profile: String,
}

impl ProfileProvider {
    /// The files and section the environment names (see the module's documentation).
    pub fn from_env() -> Self {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// Given files (the first that exists is read) and section.
    pub fn new(files: Vec<PathBuf>, profile: impl Into<String>) -> Self {
        ProfileProvider { files, profile: profile.into() }
    }

    fn from_vars(var: impl Fn(&str) -> Option<String>) -> Self {
        let set = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        let files = match set("TENCENTCLOUD_CREDENTIALS_FILE") {
            Some(file) => vec![PathBuf::from(file)],
            None => {
                let home = set("HOME").or_else(|| set("USERPROFILE"));
                let user = home.map(|h| Path::new(&h).join(".tencentcloud").join("credentials"));
                user.into_iter().chain([PathBuf::from("/etc/tencentcloud/credentials")]).collect()
            }
        };
        ProfileProvider::new(files, set("TENCENTCLOUD_PROFILE").unwrap_or_else(|| "default".to_string()))
    }

    /// The files tried, in order.
    pub fn files(&self) -> &[PathBuf] {
        &self.files
    }

    fn read(&self) -> Result<Option<Expiring>, CredentialsError> {
        for file in &self.files {
            if let Some(credentials) = Credentials::from_profile_file(file, &self.profile)? {
                return Ok(Some(Expiring { credentials, expires: None }));
            }
        }
        Ok(None)
    }
}

impl ProvideCredentials for ProfileProvider {
    fn provide(&self) -> ProvideFuture<'_> {
        Box::pin(async { self.read() })
    }
}

/// The CVM instance's role, from the instance metadata service:
/// `GET {base}/latest/meta-data/cam/security-credentials/` names the role,
/// `GET …/{role}` gives `TmpSecretId`, `TmpSecretKey`, `Token` and `ExpiredTime` (Unix
/// seconds).
#[derive(Debug, Clone)]
pub struct CvmRoleProvider {
    base: String,
    http: reqwest::Client,
}

/// The metadata service of CVM instances.
pub const METADATA_ENDPOINT: &str = "http://metadata.tencentyun.com";

impl CvmRoleProvider {
    /// At `TENCENTCLOUD_METADATA_ENDPOINT`, else [`METADATA_ENDPOINT`].
    pub fn from_env() -> Self {
        let base = std::env::var("TENCENTCLOUD_METADATA_ENDPOINT").ok().filter(|v| !v.trim().is_empty());
        Self::with_endpoint(base.as_deref().unwrap_or(METADATA_ENDPOINT))
    }

    /// At the given base URL (`http://127.0.0.1:8080` in tests).
    pub fn with_endpoint(base: &str) -> Self {
        // Off a CVM instance the service does not answer: give up quickly.
        super::client::ensure_crypto_provider();
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(1))
            .timeout(Duration::from_secs(3))
            .build()
            .unwrap_or_default();
        CvmRoleProvider { base: base.trim_end_matches('/').to_string(), http }
    }

    async fn get(&self, path: &str) -> Result<Option<String>, CredentialsError> {
        let url = format!("{}/latest/meta-data/cam/security-credentials/{path}", self.base);
        let failed = |e: String| CredentialsError::new(format!("CVM role: {url}: {e}"));
        let response = match self.http.get(&url).send().await {
            Ok(response) => response,
            // Not on a CVM instance (no metadata service): this source has nothing.
            Err(e) if e.is_connect() || e.is_timeout() => return Ok(None),
            Err(e) => return Err(failed(e.to_string())),
        };
        if response.status() == reqwest::StatusCode::NOT_FOUND {
            return Ok(None);
        }
        if !response.status().is_success() {
            return Err(failed(format!("HTTP status {}", response.status().as_u16())));
        }
        response.text().await.map(Some).map_err(|e| failed(e.to_string()))
    }

    async fn fetch(&self) -> Result<Option<Expiring>, CredentialsError> {
        let Some(roles) = self.get("").await? else { return Ok(None) };
        let Some(role) = roles.lines().map(str::trim).find(|l| !l.is_empty()) else { return Ok(None) };
        let Some(text) = self.get(role).await? else {
            return Err(CredentialsError::new(format!("CVM role `{role}`: no credentials")));
        };
        let json: serde_json::Value = serde_json::from_str(&text)
            .map_err(|e| CredentialsError::new(format!("CVM role `{role}`: not JSON: {e}")))?;
        let field = |name: &str| json.get(name).and_then(serde_json::Value::as_str).map(str::to_string);
        let (Some(id), Some(key)) = (field("TmpSecretId"), field("TmpSecretKey")) else {
            return Err(CredentialsError::new(format!("CVM role `{role}`: no TmpSecretId or TmpSecretKey")));
        };
        let mut credentials = Credentials::new(id, key);
        if let Some(token) = field("Token") {
            credentials = credentials.with_token(token);
        }
        let expires = json
            .get("ExpiredTime")
            .and_then(|t| t.as_u64().or_else(|| t.as_str().and_then(|s| s.parse().ok())))
            .map(|secs| UNIX_EPOCH + Duration::from_secs(secs));
        Ok(Some(Expiring { credentials, expires }))
    }
}

impl ProvideCredentials for CvmRoleProvider {
    fn provide(&self) -> ProvideFuture<'_> {
        Box::pin(self.fetch())
    }
}

/// STS settings shared by the role providers: where STS is (the client's endpoint rules:
/// `sts.tencentcloudapi.com` by default, any [`Endpoint`] in tests) and its region.
#[derive(Debug, Clone)]
pub struct Sts {
    /// Where STS requests go.
    pub endpoint: Endpoint,
    /// The region sent with them (`ap-guangzhou`).
    pub region: String,
}

impl Default for Sts {
    fn default() -> Self {
        Sts { endpoint: Endpoint::Default, region: "ap-guangzhou".to_string() }
    }
}

/// The credentials of an STS reply (`AssumeRole`, `AssumeRoleWithWebIdentity`):
/// `Credentials.{TmpSecretId, TmpSecretKey, Token}` and `ExpiredTime`.
fn sts_credentials(action: &str, reply: &serde_json::Value) -> Result<Expiring, CredentialsError> {
    let field = |name: &str| reply["Credentials"][name].as_str().map(str::to_string);
    let (Some(id), Some(key)) = (field("TmpSecretId"), field("TmpSecretKey")) else {
        return Err(CredentialsError::new(format!(
            "STS {action}: no Credentials.TmpSecretId or TmpSecretKey in the reply"
        )));
    };
    let mut credentials = Credentials::new(id, key);
    if let Some(token) = field("Token") {
        credentials = credentials.with_token(token);
    }
    let expires = reply["ExpiredTime"].as_u64().map(|secs| UNIX_EPOCH + Duration::from_secs(secs));
    Ok(Expiring { credentials, expires })
}

/// Calls an STS action with a client built by `build`.
async fn call_sts(
    sts: &Sts,
    action: &str,
    body: serde_json::Value,
    build: impl FnOnce(ClientBuilder) -> Result<Client, super::client::BuildError>,
) -> Result<Expiring, CredentialsError> {
    let builder =
        Client::builder().endpoint(sts.endpoint.clone()).region(sts.region.clone()).retry(RetryPolicy::default());
    let client = build(builder).map_err(|e| CredentialsError::new(format!("STS {action}: {e}")))?;
    let reply = client
        .call_json("sts", "2018-08-13", action, body)
        .await
        .map_err(|e| CredentialsError::new(format!("STS {action}: {e}")))?;
    sts_credentials(action, &reply)
}

/// A role assumed with STS `AssumeRole`, signed with the credentials of another provider
/// (cached like a client's).
#[derive(Debug)]
pub struct AssumeRoleProvider {
    source: Cached,
    role_arn: String,
    session_name: String,
    duration_seconds: u32,
    policy: Option<String>,
    sts: Sts,
}

impl AssumeRoleProvider {
    /// Assumes `role_arn` (`qcs::cam::uin/100000000001:roleName/role`) as `session_name`,
    /// for 7,200 seconds, with the credentials `source` gives.
    pub fn new(
        source: impl ProvideCredentials + 'static,
        role_arn: impl Into<String>,
        session_name: impl Into<String>,
    ) -> Self {
        AssumeRoleProvider {
            source: Cached::new(Box::new(source)),
            role_arn: role_arn.into(),
            session_name: session_name.into(),
            duration_seconds: 7200,
            policy: None,
            sts: Sts::default(),
        }
    }

    /// How long the role's credentials last (`DurationSeconds`).
    pub fn duration_seconds(mut self, seconds: u32) -> Self {
        self.duration_seconds = seconds;
        self
    }

    /// A policy narrowing the role's permissions (`Policy`, JSON).
    pub fn policy(mut self, policy: impl Into<String>) -> Self {
        self.policy = Some(policy.into());
        self
    }

    /// Where STS is.
    pub fn sts(mut self, sts: Sts) -> Self {
        self.sts = sts;
        self
    }

    async fn fetch(&self) -> Result<Option<Expiring>, CredentialsError> {
        let source = self.source.get().await?;
        let mut body = serde_json::json!({
            "RoleArn": self.role_arn,
            "RoleSessionName": self.session_name,
            "DurationSeconds": self.duration_seconds,
        });
        if let Some(policy) = &self.policy {
            body["Policy"] = serde_json::Value::String(policy.clone());
        }
        call_sts(&self.sts, "AssumeRole", body, |b| b.credentials(source).build()).await.map(Some)
    }
}

impl ProvideCredentials for AssumeRoleProvider {
    fn provide(&self) -> ProvideFuture<'_> {
        Box::pin(self.fetch())
    }
}

/// A TKE pod's role, from its OIDC web identity token with STS
/// `AssumeRoleWithWebIdentity` (unsigned): `TKE_REGION`, `TKE_PROVIDER_ID`,
/// `TKE_WEB_IDENTITY_TOKEN_FILE` (read at every refresh: the token rotates) and
/// `TKE_ROLE_ARN`.
#[derive(Debug, Clone)]
pub struct OidcProvider {
    provider_id: String,
    token_file: PathBuf,
    role_arn: String,
    session_name: String,
    duration_seconds: u32,
    sts: Sts,
}

impl OidcProvider {
    /// From the variables TKE sets; `None` when they are not all set (not in a TKE pod).
    pub fn from_env() -> Option<Self> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    fn from_vars(var: impl Fn(&str) -> Option<String>) -> Option<Self> {
        let set = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        let mut provider = OidcProvider::new(
            set("TKE_PROVIDER_ID")?,
            PathBuf::from(set("TKE_WEB_IDENTITY_TOKEN_FILE")?),
            set("TKE_ROLE_ARN")?,
        );
        provider.sts.region = set("TKE_REGION")?;
        Some(provider)
    }

    /// The identity provider, the file holding the token, and the role.
    pub fn new(provider_id: impl Into<String>, token_file: impl Into<PathBuf>, role_arn: impl Into<String>) -> Self {
        OidcProvider {
            provider_id: provider_id.into(),
            token_file: token_file.into(),
            role_arn: role_arn.into(),
            session_name: "tencentcloud-api".to_string(),
            duration_seconds: 7200,
            sts: Sts::default(),
        }
    }

    /// Where STS is.
    pub fn sts(mut self, sts: Sts) -> Self {
        self.sts = sts;
        self
    }

    async fn fetch(&self) -> Result<Option<Expiring>, CredentialsError> {
        let token = std::fs::read_to_string(&self.token_file).map_err(|e| {
            CredentialsError::new(format!("{}: cannot read the web identity token: {e}", self.token_file.display()))
        })?;
        let body = serde_json::json!({
            "ProviderId": self.provider_id,
            "WebIdentityToken": token.trim(),
            "RoleArn": self.role_arn,
            "RoleSessionName": self.session_name,
            "DurationSeconds": self.duration_seconds,
        });
        call_sts(&self.sts, "AssumeRoleWithWebIdentity", body, ClientBuilder::build_unsigned).await.map(Some)
    }
}

impl ProvideCredentials for OidcProvider {
    fn provide(&self) -> ProvideFuture<'_> {
        Box::pin(self.fetch())
    }
}

/// The TKE OIDC provider when its variables are set (the last link of the default chain).
#[derive(Debug, Clone, Default)]
struct OidcFromEnv;

impl ProvideCredentials for OidcFromEnv {
    fn provide(&self) -> ProvideFuture<'_> {
        Box::pin(async {
            match OidcProvider::from_env() {
                Some(provider) => provider.fetch().await,
                None => Ok(None),
            }
        })
    }
}

/// Providers tried in order; the first that has credentials gives them.
#[derive(Debug)]
pub struct DefaultChain {
    providers: Vec<Box<dyn ProvideCredentials>>,
}

impl DefaultChain {
    /// The official order: environment, profile file, CVM role, TKE OIDC.
    pub fn new() -> Self {
        Self::of(vec![
            Box::new(EnvProvider),
            Box::new(ProfileProvider::from_env()),
            Box::new(CvmRoleProvider::from_env()),
            Box::new(OidcFromEnv),
        ])
    }

    /// Any providers, in this order.
    pub fn of(providers: Vec<Box<dyn ProvideCredentials>>) -> Self {
        DefaultChain { providers }
    }
}

impl Default for DefaultChain {
    fn default() -> Self {
        Self::new()
    }
}

impl ProvideCredentials for DefaultChain {
    fn provide(&self) -> ProvideFuture<'_> {
        Box::pin(async {
            for provider in &self.providers {
                if let Some(found) = provider.provide().await? {
                    return Ok(Some(found));
                }
            }
            Ok(None)
        })
    }
}

/// A provider's credentials, cached and asked for again ahead of expiry (half their
/// lifetime before, at most five minutes); one refresh at a time, shared by concurrent
/// callers. When a refresh fails, credentials that have not yet expired are still used.
#[derive(Debug)]
pub(crate) struct Cached {
    provider: Box<dyn ProvideCredentials>,
    state: tokio::sync::Mutex<Option<(Expiring, Option<SystemTime>)>>,
}

impl Cached {
    pub fn new(provider: Box<dyn ProvideCredentials>) -> Self {
        Cached { provider, state: tokio::sync::Mutex::new(None) }
    }

    pub async fn get(&self) -> Result<Credentials, CredentialsError> {
        let mut state = self.state.lock().await;
        let now = SystemTime::now();
        if let Some((current, refresh_at)) = &*state {
            if refresh_at.is_none_or(|at| now < at) {
                return Ok(current.credentials.clone());
            }
        }
        match self.provider.provide().await {
            Ok(Some(fresh)) => {
                let refresh_at = fresh.expires.map(|expires| {
                    let life = expires.duration_since(now).unwrap_or_default();
                    expires - (life / 2).min(Duration::from_secs(300))
                });
                let credentials = fresh.credentials.clone();
                *state = Some((fresh, refresh_at));
                Ok(credentials)
            }
            failed => {
                let still_valid = state.as_ref().filter(|(c, _)| c.expires.is_none_or(|e| now < e));
                match (still_valid, failed) {
                    (Some((current, _)), _) => Ok(current.credentials.clone()),
                    (None, Err(e)) => Err(e),
                    (None, _) => Err(CredentialsError::new(
                        "no credentials: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, write \
                         ~/.tencentcloud/credentials, or run on a CVM instance with a role"
                            .to_string(),
                    )),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_locations_follow_the_environment() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
        };
        let p = ProfileProvider::from_vars(vars(&[("HOME", "/home/u")]));
        assert_eq!(
            p.files(),
            [PathBuf::from("/home/u/.tencentcloud/credentials"), PathBuf::from("/etc/tencentcloud/credentials")]
        );
        assert_eq!(p.profile, "default");
        let p = ProfileProvider::from_vars(vars(&[
            ("HOME", "/home/u"),
            ("TENCENTCLOUD_CREDENTIALS_FILE", "/run/creds"),
            ("TENCENTCLOUD_PROFILE", "prod"),
        ]));
        assert_eq!((p.files(), p.profile.as_str()), (&[PathBuf::from("/run/creds")][..], "prod"));
    }

    #[test]
    fn oidc_needs_all_of_tkes_variables() {
        let all: &[(&str, &str)] = &[
            ("TKE_REGION", "ap-beijing"),
            ("TKE_PROVIDER_ID", "cls-1"),
            ("TKE_WEB_IDENTITY_TOKEN_FILE", "/var/run/token"),
            ("TKE_ROLE_ARN", "qcs::cam::uin/1:roleName/r"),
        ];
        let vars = |skip: &'static str| {
            move |name: &str| all.iter().find(|(n, _)| *n == name && *n != skip).map(|(_, v)| v.to_string())
        };
        let p = OidcProvider::from_vars(vars("")).unwrap();
        assert_eq!((p.sts.region.as_str(), p.provider_id.as_str()), ("ap-beijing", "cls-1"));
        assert_eq!(p.token_file, PathBuf::from("/var/run/token"));
        for (name, _) in all {
            assert!(OidcProvider::from_vars(vars(name)).is_none(), "{name}");
        }
    }

    #[test]
    fn the_first_existing_profile_file_is_read() {
        let dir = std::env::temp_dir().join(format!("tc-providers-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (first, second) = (dir.join("absent"), dir.join("etc-credentials"));
        std::fs::write(&second, "[default]\nsecret_id = AKIDetc\nsecret_key = k\n").unwrap();
        let p = ProfileProvider::new(vec![first, second], "default");
        let found = p.read().unwrap().unwrap();
        assert_eq!(found.credentials, Credentials::new("AKIDetc", "k"));
        assert_eq!(ProfileProvider::new(vec![dir.join("none")], "default").read().unwrap(), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
