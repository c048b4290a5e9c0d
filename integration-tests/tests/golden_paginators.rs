//! The generated paginators (`…_pages`, `…_items`) against a real HTTP server on loopback
//! that holds a list and answers each page from the request it receives.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use futures_util::{StreamExt, TryStreamExt};
use golden_demo::demo::v20200101::{Client as DemoClient, DescribeItemsRequest, ListItemsRequest};
use golden_demo::Error;
use integration_tests::loopback_client;
use serde_json::{json, Value};
use test_support::http::{Request, Response, Server};
use test_support::tc3::{self, api_error};

fn demo_client(server: &Server) -> DemoClient {
    DemoClient::new(loopback_client(server))
}

fn item(i: u64) -> Value {
    json!({"ItemId": format!("item-{i}"), "Size": i, "Comment": null})
}

/// A page of `DescribeItems` as a server holding items `0..held` answers it: `Offset` and
/// `Limit` from the request (`Limit` at most 100, 20 when absent), the total as given.
fn offset_page(request: &Request, held: u64, total: Option<u64>) -> Response {
    let body = request.json();
    let offset = body["Offset"].as_u64().unwrap_or(0);
    let limit = body["Limit"].as_u64().unwrap_or(20).min(100);
    let items: Vec<Value> = (offset..held.min(offset + limit)).map(item).collect();
    let mut response = json!({"ItemSet": items, "RequestId": format!("req-{offset}")});
    if let Some(total) = total {
        response["TotalCount"] = json!(total);
    }
    Response::json(json!({ "Response": response }).to_string())
}

/// `(Offset, Limit)` of every request the server saw (no `Offset`: the first page, 0).
fn offsets(server: &Server) -> Vec<(u64, u64)> {
    server
        .seen()
        .iter()
        .map(|s| (s.json()["Offset"].as_u64().unwrap_or(0), s.json()["Limit"].as_u64().unwrap()))
        .collect()
}

fn ids(items: &[golden_demo::demo::v20200101::Item]) -> Vec<String> {
    items.iter().map(|i| i.item_id.clone()).collect()
}

fn expected(range: std::ops::Range<u64>) -> Vec<String> {
    range.map(|i| format!("item-{i}")).collect()
}

#[tokio::test]
async fn every_item_of_250_in_pages_of_the_documented_maximum() {
    let server = Server::start(|request, _| offset_page(request, 250, Some(250))).await;
    let demo = demo_client(&server);
    let items: Vec<_> = demo.describe_items_items(&DescribeItemsRequest::default()).try_collect().await.unwrap();
    assert_eq!(ids(&items), expected(0..250));
    // No Limit in the request: the documented maximum (100); the last page is shorter.
    assert_eq!(offsets(&server), [(0, 100), (100, 100), (200, 100)]);
    assert!(server.seen().iter().all(|s| tc3::check(s).is_ok()), "every page is signed");
}

#[tokio::test]
async fn pages_follow_the_requests_limit_and_offset() {
    let server = Server::start(|request, _| offset_page(request, 250, Some(250))).await;
    let demo = demo_client(&server);
    let request = DescribeItemsRequest { offset: Some(200), limit: Some(20) };
    let pages: Vec<_> = demo.describe_items_pages(&request).try_collect().await.unwrap();
    assert_eq!(pages.len(), 3);
    assert_eq!(pages.iter().map(|p| p.item_set.len()).collect::<Vec<_>>(), [20, 20, 10]);
    assert_eq!(offsets(&server), [(200, 20), (220, 20), (240, 20)]);
}

#[tokio::test]
async fn without_a_total_a_page_shorter_than_the_limit_is_the_last() {
    let server = Server::start(|request, _| offset_page(request, 250, None)).await;
    let demo = demo_client(&server);
    let items: Vec<_> = demo.describe_items_items(&DescribeItemsRequest::default()).try_collect().await.unwrap();
    assert_eq!(ids(&items), expected(0..250));
    assert_eq!(server.seen().len(), 3, "stopped at the short page, without asking for an empty one");
}

