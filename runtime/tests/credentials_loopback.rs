//! Credential providers against real servers on loopback: a CVM instance metadata service
//! (`test_support::metadata`) whose role credentials expire, and the API server that
//! checks every signature and the `X-TC-Token`. The action is written by hand (`common`).

#![cfg(feature = "client")]

mod common;

use std::time::Duration;

use common::AssociateAddressRequest;
use tencentcloud_api_runtime::providers::{CvmRoleProvider, DefaultChain, ProfileProvider};
use tencentcloud_api_runtime::{Client, Endpoint, Error};
use test_support::http::{Response, Server};
use test_support::metadata::MetadataServer;
use test_support::tc3::{check, SECRET_ID, SECRET_KEY};

const OK: &str = r#"{"Response": {"TaskId": "1", "RequestId": "req-ok"}}"#;

fn request() -> AssociateAddressRequest {
    AssociateAddressRequest { address_id: "eip-1".into(), ..Default::default() }
}

/// Role credentials that expire in two seconds: 100 concurrent calls share one fetch; once
/// they near expiry, the next call fetches fresh ones.
#[tokio::test]
async fn role_credentials_are_cached_shared_and_refreshed_before_expiry() {
    let metadata = MetadataServer::start(Duration::from_secs(2)).await;
    let server = Server::scripted(vec![Response::json(OK); 101]).await;
    let client = Client::builder()
        .credentials_provider(CvmRoleProvider::with_endpoint(&metadata.url()))
        .region("ap-guangzhou")
        .endpoint(Endpoint::Url(server.url()))
        .build()
        .unwrap();
    let calls = (0..100).map(|_| {
        let client = client.clone();
        async move { client.send(&request()).await }
    });
    for result in join_all(calls).await {
        assert_eq!(result.unwrap().task_id, "1");
    }
    assert_eq!(metadata.fetches(), 1, "one fetch for 100 concurrent calls");
    let seen = server.seen();
    assert!(seen.iter().all(|s| check(s) == Ok(()) && s.header("X-TC-Token") == Some("role-token-1")));

    // Past half their lifetime: refreshed ahead of expiry.
    tokio::time::sleep(Duration::from_millis(1600)).await;
    client.send(&request()).await.unwrap();
    assert_eq!(metadata.fetches(), 2);
    assert_eq!(server.seen().last().unwrap().header("X-TC-Token"), Some("role-token-2"));
}

/// Runs futures concurrently on this runtime (spawned tasks), in order.
async fn join_all<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for handle in handles {
        out.push(handle.await.unwrap());
    }
    out
}

/// The chain's order: the first provider that has credentials gives them; a profile file
/// that does not exist passes to the next; nothing anywhere is an error naming what to set,
/// and nothing is sent.
#[tokio::test]
async fn the_chain_takes_the_first_provider_that_has_credentials() {
    let metadata = MetadataServer::start(Duration::from_secs(3600)).await;
    let server = Server::scripted(vec![Response::json(OK)]).await;
    let absent = std::env::temp_dir().join(format!("no-such-credentials-{}", std::process::id()));
    let chain = DefaultChain::of(vec![
        Box::new(ProfileProvider::new(vec![absent.clone()], "default")),
        Box::new(CvmRoleProvider::with_endpoint(&metadata.url())),
    ]);
    let client = Client::builder().credentials_provider(chain).endpoint(Endpoint::Url(server.url())).build().unwrap();
    client.send(&request()).await.unwrap();
    assert_eq!(server.seen()[0].header("X-TC-Token"), Some("role-token-1"));

    // No metadata service either (a closed port): no credentials, nothing sent.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let chain = DefaultChain::of(vec![
        Box::new(ProfileProvider::new(vec![absent], "default")),
        Box::new(CvmRoleProvider::with_endpoint(&format!("http://{closed}"))),
    ]);
    let client = Client::builder().credentials_provider(chain).endpoint(Endpoint::Url(server.url())).build().unwrap();
    match client.send(&request()).await {
        Err(Error::Credentials(message)) => assert!(message.contains("TENCENTCLOUD_SECRET_ID"), "{message}"),
        other => panic!("expected a credentials error, got {other:?}"),
    }
    assert_eq!(server.seen().len(), 1);
}

