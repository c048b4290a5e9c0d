//! Credential providers against real servers on loopback: a CVM instance metadata service
//! (tests/support) whose role credentials expire, and the API server that checks every
//! signature and the `X-TC-Token`.

#![cfg(feature = "client")]

mod support;

use std::time::Duration;

use support::{MetadataServer, Reply, Server};
use tencentcloud_api::providers::{CvmRoleProvider, DefaultChain, ProfileProvider};
use tencentcloud_api::vpc::v20170312::{AssociateAddressRequest, Client as VpcClient};
use tencentcloud_api::{Client, Endpoint, Error};

const OK: &str = r#"{"Response": {"TaskId": "1", "RequestId": "req-ok"}}"#;

fn request() -> AssociateAddressRequest {
    AssociateAddressRequest { address_id: "eip-1".into(), ..Default::default() }
}

/// Role credentials that expire in two seconds: 100 concurrent calls share one fetch; once
/// they near expiry, the next call fetches fresh ones.
#[tokio::test]
async fn role_credentials_are_cached_shared_and_refreshed_before_expiry() {
    let metadata = MetadataServer::start(Duration::from_secs(2)).await;
    let server = Server::start(vec![Reply::Json(OK.into()); 101]).await;
    let client = Client::builder()
        .credentials_provider(CvmRoleProvider::with_endpoint(&metadata.url()))
        .region("ap-guangzhou")
        .endpoint(Endpoint::Url(server.url()))
        .build()
        .unwrap();
    let vpc = VpcClient::new(client);
    let calls = (0..100).map(|_| {
        let vpc = vpc.clone();
        async move { vpc.associate_address(&request()).await }
    });
    for result in join_all(calls).await {
        assert_eq!(result.unwrap().task_id, "1");
    }
    assert_eq!(metadata.fetches(), 1, "one fetch for 100 concurrent calls");
    let seen = server.seen();
    assert!(seen.iter().all(|s| s.signature == Ok(()) && s.header("X-TC-Token") == Some("role-token-1")));

    // Past half their lifetime: refreshed ahead of expiry.
    tokio::time::sleep(Duration::from_millis(1600)).await;
    vpc.associate_address(&request()).await.unwrap();
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
    let server = Server::start(vec![Reply::Json(OK.into())]).await;
    let absent = std::env::temp_dir().join(format!("no-such-credentials-{}", std::process::id()));
    let chain = DefaultChain::of(vec![
        Box::new(ProfileProvider::new(vec![absent.clone()], "default")),
        Box::new(CvmRoleProvider::with_endpoint(&metadata.url())),
    ]);
    let client = Client::builder().credentials_provider(chain).endpoint(Endpoint::Url(server.url())).build().unwrap();
    VpcClient::new(client).associate_address(&request()).await.unwrap();
    assert_eq!(server.seen()[0].header("X-TC-Token"), Some("role-token-1"));

    // No metadata service either (a closed port): no credentials, nothing sent.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let chain = DefaultChain::of(vec![
        Box::new(ProfileProvider::new(vec![absent], "default")),
        Box::new(CvmRoleProvider::with_endpoint(&format!("http://{closed}"))),
    ]);
    let client = Client::builder().credentials_provider(chain).endpoint(Endpoint::Url(server.url())).build().unwrap();
    match VpcClient::new(client).associate_address(&request()).await {
        Err(Error::Credentials(message)) => assert!(message.contains("TENCENTCLOUD_SECRET_ID"), "{message}"),
        other => panic!("expected a credentials error, got {other:?}"),
    }
    assert_eq!(server.seen().len(), 1);
}

fn sts_reply() -> String {
    let expires = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() + 3600;
    format!(
        r#"{{"Response": {{"Credentials": {{"Token": "sts-token", "TmpSecretId": "{}", "TmpSecretKey": "{}"}}, "ExpiredTime": {expires}, "Expiration": "later", "RequestId": "req-sts"}}}}"#,
        support::SECRET_ID,
        support::SECRET_KEY
    )
}

