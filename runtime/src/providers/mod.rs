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
//!
//! [`ProvideCredentials`] is what each implements; a client caches what its provider
//! gives ([`crate::ClientBuilder::credentials_provider`]).

mod cvm;
mod local;
mod sts;

pub use crate::provide::{Expiring, ProvideCredentials, ProvideFuture};
pub use cvm::{CvmRoleProvider, METADATA_ENDPOINT};
pub use local::{EnvProvider, ProfileProvider};
pub use sts::{AssumeRoleProvider, OidcProvider, Sts};

use sts::OidcFromEnv;

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
