//! What every credentials provider implements ([`ProvideCredentials`], giving
//! [`Expiring`] credentials), the client's cache of what a provider gives ([`Cached`]),
//! and where a client's credentials come from ([`CredentialsSource`]). The providers
//! themselves are in [`crate::providers`], which re-exports the trait.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::credentials::{Credentials, CredentialsError};

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

/// Given credentials provide themselves (the source of an [`AssumeRoleProvider`](crate::providers::AssumeRoleProvider), say).
impl ProvideCredentials for Credentials {
    fn provide(&self) -> ProvideFuture<'_> {
        Box::pin(async { Ok(Some(Expiring { credentials: self.clone(), expires: None })) })
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
    /// Caches what `provider` gives.
    pub(crate) fn new(provider: Box<dyn ProvideCredentials>) -> Self {
        Cached { provider, state: tokio::sync::Mutex::new(None) }
    }

    /// The current credentials: cached, or fetched afresh when they near expiry.
    pub(crate) async fn get(&self) -> Result<Credentials, CredentialsError> {
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

/// Where a client's credentials come from.
#[derive(Debug)]
pub(crate) enum CredentialsSource {
    /// Given to the builder.
    Given(Credentials),
    /// From a provider, cached.
    Provided(Arc<Cached>),
    /// Requests are not signed (`Authorization: SKIP`): STS `AssumeRoleWithWebIdentity`.
    Unsigned,
}

impl CredentialsSource {
    /// The credentials to sign with; `None` for unsigned requests.
    pub(crate) async fn get(&self) -> Result<Option<Credentials>, CredentialsError> {
        match self {
            CredentialsSource::Given(c) => Ok(Some(c.clone())),
            CredentialsSource::Provided(cached) => cached.get().await.map(Some),
            CredentialsSource::Unsigned => Ok(None),
        }
    }
}