/// `AssumeRole`: signed with the source's credentials (the STS server checks the
/// signature), the role's temporary credentials then sign the calls, and are cached.
#[tokio::test]
async fn assume_role_signs_with_the_source_and_caches_the_role() {
    use tencentcloud_api::providers::{AssumeRoleProvider, Sts};
    let sts = Server::start(vec![Reply::Json(sts_reply())]).await;
    let api = Server::start(vec![Reply::Json(OK.into()), Reply::Json(OK.into())]).await;
    let provider = AssumeRoleProvider::new(
        tencentcloud_api::Credentials::new(support::SECRET_ID, support::SECRET_KEY),
        "qcs::cam::uin/100000000001:roleName/loopback",
        "session-1",
    )
    .duration_seconds(900)
    .policy(r#"{"version":"2.0"}"#)
    .sts(Sts { endpoint: Endpoint::Url(sts.url()), region: "ap-shanghai".into() });
    let client = Client::builder().credentials_provider(provider).endpoint(Endpoint::Url(api.url())).build().unwrap();
    let vpc = VpcClient::new(client);
    vpc.associate_address(&request()).await.unwrap();
    vpc.associate_address(&request()).await.unwrap();

    let seen = sts.seen();
    assert_eq!(seen.len(), 1, "the role's credentials are cached");
    assert_eq!(seen[0].signature, Ok(()), "signed with the source's key");
    assert_eq!(seen[0].header("X-TC-Action"), Some("AssumeRole"));
    assert_eq!(seen[0].header("X-TC-Version"), Some("2018-08-13"));
    assert_eq!(seen[0].header("X-TC-Region"), Some("ap-shanghai"));
    let body: serde_json::Value = serde_json::from_slice(&seen[0].body).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"RoleArn": "qcs::cam::uin/100000000001:roleName/loopback", "RoleSessionName": "session-1",
            "DurationSeconds": 900, "Policy": "{\"version\":\"2.0\"}"})
    );
    assert!(api.seen().iter().all(|s| s.signature == Ok(()) && s.header("X-TC-Token") == Some("sts-token")));
}

/// TKE's web identity: the token file is sent to `AssumeRoleWithWebIdentity` unsigned
/// (`Authorization: SKIP`), and the role's credentials sign the calls.
#[tokio::test]
async fn oidc_web_identity_is_exchanged_unsigned() {
    use tencentcloud_api::providers::{OidcProvider, Sts};
    let sts = Server::start(vec![Reply::Json(sts_reply())]).await;
    let api = Server::start(vec![Reply::Json(OK.into())]).await;
    let token_file = std::env::temp_dir().join(format!("tke-token-{}", std::process::id()));
    std::fs::write(&token_file, "eyJ.web-identity.token\n").unwrap();
    let provider = OidcProvider::new("cls-loopback", &token_file, "qcs::cam::uin/1:roleName/tke")
        .sts(Sts { endpoint: Endpoint::Url(sts.url()), region: "ap-beijing".into() });
    let client = Client::builder().credentials_provider(provider).endpoint(Endpoint::Url(api.url())).build().unwrap();
    VpcClient::new(client).associate_address(&request()).await.unwrap();
    std::fs::remove_file(&token_file).unwrap();

    let seen = sts.seen();
    assert_eq!(seen[0].header("Authorization"), Some("SKIP"));
    assert_eq!(seen[0].header("X-TC-Token"), None);
    assert_eq!(seen[0].header("X-TC-Action"), Some("AssumeRoleWithWebIdentity"));
    assert_eq!(seen[0].header("X-TC-Region"), Some("ap-beijing"));
    let body: serde_json::Value = serde_json::from_slice(&seen[0].body).unwrap();
    assert_eq!(body["WebIdentityToken"], "eyJ.web-identity.token");
    assert_eq!(body["ProviderId"], "cls-loopback");
    assert_eq!(body["RoleArn"], "qcs::cam::uin/1:roleName/tke");
    assert_eq!(api.seen()[0].signature, Ok(()));
    assert_eq!(api.seen()[0].header("X-TC-Token"), Some("sts-token"));
}
