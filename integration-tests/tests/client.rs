//! The generated surface on the runtime's client, against the loopback server
//! (`test_support::http`, signatures checked by `test_support::tc3`): a product's
//! `Client` sends its actions, its requests validate and serialize as documented, its
//! error enums type the codes, and the errors of several actions meet in the product's
//! `ErrorCode`. The runtime's own behaviour (retries, rate limits, the breaker, decoding,
//! credentials, tracing) is tested in `runtime/tests` on hand-written actions.

use std::time::Duration;

use tencentcloud_api::vpc::v20170312::{
    AssociateAddressError, AssociateAddressRequest, AssociateIPv6AddressRequest, Client as VpcClient, ErrorCode,
};
use tencentcloud_api::{AnyError, ApiError, Client, ClientBuilder, Credentials, Endpoint, Error, RetryPolicy};
use test_support::http::{Response, Server};
use test_support::tc3::{api_error, check, SECRET_ID, SECRET_KEY};

const OK: &str = r#"{"Response": {"TaskId": "50121411", "RequestId": "req-ok"}}"#;

fn client(server: &Server) -> ClientBuilder {
    Client::builder()
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .region("ap-guangzhou")
        .endpoint(Endpoint::Url(server.url()))
        .retry(RetryPolicy { base_delay: Duration::from_millis(20), ..RetryPolicy::default() })
}

fn request() -> AssociateAddressRequest {
    AssociateAddressRequest {
        address_id: "eip-11112222".into(),
        instance_id: Some("ins-1".into()),
        ..Default::default()
    }
}

/// A product's client: its method sends the action signed, with the generated wire form,
/// and decodes the generated response; it is cheap to clone and its calls can be spawned.
#[tokio::test]
async fn a_product_client_sends_its_actions() {
    let server = Server::scripted(vec![Response::json(OK), Response::json(OK)]).await;
    let vpc = VpcClient::new(client(&server).build().unwrap());
    let response = vpc.associate_address(&request()).await.unwrap();
    assert_eq!((response.task_id.as_str(), response.request_id.as_str()), ("50121411", "req-ok"));
    let spawned = vpc.clone();
    let response = tokio::spawn(async move { spawned.associate_address(&request()).await }).await.unwrap().unwrap();
    assert_eq!(response.task_id, "50121411");

    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert!(seen.iter().all(|s| check(s) == Ok(())), "every call is signed");
    assert_eq!(seen[0].header("X-TC-Action"), Some("AssociateAddress"));
    assert_eq!(seen[0].header("X-TC-Version"), Some("2017-03-12"));
    assert_eq!(seen[0].header("X-TC-Region"), Some("ap-guangzhou"));
    assert_eq!(seen[0].json(), serde_json::json!({"AddressId": "eip-11112222", "InstanceId": "ins-1"}));
}

/// A generated error enum types the action's documented codes, and keeps any other one.
#[tokio::test]
async fn generated_error_enums_type_the_codes() {
    let server = Server::scripted(vec![
        Response::json(api_error("InvalidAddressId.NotFound", "no such EIP")),
        Response::json(api_error("Made.Up", "new code")),
    ])
    .await;
    let vpc = VpcClient::new(client(&server).build().unwrap());
    match vpc.associate_address(&request()).await {
        Err(Error::Api { code, message, request_id }) => {
            assert_eq!(code, AssociateAddressError::InvalidAddressIdNotFound);
            assert_eq!(message, "no such EIP");
            assert_eq!(request_id, "req-InvalidAddressId.NotFound");
        }
        other => panic!("expected an API error, got {other:?}"),
    }
    let err = vpc.associate_address(&request()).await.unwrap_err();
    assert_eq!(err.code(), Some(&AssociateAddressError::Unknown("Made.Up".into())));
    assert_eq!(err.code().map(ApiError::code), Some("Made.Up"));
}

/// A generated request's documented constraints are checked before anything is sent.
#[tokio::test]
async fn generated_validation_runs_before_anything_is_sent() {
    let server = Server::scripted(vec![Response::json(OK)]).await;
    let vpc = VpcClient::new(client(&server).build().unwrap());
    let invalid = AssociateAddressRequest { network_interface_id: Some("eni-1".into()), ..request() };
    match vpc.associate_address(&invalid).await {
        Err(Error::Validation(e)) => assert!(e.to_string().contains("NetworkInterfaceId"), "{e}"),
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert!(server.seen().is_empty());
}

/// Two actions, one error type: `Error::widen` turns each action's error into the product's
/// `Error<ErrorCode>` (typed codes kept), and any `Error<…>` into the crate-wide `AnyError`.
#[tokio::test]
async fn errors_of_several_actions_meet_in_one_type() {
    async fn both(vpc: &VpcClient) -> Result<String, Error<ErrorCode>> {
        let first = vpc.associate_address(&request()).await.map_err(Error::widen)?;
        let request = AssociateIPv6AddressRequest { ipv6_address_id: "eipv6-1".into(), ..Default::default() };
        let second = vpc.associate_ipv6_address(&request).await.map_err(Error::widen)?;
        Ok(format!("{} {}", first.task_id, second.request_id))
    }

    async fn across_products(vpc: &VpcClient, client: &Client) -> Result<serde_json::Value, AnyError> {
        vpc.associate_address(&request()).await?;
        Ok(client.call_json("cvm", "2017-03-12", "DescribeKeyPairs", serde_json::json!({})).await?)
    }

    let server = Server::scripted(vec![
        Response::json(OK),
        Response::json(api_error("InvalidAddressId.NotFound", "no such EIPv6")),
        Response::json(OK),
        Response::json(api_error("InvalidKeyPair.NotSupported", "no")),
        Response::json(api_error("InvalidAddressId.NotFound", "no such EIP")),
    ])
    .await;
    let client = client(&server).build().unwrap();
    let vpc = VpcClient::new(client.clone());
    let err = both(&vpc).await.unwrap_err();
    assert_eq!(err.code(), Some(&ErrorCode::InvalidAddressIdNotFound), "the typed code, from the second action");
    assert_eq!(err.request_id(), Some("req-InvalidAddressId.NotFound"));

    let err = across_products(&vpc, &client).await.unwrap_err();
    assert_eq!(err.code(), Some("InvalidKeyPair.NotSupported"));
    let err = across_products(&vpc, &client).await.unwrap_err();
    assert_eq!(err.code(), Some("InvalidAddressId.NotFound"));
    assert!(err.to_string().contains("no such EIP"), "{err}");
}

/// A product client over a handle with its own endpoint (`Client::with_endpoint`).
#[tokio::test]
async fn a_product_client_on_an_endpoint_of_its_own() {
    let server = Server::scripted(vec![Response::json(OK)]).await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let client = Client::builder()
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .endpoint(Endpoint::Url(format!("http://{closed}")))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    assert!(matches!(VpcClient::new(client.clone()).associate_address(&request()).await, Err(Error::Transport(_))));
    let elsewhere = client.with_endpoint(Endpoint::Url(server.url()));
    assert_eq!(VpcClient::new(elsewhere).associate_address(&request()).await.unwrap().task_id, "50121411");
    assert_eq!(check(&server.seen()[0]), Ok(()));
}
