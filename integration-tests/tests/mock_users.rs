//! The mock transport (feature `test-util`) as a user's tests use it with a generated
//! client: an ordinary `#[tokio::test]` of the user's own functions, through a typed call,
//! a paginator and a waiter of the golden fixture crate (`codegen/tests/golden-typed/`), and
//! a streaming method (`codegen/tests/golden/`), no network at all.

use std::time::Duration;

use futures_util::TryStreamExt;
use golden_typed::test_util::MockTransport;
use golden_typed::typed::v20210101::{
    AddressStatus, Client as TypedClient, DescribeAddressesFilter, DescribeAddressesRequest,
};
use golden_typed::{Error, WaitPolicy};
use serde_json::{json, Value};

fn page(total: usize, statuses: &[(&str, &str)]) -> Value {
    let set: Vec<Value> = statuses
        .iter()
        .map(|(id, status)| {
            json!({"AddressId": id, "AddressStatus": status, "AddressType": "EIP",
                   "InternetChargeType": "BANDWIDTH_PACKAGE", "Bandwidth": 1})
        })
        .collect();
    json!({"TotalCount": total, "AddressSet": set})
}

/// A user's function: the ids of the unbound EIPs, every page of them.
async fn free_eips(
    vpc: &TypedClient,
) -> Result<Vec<String>, Error<golden_typed::typed::v20210101::DescribeAddressesError>> {
    let request = DescribeAddressesRequest {
        filters: Some(vec![DescribeAddressesFilter::address_status([AddressStatus::Unbind])]),
        limit: Some(2),
        ..Default::default()
    };
    let all: Vec<_> = vpc.describe_addresses_items(&request).try_collect().await?;
    Ok(all.into_iter().filter(|a| a.address_status == AddressStatus::Unbind).map(|a| a.address_id).collect())
}

#[tokio::test]
async fn a_users_paginated_function_tested_without_a_network() {
    let mock = MockTransport::new();
    mock.reply("DescribeAddresses", page(3, &[("eip-1", "UNBIND"), ("eip-2", "UNBIND")]))
        .reply("DescribeAddresses", page(3, &[("eip-3", "BIND")]));
    let vpc = TypedClient::new(mock.client());

    assert_eq!(free_eips(&vpc).await.unwrap(), ["eip-1", "eip-2"]);

    let sent = mock.requests_of("DescribeAddresses");
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].json()["Filters"], json!([{"Name": "address-status", "Values": ["UNBIND"]}]));
    // The first page from the request as given (no `Offset`), the next from the second page on.
    assert_eq!((sent[0].json()["Offset"].clone(), sent[1].json()["Offset"].clone()), (Value::Null, json!(2)));
    assert_eq!((sent[0].service.as_str(), sent[0].version.as_str()), ("typed", "2021-01-01"));
    assert_eq!(mock.replies_left(), 0);
}

#[tokio::test]
async fn a_waiter_and_an_error_through_the_mock() {
    let mock = MockTransport::new();
    mock.reply("DescribeAddresses", page(1, &[("eip-1", "CREATING")]))
        .reply("DescribeAddresses", page(1, &[("eip-1", "BIND")]))
        .reply_error("DescribeAddresses", "ResourceNotFound", "no such address");
    let vpc = TypedClient::new(mock.client());
    let request = DescribeAddressesRequest::default();
    let policy =
        WaitPolicy { initial_delay: Duration::from_millis(1), deadline: Duration::from_secs(5), ..Default::default() };
    let done = vpc.describe_addresses_until(&request, &[AddressStatus::Bind], &policy).await.unwrap();
    assert_eq!(done.address_set[0].address_status, AddressStatus::Bind);
    match vpc.describe_addresses(&request).await {
        Err(Error::Api { code, message, .. }) => {
            assert_eq!((golden_typed::ApiError::code(&code), message.as_str()), ("ResourceNotFound", "no such address"))
        }
        other => panic!("expected the canned error, got {other:?}"),
    }
    assert_eq!(mock.requests().len(), 3);
}

/// A user's function: the whole answer of a streamed chat.
async fn whole_answer(demo: &golden_demo::demo::v20200101::Client, prompt: &str) -> Result<String, String> {
    let request = golden_demo::demo::v20200101::ChatRequest { prompt: prompt.into(), stream: None };
    let mut events = demo.chat_stream(&request).await.map_err(|e| e.to_string())?;
    let mut answer = String::new();
    while let Some(event) = events.next().await {
        answer.push_str(&event.map_err(|e| e.to_string())?.content);
    }
    Ok(answer)
}

#[tokio::test]
async fn a_streaming_method_through_the_mock() {
    let mock = golden_demo::test_util::MockTransport::new();
    let event = |content: &str| json!({"Id": "c", "Content": content, "FinishReason": "stop", "Tokens": 1});
    mock.reply_stream("Chat", [event("你"), event("好")]).reply_error("Chat", "LimitExceeded", "busy");
    let demo = golden_demo::demo::v20200101::Client::new(mock.client());
    assert_eq!(whole_answer(&demo, "hi").await.unwrap(), "你好");
    assert!(whole_answer(&demo, "hi").await.unwrap_err().contains("LimitExceeded"));
    assert_eq!(mock.requests()[0].json(), json!({"Prompt": "hi", "Stream": true}));
}