#[tokio::test]
async fn a_total_that_changes_midway_is_followed() {
    // Items are added while the list is read: the total grows after the first page.
    let held = Arc::new(AtomicU64::new(250));
    let h = held.clone();
    let server = Server::start(move |request, n| {
        if n == 1 {
            h.store(260, Ordering::SeqCst);
        }
        let now = h.load(Ordering::SeqCst);
        offset_page(request, now, Some(now))
    })
    .await;
    let demo = demo_client(&server);
    let items: Vec<_> = demo.describe_items_items(&DescribeItemsRequest::default()).try_collect().await.unwrap();
    assert_eq!(ids(&items), expected(0..260));

    // Items are removed: the total shrinks to 150 after the first page.
    let server = Server::start(|request, n| {
        let now = if n == 0 { 250 } else { 150 };
        offset_page(request, now, Some(now))
    })
    .await;
    let demo = demo_client(&server);
    let items: Vec<_> = demo.describe_items_items(&DescribeItemsRequest::default()).try_collect().await.unwrap();
    assert_eq!(ids(&items), expected(0..150));
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn an_empty_page_ends_the_list_whatever_the_total_says() {
    // The server claims 250 but holds 120: the third page is empty.
    let server = Server::start(|request, _| offset_page(request, 120, Some(250))).await;
    let demo = demo_client(&server);
    let items: Vec<_> = demo.describe_items_items(&DescribeItemsRequest::default()).try_collect().await.unwrap();
    assert_eq!(ids(&items), expected(0..120));
    assert_eq!(server.seen().len(), 3);
}

#[tokio::test]
async fn a_server_that_repeats_a_page_ends_the_stream_with_an_error() {
    // The server ignores `Offset`: every page is the first.
    let server = Server::start(|request, _| {
        let mut body = request.json();
        body["Offset"] = json!(0);
        let first = Request { body: body.to_string().into_bytes(), ..request.clone() };
        offset_page(&first, 250, Some(250))
    })
    .await;
    let demo = demo_client(&server);
    let mut items = demo.describe_items_items(&DescribeItemsRequest::default());
    let mut received = 0;
    let error = loop {
        match items.next().await {
            Some(Ok(_)) => received += 1,
            Some(Err(e)) => break e,
            None => panic!("the stream ended without noticing the repeat"),
        }
    };
    assert!(matches!(&error, Error::Pagination(m) if m.contains("page 2")), "{error}");
    assert_eq!(received, 100, "the first page's items came through");
    assert!(items.next().await.is_none(), "nothing after the error");
    assert_eq!(server.seen().len(), 2);
}

#[tokio::test]
async fn pages_are_retried_like_any_call() {
    // The second page is refused once for its rate: retried, then the list goes on.
    let server = Server::start(|request, n| {
        if n == 1 {
            Response::json(api_error("RequestLimitExceeded", "slow down"))
        } else {
            offset_page(request, 250, Some(250))
        }
    })
    .await;
    let demo = demo_client(&server);
    let items: Vec<_> = demo.describe_items_items(&DescribeItemsRequest::default()).try_collect().await.unwrap();
    assert_eq!(ids(&items), expected(0..250));
    assert_eq!(offsets(&server), [(0, 100), (100, 100), (100, 100), (200, 100)]);
}

/// A page of `ListItems` from a server holding items `0..held`: the token is the index of
/// the page's first item; the last page's `NextToken` is `last` (empty, `null` or absent).
fn token_page(request: &Request, held: u64, last: Option<Value>) -> Response {
    let body = request.json();
    let start: u64 = body["NextToken"].as_str().map_or(0, |t| t.trim_start_matches("from-").parse().unwrap());
    let size = body["MaxResults"].as_u64().unwrap_or(10);
    let end = held.min(start + size);
    let mut response = json!({"ItemSet": (start..end).map(item).collect::<Vec<_>>(), "RequestId": "r"});
    if end < held {
        response["NextToken"] = json!(format!("from-{end}"));
    } else if let Some(last) = last {
        response["NextToken"] = last;
    }
    Response::json(json!({ "Response": response }).to_string())
}

#[tokio::test]
async fn token_pages_until_the_token_comes_back_empty() {
    for last in [Some(json!("")), Some(Value::Null), None] {
        let l = last.clone();
        let server = Server::start(move |request, _| token_page(request, 7, l.clone())).await;
        let demo = demo_client(&server);
        let request = ListItemsRequest { max_results: Some(3), ..Default::default() };
        let items: Vec<_> = demo.list_items_items(&request).try_collect().await.unwrap();
        assert_eq!(ids(&items), expected(0..7), "last token {last:?}");
        let tokens: Vec<Value> = server.seen().iter().map(|s| s.json()["NextToken"].clone()).collect();
        assert_eq!(tokens, [Value::Null, json!("from-3"), json!("from-6")], "the first page is asked without a token");
    }
    // No page size in the request: the documented maximum, 50.
    let server = Server::start(|request, _| token_page(request, 120, None)).await;
    let demo = demo_client(&server);
    let items: Vec<_> = demo.list_items_items(&ListItemsRequest::default()).try_collect().await.unwrap();
    assert_eq!(items.len(), 120);
    assert!(server.seen().iter().all(|s| s.json()["MaxResults"] == json!(50)));
}

#[tokio::test]
async fn a_token_sent_back_unchanged_is_an_error() {
    let server = Server::start(|_, n| {
        let page = json!({"Response": {"ItemSet": [item(n as u64)], "NextToken": "same", "RequestId": "r"}});
        Response::json(page.to_string())
    })
    .await;
    let demo = demo_client(&server);
    let result: Result<Vec<_>, _> = demo.list_items_items(&ListItemsRequest::default()).try_collect().await;
    assert!(matches!(result, Err(Error::Pagination(ref m)) if m.contains("NextToken")), "{result:?}");
    assert_eq!(server.seen().len(), 2);
}
