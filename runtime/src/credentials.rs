//! Credentials: given explicitly, from the environment, from the profile file, or from a
//! chain trying them in that order. Secrets never appear in `Debug` or `Display`.

use std::fmt;
use std::path::{Path, PathBuf};

/// A secret id and key, with the session token of temporary credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    secret_id: String,
    secret_key: String,
    token: Option<String>,
}

impl Credentials {
    /// Permanent credentials.
    pub fn new(secret_id: impl Into<String>, secret_key: impl Into<String>) -> Self {
        Credentials { secret_id: secret_id.into(), secret_key: secret_key.into(), token: None }
    }

    /// Temporary credentials: sent with `X-TC-Token`.
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// The secret id (`AKID…`).
    pub fn secret_id(&self) -> &str {
        &self.secret_id
    }

    pub(crate) fn secret_key(&self) -> &str {
        &self.secret_key
    }

    pub(crate) fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    /// From `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY` and, if set,
    /// `TENCENTCLOUD_SESSION_TOKEN`; `None` when the id or the key is not set.
    pub fn from_env() -> Option<Self> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    fn from_vars(var: impl Fn(&str) -> Option<String>) -> Option<Self> {
        let present = |name: &str| var(name).filter(|v| !v.trim().is_empty());
        let credentials = Credentials::new(present("TENCENTCLOUD_SECRET_ID")?, present("TENCENTCLOUD_SECRET_KEY")?);
        Some(match present("TENCENTCLOUD_SESSION_TOKEN") {
            Some(token) => credentials.with_token(token),
            None => credentials,
        })
    }

    /// The default profile file: `~/.tencentcloud/credentials`.
    pub fn default_profile_file() -> Option<PathBuf> {
        let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"))?;
        Some(Path::new(&home).join(".tencentcloud").join("credentials"))
    }

    /// From an ini profile file: the section `[profile]` with `secret_id`, `secret_key`
    /// and optionally `token`. `Ok(None)` when the file does not exist.
    pub fn from_profile_file(path: &Path, profile: &str) -> Result<Option<Self>, CredentialsError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => {
                return Err(CredentialsError::new(format!("{}: cannot read the profile file: {e}", path.display())))
            }
        };
        let mut section = String::new();
        let (mut id, mut key, mut token) = (None, None, None);
        let mut found = false;
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name.trim().to_string();
                found |= section == profile;
                continue;
            }
            if section != profile {
                continue;
            }
            let Some((name, value)) = line.split_once('=') else {
                return Err(CredentialsError::new(format!(
                    "{}:{}: expected `name = value`",
                    path.display(),
                    number + 1
                )));
            };
            let value = value.trim().trim_matches('"').to_string();
            match name.trim() {
                "secret_id" | "tencentcloud_secret_id" => id = Some(value),
                "secret_key" | "tencentcloud_secret_key" => key = Some(value),
                "token" | "session_token" | "tencentcloud_session_token" => token = Some(value),
                _ => {}
            }
        }
        if !found {
            return Err(CredentialsError::new(format!("{}: no profile `[{profile}]`", path.display())));
        }
        match (id, key) {
            (Some(id), Some(key)) => {
                let credentials = Credentials::new(id, key);
                Ok(Some(match token {
                    Some(token) => credentials.with_token(token),
                    None => credentials,
                }))
            }
            _ => Err(CredentialsError::new(format!(
                "{}: profile `[{profile}]` lacks secret_id or secret_key",
                path.display()
            ))),
        }
    }

    /// The chain: the environment, then the profile file (`TENCENTCLOUD_PROFILE` or
    /// `default`). An explicit pair is simply passed to the client instead.
    pub fn from_chain() -> Result<Self, CredentialsError> {
        if let Some(credentials) = Self::from_env() {
            return Ok(credentials);
        }
        let profile = std::env::var("TENCENTCLOUD_PROFILE").unwrap_or_else(|_| "default".to_string());
        if let Some(path) = Self::default_profile_file() {
            if let Some(credentials) = Self::from_profile_file(&path, &profile)? {
                return Ok(credentials);
            }
        }
        Err(CredentialsError::new(
            "no credentials: set TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or write ~/.tencentcloud/credentials".to_string(),
        ))
    }
}

/// Only the secret id's first characters are shown; the key and token never are.
impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("secret_id", &masked(&self.secret_id))
            .field("secret_key", &"<redacted>")
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

fn masked(id: &str) -> String {
    let shown: String = id.chars().take(4).collect();
    format!("{shown}…")
}

/// Credentials could not be found or read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialsError {
    message: String,
}

impl CredentialsError {
    pub(crate) fn new(message: String) -> Self {
        CredentialsError { message }
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CredentialsError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_secrets() {
        let c = Credentials::new("AKIDsecretidvalue", "the-secret-key").with_token("the-token");
        let shown = format!("{c:?}");
        assert!(
            !shown.contains("the-secret-key") && !shown.contains("the-token") && !shown.contains("secretidvalue"),
            "{shown}"
        );
        assert!(shown.contains("AKID…"));
    }

    #[test]
    fn environment() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string())
        };
        assert_eq!(Credentials::from_vars(vars(&[])), None);
        assert_eq!(Credentials::from_vars(vars(&[("TENCENTCLOUD_SECRET_ID", "id")])), None);
        assert_eq!(
            Credentials::from_vars(vars(&[("TENCENTCLOUD_SECRET_ID", "id"), ("TENCENTCLOUD_SECRET_KEY", "key")])),
            Some(Credentials::new("id", "key"))
        );
        assert_eq!(
            Credentials::from_vars(vars(&[
                ("TENCENTCLOUD_SECRET_ID", "id"),
                ("TENCENTCLOUD_SECRET_KEY", "key"),
                ("TENCENTCLOUD_SESSION_TOKEN", "t")
            ])),
            Some(Credentials::new("id", "key").with_token("t"))
        );
    }

    #[test]
    fn profile_file() {
        let scratch = test_support::Scratch::new("credentials");
        let dir = scratch.path();
        let path = dir.join("credentials");
        std::fs::write(&path, "# comment\n[default]\nsecret_id = AKID1\nsecret_key = key1\n\n[prod]\nsecret_id=AKID2\nsecret_key = \"key2\"\ntoken = tok\n[broken]\nsecret_id = x\n").unwrap();
        assert_eq!(Credentials::from_profile_file(&path, "default").unwrap(), Some(Credentials::new("AKID1", "key1")));
        assert_eq!(
            Credentials::from_profile_file(&path, "prod").unwrap(),
            Some(Credentials::new("AKID2", "key2").with_token("tok"))
        );
        assert!(Credentials::from_profile_file(&path, "missing")
            .unwrap_err()
            .to_string()
            .contains("no profile `[missing]`"));
        assert!(Credentials::from_profile_file(&path, "broken")
            .unwrap_err()
            .to_string()
            .contains("lacks secret_id or secret_key"));
        assert_eq!(Credentials::from_profile_file(&dir.join("absent"), "default").unwrap(), None);
    }
}