fn sts_reply() -> String {
    let expires = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() + 3600;
    format!(
        r#"{{"Response": {{"Credentials": {{"Token": "sts-token", "TmpSecretId": "{}", "TmpSecretKey": "{}"}}, "ExpiredTime": {expires}, "Expiration": "later", "RequestId": "req-sts"}}}}"#,
        SECRET_ID, SECRET_KEY
    )
}

/// `AssumeRole`: signed with the source's credentials (the STS server checks the
/// signature), the role's temporary credentials then sign the calls, and are cached.
#[tokio::test]
async fn assume_role_signs_with_the_source_and_caches_the_role() {
    use tencentcloud_api_runtime::providers::{AssumeRoleProvider, Sts};
    let sts = Server::scripted(vec![Response::json(sts_reply())]).await;
    let api = Server::scripted(vec![Response::json(OK), Response::json(OK)]).await;
    let provider = AssumeRoleProvider::new(
        tencentcloud_api_runtime::Credentials::new(SECRET_ID, SECRET_KEY),
        "qcs::cam::uin/100000000001:roleName/loopback",
        "session-1",
    )
    .duration_seconds(900)
    .policy(r#"{"version":"2.0"}"#)
    .sts(Sts { endpoint: Endpoint::Url(sts.url()), region: "ap-shanghai".into() });
    let client = Client::builder().credentials_provider(provider).endpoint(Endpoint::Url(api.url())).build().unwrap();
    client.send(&request()).await.unwrap();
    client.send(&request()).await.unwrap();

    let seen = sts.seen();
    assert_eq!(seen.len(), 1, "the role's credentials are cached");
    assert_eq!(check(&seen[0]), Ok(()), "signed with the source's key");
    assert_eq!(seen[0].header("X-TC-Action"), Some("AssumeRole"));
    assert_eq!(seen[0].header("X-TC-Version"), Some("2018-08-13"));
    assert_eq!(seen[0].header("X-TC-Region"), Some("ap-shanghai"));
    let body = seen[0].json();
    assert_eq!(
        body,
        serde_json::json!({"RoleArn": "qcs::cam::uin/100000000001:roleName/loopback", "RoleSessionName": "session-1",
            "DurationSeconds": 900, "Policy": "{\"version\":\"2.0\"}"})
    );
    assert!(api.seen().iter().all(|s| check(s) == Ok(()) && s.header("X-TC-Token") == Some("sts-token")));
}

/// TKE's web identity: the token file is sent to `AssumeRoleWithWebIdentity` unsigned
/// (`Authorization: SKIP`), and the role's credentials sign the calls.
#[tokio::test]
async fn oidc_web_identity_is_exchanged_unsigned() {
    use tencentcloud_api_runtime::providers::{OidcProvider, Sts};
    let sts = Server::scripted(vec![Response::json(sts_reply())]).await;
    let api = Server::scripted(vec![Response::json(OK)]).await;
    let scratch = test_support::Scratch::new("tke-token");
    let token_file = scratch.write("token", "eyJ.web-identity.token\n");
    let provider = OidcProvider::new("cls-loopback", &token_file, "qcs::cam::uin/1:roleName/tke")
        .sts(Sts { endpoint: Endpoint::Url(sts.url()), region: "ap-beijing".into() });
    let client = Client::builder().credentials_provider(provider).endpoint(Endpoint::Url(api.url())).build().unwrap();
    client.send(&request()).await.unwrap();

    let seen = sts.seen();
    assert_eq!(seen[0].header("Authorization"), Some("SKIP"));
    assert_eq!(seen[0].header("X-TC-Token"), None);
    assert_eq!(seen[0].header("X-TC-Action"), Some("AssumeRoleWithWebIdentity"));
    assert_eq!(seen[0].header("X-TC-Region"), Some("ap-beijing"));
    let body = seen[0].json();
    assert_eq!(body["WebIdentityToken"], "eyJ.web-identity.token");
    assert_eq!(body["ProviderId"], "cls-loopback");
    assert_eq!(body["RoleArn"], "qcs::cam::uin/1:roleName/tke");
    assert_eq!(check(&api.seen()[0]), Ok(()));
    assert_eq!(api.seen()[0].header("X-TC-Token"), Some("sts-token"));
}
