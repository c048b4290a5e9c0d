//! Not compiled in this workspace: CI (`.ci/run`) copies it into the tests of the whole
//! VPC crate it generates from the HTML corpus with `cargo xtask regen --init` (whose
//! workspace holds `test-support/`; CI adds it and the other dev-dependencies to the
//! generated crate with `cargo add --dev`): the paginator of `DescribeAddresses` and the
//! waiters of `DescribeVpcTaskResult` and `DescribeAddresses`, generated from the real
//! pages, against the loopback server of `test-support`. (This repository's own
//! `docs-src/` has neither page.)
#![cfg(feature = "vpc")]

use std::time::Duration;

use futures_util::TryStreamExt;
use serde_json::{json, Value};
use tencentcloud_api::vpc::v20170312::{
    Address, AddressStatus, Client as VpcClient, DescribeAddressesFilter, DescribeAddressesRequest,
    DescribeVpcTaskResultRequest,
};
use tencentcloud_api::{Client, Credentials, Endpoint, Error, RetryPolicy, WaitError, WaitPolicy};
use test_support::http::{Request, Response, Server};
use test_support::tc3::{self, SECRET_ID, SECRET_KEY};

/// The VPC client of a client that signs with the test key pair and sends to `server`
/// (as `integration_tests::loopback_client`, which this crate cannot depend on).
fn vpc(server: &Server) -> VpcClient {
    let client = Client::builder()
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .region("ap-guangzhou")
        .endpoint(Endpoint::Url(server.url()))
        .retry(RetryPolicy { base_delay: Duration::from_millis(10), ..RetryPolicy::default() })
        .build()
        .unwrap();
    VpcClient::new(client)
}

/// `DescribeAddresses` as a server holding 250 EIPs answers it (`Limit` at most 100).
fn addresses(request: &Request, repeat_first: bool) -> Response {
    let body = request.json();
    let offset = if repeat_first { 0 } else { body["Offset"].as_u64().unwrap_or(0) };
    let limit = body["Limit"].as_u64().unwrap_or(20).min(100);
    let set: Vec<Value> = (offset..250.min(offset + limit))
        .map(|i| json!({"AddressId": format!("eip-{i:05}"), "AddressStatus": "UNBIND"}))
        .collect();
    Response::json(json!({"Response": {"TotalCount": 250, "AddressSet": set, "RequestId": "r"}}).to_string())
}

#[tokio::test]
async fn every_eip_in_three_lines() {
    let server = Server::start(|request, _| addresses(request, false)).await;
    let vpc = vpc(&server);
    let mut all: Vec<Address> = Vec::new();
    let mut eips = vpc.describe_addresses_items(&DescribeAddressesRequest::default());
    while let Some(address) = eips.try_next().await.unwrap() {
        all.push(address);
    }
    let ids: Vec<String> = all.iter().map(|a| a.address_id.clone()).collect();
    assert_eq!(ids, (0..250).map(|i| format!("eip-{i:05}")).collect::<Vec<_>>());
    let pages: Vec<(Value, Value)> =
        server.seen().iter().map(|s| (s.json()["Offset"].clone(), s.json()["Limit"].clone())).collect();
    assert_eq!(pages, [(Value::Null, json!(100)), (json!(100), json!(100)), (json!(200), json!(100))]);
    assert!(server.seen().iter().all(|s| tc3::check(s).is_ok()), "every page is signed");
}

#[tokio::test]
async fn a_repeated_page_of_eips_is_an_error() {
    let server = Server::start(|request, _| addresses(request, true)).await;
    let vpc = vpc(&server);
    let result: Result<Vec<Address>, _> =
        vpc.describe_addresses_items(&DescribeAddressesRequest::default()).try_collect().await;
    assert!(matches!(result, Err(Error::Pagination(_))), "{result:?}");
}

fn task(status: &str) -> Response {
    Response::json(json!({"Response": {"Status": status, "Output": "", "RequestId": "r"}}).to_string())
}

#[tokio::test]
async fn a_vpc_task_that_runs_for_three_polls_then_succeeds_or_fails() {
    let policy = WaitPolicy { initial_delay: Duration::from_millis(10), ..WaitPolicy::default() };
    let request = DescribeVpcTaskResultRequest { task_id: "1234".into() };

    let server = Server::start(|_, n| task(if n < 3 { "RUNNING" } else { "SUCCESS" })).await;
    let done = vpc(&server).describe_vpc_task_result_until_done(&request, &policy).await.unwrap();
    assert_eq!(done.status, "SUCCESS");
    assert_eq!(server.seen().len(), 4);

    let server = Server::start(|_, n| task(if n < 3 { "RUNNING" } else { "FAILED" })).await;
    match vpc(&server).describe_vpc_task_result_until_done(&request, &policy).await {
        Err(WaitError::Failed { reason, last }) => {
            assert_eq!((reason.as_str(), last.status.as_str()), ("Status is FAILED", "FAILED"))
        }
        other => panic!("{other:?}"),
    }
}

/// The README's listing of unbound EIPs: a typed filter, a typed status.
#[tokio::test]
async fn unbound_eips_with_a_typed_filter_and_a_typed_status() {
    let server = Server::start(|_, _| {
        let set = json!([{"AddressId": "eip-1", "AddressStatus": "UNBIND"}, {"AddressId": "eip-2", "AddressStatus": "BIND"}]);
        Response::json(json!({"Response": {"TotalCount": 2, "AddressSet": set, "RequestId": "r"}}).to_string())
    })
    .await;
    let request = DescribeAddressesRequest {
        filters: Some(vec![DescribeAddressesFilter::address_status([AddressStatus::Unbind])]),
        ..Default::default()
    };
    let reply = vpc(&server).describe_addresses(&request).await.unwrap();
    let free: Vec<&str> = reply
        .address_set
        .iter()
        .filter(|a| a.address_status == AddressStatus::Unbind)
        .map(|a| a.address_id.as_str())
        .collect();
    assert_eq!(free, ["eip-1"]);
    assert_eq!(server.seen()[0].json()["Filters"], json!([{"Name": "address-status", "Values": ["UNBIND"]}]));
}

#[tokio::test]
async fn an_eip_is_waited_for_until_it_is_bound() {
    let policy = WaitPolicy { initial_delay: Duration::from_millis(10), ..WaitPolicy::default() };
    let server = Server::start(|_, n| {
        let status = if n < 3 { "BINDING" } else { "BIND" };
        let set = json!([{"AddressId": "eip-1", "AddressStatus": status}]);
        Response::json(json!({"Response": {"TotalCount": 1, "AddressSet": set, "RequestId": "r"}}).to_string())
    })
    .await;
    let request = DescribeAddressesRequest { address_ids: Some(vec!["eip-1".into()]), ..Default::default() };
    let reply = vpc(&server).describe_addresses_until(&request, &[AddressStatus::Bind], &policy).await.unwrap();
    assert_eq!(reply.address_set[0].address_status, AddressStatus::Bind);
    assert_eq!(server.seen().len(), 4);
}
