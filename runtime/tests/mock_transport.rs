//! The mock transport as a user's tests use it: an ordinary `#[tokio::test]` of a function
//! that takes a client, canned replies in order or by a predicate, errors and streams as
//! replies, every request recorded for assertions, and a request nobody answers.

#![cfg(feature = "client")]

mod common;

use std::time::{Duration, Instant};

use common::{request, AssociateAddressError, ChatEvent, ChatRequest, DescribeThingsRequest};
use serde_json::json;
use tencentcloud_api_runtime::test_util::{MockReply, MockTransport};
use tencentcloud_api_runtime::{CallOptions, Client, Error, RetryPolicy};

/// A user's function under test: how many things there are, or 0 when the API is busy.
async fn count_things(client: &Client) -> Result<i64, Error<common::ErrorCode>> {
    match client.send(&DescribeThingsRequest { limit: Some(10) }).await {
        Ok(reply) => Ok(reply.total),
        Err(Error::Api { code: common::ErrorCode::RequestLimitExceeded, .. }) => Ok(0),
        Err(e) => Err(e),
    }
}

#[tokio::test]
async fn a_users_function_tested_with_canned_replies() {
    let mock = MockTransport::new();
    mock.reply("DescribeThings", json!({"Total": 7}))
        .reply_error("DescribeThings", "RequestLimitExceeded", "slow down")
        .reply_error("DescribeThings", "InternalError", "oops");
    let client = mock.client();

    assert_eq!(count_things(&client).await.unwrap(), 7);
    assert_eq!(count_things(&client).await.unwrap(), 0);
    assert!(matches!(count_things(&client).await, Err(Error::Api { .. })));
    // Nothing left: the request is answered by an error naming it.
    match count_things(&client).await {
        Err(Error::Transport(message)) => {
            assert!(message.contains("no reply for vpc 2017-03-12 DescribeThings (request 4)"), "{message}")
        }
        other => panic!("expected no reply, got {other:?}"),
    }
    assert_eq!(mock.replies_left(), 0);

    let seen = mock.requests();
    assert_eq!(seen.len(), 4);
    assert_eq!((seen[0].service.as_str(), seen[0].version.as_str()), ("vpc", "2017-03-12"));
    assert_eq!((seen[0].action.as_str(), seen[0].region.as_str()), ("DescribeThings", "ap-guangzhou"));
    assert_eq!(seen[0].json(), json!({"Limit": 10}));
    assert!(seen[0].header("Authorization").is_some_and(|a| a.starts_with("TC3-HMAC-SHA256 Credential=AKIDmock/")));
}

#[tokio::test]
async fn replies_by_predicate_repeated_replies_and_typed_errors() {
    let mock = MockTransport::new();
    mock.reply_when(|r| r.json()["AddressId"] == "eip-gone", MockReply::error("InvalidAddressId.NotFound", "gone"))
        .reply_with("AssociateAddress", MockReply::json(json!({"TaskId": "t-1"})).repeatedly());
    let client = mock.client();
    for _ in 0..3 {
        assert_eq!(client.send(&request()).await.unwrap().task_id, "t-1");
    }
    let mut gone = request();
    gone.address_id = "eip-gone".into();
    match client.send(&gone).await {
        Err(Error::Api { code, .. }) => assert_eq!(code, AssociateAddressError::InvalidAddressIdNotFound),
        other => panic!("expected the typed error, got {other:?}"),
    }
    assert_eq!(mock.requests_of("AssociateAddress").len(), 4);
}

#[tokio::test]
async fn streams_statuses_transport_errors_and_delays_as_replies() {
    let mock = MockTransport::new();
    mock.reply_stream("Chat", [json!({"Content": "你好", "Index": 0}), json!({"Content": "!", "Index": 1})])
        .reply_with("Chat", MockReply::sse([": ping\n\n", "data:{\"Content\":\"x\",\"Index\":0}\n\n"]))
        .reply_with("DescribeThings", MockReply::body(503, "text/plain", "busy"))
        .reply_with("DescribeThings", MockReply::transport_error("connection reset"))
        .reply_with("DescribeThings", MockReply::json(json!({"Total": 1})).after(Duration::from_secs(5)));
    let client = mock.client();

    let chat = ChatRequest { model: "m".into(), stream: None };
    let mut events = client.send_stream(&chat).await.unwrap();
    let mut contents = Vec::new();
    while let Some(event) = events.next().await {
        let ChatEvent { content, .. } = event.unwrap();
        contents.push(content);
    }
    assert_eq!(contents, ["你好", "!"]);
    assert_eq!(mock.requests()[0].json()["Stream"], true);
    let mut second = client.send_stream(&chat).await.unwrap();
    assert_eq!(second.next().await.unwrap().unwrap().content, "x");
    assert!(second.next().await.is_none());

    let things = DescribeThingsRequest::default();
    assert!(matches!(client.send(&things).await, Err(Error::Status { status: 503, .. })));
    assert!(matches!(client.send(&things).await, Err(Error::Transport(m)) if m == "connection reset"));
    let start = Instant::now();
    let hurried = client.with_options(CallOptions::new().timeout(Duration::from_millis(100)));
    assert!(matches!(hurried.send(&things).await, Err(Error::Timeout)));
    assert!(start.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn a_mock_client_can_retry_like_a_real_one() {
    let mock = MockTransport::new();
    mock.reply_error("DescribeThings", "RequestLimitExceeded", "slow down")
        .reply("DescribeThings", json!({"Total": 3}));
    let retry = RetryPolicy { base_delay: Duration::from_millis(5), ..RetryPolicy::default() };
    let client = mock.client_builder().retry(retry).build().unwrap();
    assert_eq!(client.send(&DescribeThingsRequest::default()).await.unwrap().total, 3);
    assert_eq!(mock.requests().len(), 2);
}
