//! Roles assumed with STS: [`AssumeRoleProvider`] (`AssumeRole`, signed with another
//! provider's credentials) and [`OidcProvider`] (a TKE pod's web identity, exchanged with
//! `AssumeRoleWithWebIdentity`, unsigned). STS is called with a client of its own, built
//! from the client's settings (not from its builder, whose default credentials chain
//! includes these providers).

use std::path::PathBuf;
use std::time::{Duration, UNIX_EPOCH};

use crate::client::{Client, Settings};
use crate::credentials::{Credentials, CredentialsError};
use crate::endpoint::Endpoint;
use crate::provide::{Cached, CredentialsSource, Expiring, ProvideCredentials, ProvideFuture};
use crate::retry::RetryPolicy;

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

/// Calls an STS action, with `credentials` (or unsigned).
async fn call_sts(
    sts: &Sts,
    action: &str,
    body: serde_json::Value,
    credentials: CredentialsSource,
) -> Result<Expiring, CredentialsError> {
    let settings = Settings {
        endpoint: sts.endpoint.clone(),
        region: sts.region.clone(),
        retry: RetryPolicy::default(),
        ..Settings::default()
    };
    let client = Client::new(settings, credentials).map_err(|e| CredentialsError::new(format!("STS {action}: {e}")))?;
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
        call_sts(&self.sts, "AssumeRole", body, CredentialsSource::Given(source)).await.map(Some)
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
        call_sts(&self.sts, "AssumeRoleWithWebIdentity", body, CredentialsSource::Unsigned).await.map(Some)
    }
}

impl ProvideCredentials for OidcProvider {
    fn provide(&self) -> ProvideFuture<'_> {
        Box::pin(self.fetch())
    }
}

/// The TKE OIDC provider when its variables are set (the last link of the default chain).
#[derive(Debug, Clone, Default)]
pub(super) struct OidcFromEnv;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
