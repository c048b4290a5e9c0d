//! A CVM instance metadata service on the loopback [`Server`]: the credentials of a role.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::http::{Response, Server};
use crate::tc3::{SECRET_ID, SECRET_KEY};

/// `GET /latest/meta-data/cam/security-credentials/` names the role `loopback-role`;
/// `GET …/loopback-role` gives the test key pair (so the API server's signature check
/// passes) with the token `role-token-<n>` (n: how many times the role's credentials were
/// fetched) and an `ExpiredTime` `lifetime` from now (whole seconds, rounded up).
#[derive(Debug, Clone)]
pub struct MetadataServer {
    server: Server,
    fetches: Arc<AtomicU32>,
}

impl MetadataServer {
    /// Starts the service.
    pub async fn start(lifetime: Duration) -> MetadataServer {
        let fetches = Arc::new(AtomicU32::new(0));
        let counter = fetches.clone();
        let server = Server::start(move |request, _| {
            let base = "/latest/meta-data/cam/security-credentials/";
            if request.path == base {
                Response::new(200, "text/plain", "loopback-role").closing()
            } else if request.path == format!("{base}loopback-role") {
                let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
                let since = (SystemTime::now() + lifetime).duration_since(UNIX_EPOCH).unwrap_or_default();
                let secs = since.as_secs() + u64::from(since.subsec_nanos() > 0);
                Response::json(format!(
                    r#"{{"TmpSecretId": "{SECRET_ID}", "TmpSecretKey": "{SECRET_KEY}", "Token": "role-token-{n}", "ExpiredTime": {secs}, "Code": "Success"}}"#
                ))
                .closing()
            } else {
                Response::new(404, "text/plain", "not found").closing()
            }
        })
        .await;
        MetadataServer { server, fetches }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        self.server.url()
    }

    /// How many times the role's credentials were fetched.
    pub fn fetches(&self) -> u32 {
        self.fetches.load(Ordering::SeqCst)
    }
}
