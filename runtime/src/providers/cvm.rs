//! The role of the CVM instance the program runs on, from the instance metadata service.

use std::time::{Duration, UNIX_EPOCH};

use crate::credentials::{Credentials, CredentialsError};
use crate::provide::{Expiring, ProvideCredentials, ProvideFuture};

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
        crate::client::install_crypto_provider();
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
