//! The documented limits of the golden crate (read from its pages: `Limit` of
//! `DescribeItems` "Maximum value: 100", `Ratio` of `EdgeCases` "between 0 and 1"), as a
//! user meets them: `validate()` refuses a value outside before anything is sent, the
//! paginator too, and a client built with `documented_limits(false)` sends it.

use std::time::Duration;

use futures_util::StreamExt;
use golden_demo::demo::v20200101::{Client as DemoClient, DescribeItemsRequest, EdgeCasesRequest};
use golden_demo::{Action, Client, Credentials, Endpoint, Error, RetryPolicy, ValidationError};
use integration_tests::loopback_client;
use serde_json::json;
use test_support::http::{Response, Server};
use test_support::tc3::{SECRET_ID, SECRET_KEY};

fn lenient(server: &Server) -> DemoClient {
    let client = Client::builder()
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .region("ap-guangzhou")
        .endpoint(Endpoint::Url(server.url()))
        .retry(RetryPolicy { base_delay: Duration::from_millis(10), ..RetryPolicy::default() })
        .documented_limits(false)
        .build()
        .unwrap();
    DemoClient::new(client)
}

fn page() -> Response {
    Response::json(json!({"Response": {"ItemSet": [], "TotalCount": 0, "RequestId": "r"}}).to_string())
}

#[test]
fn validate_names_the_parameter_the_limit_and_the_value() {
    let over = DescribeItemsRequest { limit: Some(101), ..Default::default() };
    let err = over.validate().unwrap_err();
    assert!(err.is_documented_limit());
    assert_eq!(err.params(), ["Limit"]);
    assert_eq!(err.to_string(), "`Limit` is 101, outside its documented range: at most 100");
    assert_eq!(over.validate_structure(), Ok(()));
    assert_eq!(DescribeItemsRequest { limit: Some(100), ..Default::default() }.validate(), Ok(()));
    // Not given: nothing to check (the server's default applies).
    assert_eq!(DescribeItemsRequest::default().validate(), Ok(()));

    let ratio = EdgeCasesRequest { name: "demo".into(), port_a: Some(80), ratio: Some(1.5), ..Default::default() };
    match ratio.validate() {
        Err(ValidationError::OutOfRange { param: "Ratio", index: None, min, max, value }) => {
            assert_eq!((min, max, value), (Some(0.into()), Some(1.into()), serde_json::Number::from_f64(1.5).unwrap()));
        }
        other => panic!("expected OutOfRange, got {other:?}"),
    }
    // The structure is checked first.
    let unnamed = EdgeCasesRequest { name: String::new(), ..ratio };
    assert_eq!(unnamed.validate(), Err(ValidationError::Empty { param: "Name" }));
}

#[tokio::test]
async fn the_client_refuses_before_sending_unless_told_the_page_is_wrong() {
    let server = Server::scripted(vec![page(), page()]).await;
    let over = DescribeItemsRequest { limit: Some(500), ..Default::default() };

    let checking = DemoClient::new(loopback_client(&server));
    assert!(matches!(checking.describe_items(&over).await, Err(Error::Validation(ValidationError::OutOfRange { .. }))));
    let first = checking.describe_items_pages(&over).next().await.unwrap();
    assert!(matches!(first, Err(Error::Validation(_))), "{first:?}");
    assert!(server.seen().is_empty(), "nothing sent");

    let lenient = lenient(&server);
    lenient.describe_items(&over).await.unwrap();
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].json()["Limit"], 500);
}
