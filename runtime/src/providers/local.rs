//! Credentials on this machine: the environment ([`EnvProvider`]) and the profile files
//! ([`ProfileProvider`]).

use std::path::{Path, PathBuf};

use crate::credentials::{Credentials, CredentialsError};
use crate::provide::{Expiring, ProvideCredentials, ProvideFuture};

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
    fn the_first_existing_profile_file_is_read() {
        let scratch = test_support::Scratch::new("providers");
        let dir = scratch.path();
        let (first, second) = (dir.join("absent"), dir.join("etc-credentials"));
        std::fs::write(&second, "[default]\nsecret_id = AKIDetc\nsecret_key = k\n").unwrap();
        let p = ProfileProvider::new(vec![first, second], "default");
        let found = p.read().unwrap().unwrap();
        assert_eq!(found.credentials, Credentials::new("AKIDetc", "k"));
        assert_eq!(ProfileProvider::new(vec![dir.join("none")], "default").read().unwrap(), None);
    }
}
