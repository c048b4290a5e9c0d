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
