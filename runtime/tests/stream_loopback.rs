//! Streamed replies on loopback: a chat whose events the server splits at every byte
//! boundary, heartbeats, an error event, a stall, a refusal, a whole JSON reply instead of
//! a stream, a body cut short, an event that is not JSON, and a stream dropped by its
//! reader (the connection closes). The action is written by hand (`common::ChatRequest`).

#![cfg(feature = "client")]

mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{client, ChatEvent, ChatRequest, ErrorCode};
use tencentcloud_api_runtime::{Client, Endpoint, Error, EventStream, RetryPolicy};
use test_support::http::{Response, Server};
use test_support::tc3::{api_error, check};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn chat() -> ChatRequest {
    ChatRequest { model: "deepseek-r1".into(), stream: None }
}

/// Every event of a stream, until its end.
async fn all(mut events: EventStream<ChatEvent, ErrorCode>) -> Vec<Result<ChatEvent, String>> {
    let mut seen = Vec::new();
    while let Some(event) = events.next().await {
        seen.push(event.map_err(|e| e.to_string()));
    }
    seen
}

fn event(content: &str, index: i64) -> Result<ChatEvent, String> {
    Ok(ChatEvent { content: content.into(), index })
}

/// A stream as a server writes it: CRLF and LF, a heartbeat, an `id` and an `event`
/// field, data over two lines, CJK text, then `[DONE]` (and an event after it, never read).
const STREAM: &str = concat!(
    ": stream opened\r\n\r\n",
    "id: 1\r\nevent: chunk\r\ndata:{\"Content\":\"你好\",\"Index\":0}\r\n\r\n",
    ": keep-alive\n\n",
    "data: {\"Content\":\"，世界\",\n",
    "data: \"Index\":1}\n\n",
    "data:{\"Content\":\"🙂\",\"Index\":2}\n\n",
    "data: [DONE]\n\n",
    "data:{\"Content\":\"after the end\",\"Index\":3}\n\n",
);

fn expected() -> Vec<Result<ChatEvent, String>> {
    vec![event("你好", 0), event("，世界", 1), event("🙂", 2)]
}

#[tokio::test]
async fn a_streamed_chat_split_at_every_byte_boundary() {
    let bytes = STREAM.as_bytes().to_vec();
    let total = bytes.len();
    // Request n gets the stream in two pieces split at byte n; the last one byte by byte.
    let server = Server::start(move |_, n| {
        let pieces = if n < total {
            vec![(bytes[..n].to_vec(), Duration::ZERO), (bytes[n..].to_vec(), Duration::from_millis(1))]
        } else {
            bytes.iter().map(|b| (vec![*b], Duration::ZERO)).collect()
        };
        Response::streamed("text/event-stream; charset=utf-8", pieces)
    })
    .await;
    let client = client(&server).build().unwrap();
    for split in 0..=total {
        let events = client.send_stream(&chat()).await.unwrap();
        assert_eq!(all(events).await, expected(), "split at byte {split}");
    }
    let seen = server.seen();
    assert_eq!(seen.len(), total + 1);
    assert_eq!(check(&seen[0]), Ok(()));
    assert_eq!(seen[0].json(), serde_json::json!({"Model": "deepseek-r1", "Stream": true}));
    assert_eq!(seen[0].header("X-TC-Action"), Some("Chat"));
}

#[tokio::test]
async fn heartbeats_keep_a_slow_stream_alive_and_a_stall_ends_it() {
    let beat = |ms| (b": ping\n\n".to_vec(), Duration::from_millis(ms));
    let server = Server::scripted(vec![
        Response::streamed(
            "text/event-stream",
            vec![
                beat(150),
                beat(150),
                beat(150),
                (b"data:{\"Content\":\"late\",\"Index\":0}\n\n".to_vec(), Duration::from_millis(150)),
            ],
        ),
        Response::streamed(
            "text/event-stream",
            vec![(b"data:{\"Content\":\"a\",\"Index\":0}\n\n".to_vec(), Duration::ZERO)],
        )
        .stall_after(),
    ])
    .await;
    let client = client(&server).idle_timeout(Duration::from_millis(400)).build().unwrap();
    // 600 ms before the event, never 400 ms of silence.
    assert_eq!(all(client.send_stream(&chat()).await.unwrap()).await, vec![event("late", 0)]);

    let mut stalled = client.send_stream(&chat()).await.unwrap();
    assert_eq!(stalled.next().await.unwrap().unwrap(), ChatEvent { content: "a".into(), index: 0 });
    let start = Instant::now();
    assert!(matches!(stalled.next().await, Some(Err(Error::Stalled(idle))) if idle == Duration::from_millis(400)));
    assert!(start.elapsed() < Duration::from_secs(2));
    assert!(stalled.next().await.is_none(), "a stalled stream ends");
}

#[tokio::test]
async fn an_error_event_ends_the_stream_with_a_typed_api_error() {
    let body = concat!(
        "data:{\"Content\":\"a\",\"Index\":0}\n\n",
        "data:{\"Response\":{\"Error\":{\"Code\":\"RequestLimitExceeded\",\"Message\":\"slow down\"},\"RequestId\":\"r-1\"}}\n\n",
        "data:{\"Content\":\"b\",\"Index\":1}\n\n",
    );
    let server =
        Server::scripted(vec![Response::streamed("text/event-stream", vec![(body.into(), Duration::ZERO)])]).await;
    let mut events = client(&server).build().unwrap().send_stream(&chat()).await.unwrap();
    assert_eq!(events.next().await.unwrap().unwrap().content, "a");
    match events.next().await {
        Some(Err(Error::Api { code, message, request_id })) => {
            assert_eq!(
                (code, message.as_str(), request_id.as_str()),
                (ErrorCode::RequestLimitExceeded, "slow down", "r-1")
            )
        }
        other => panic!("expected the error event, got {other:?}"),
    }
    assert!(events.next().await.is_none());
}

#[tokio::test]
async fn a_refusal_is_the_calls_error_and_a_whole_reply_is_one_event() {
    let server = Server::scripted(vec![
        Response::status(400, api_error("InvalidParameter", "no such model")),
        Response::json(api_error("InvalidParameter", "no such model")),
        Response::json(r#"{"Response": {"Content": "whole", "Index": 0, "RequestId": "r-2"}}"#),
    ])
    .await;
    let client = client(&server).retry(RetryPolicy::none()).build().unwrap();
    assert!(matches!(client.send_stream(&chat()).await, Err(Error::Status { status: 400, .. })));
    match client.send_stream(&chat()).await {
        Err(Error::Api { code, .. }) => assert_eq!(code, ErrorCode::Unknown("InvalidParameter".into())),
        other => panic!("expected the refusal, got {other:?}"),
    }
    let strict = common::client(&server).strict_decoding(true).build().unwrap();
    assert_eq!(all(strict.send_stream(&chat()).await.unwrap()).await, vec![event("whole", 0)]);
    // Nothing was sent for an invalid request.
    assert!(matches!(client.send_stream(&ChatRequest::default()).await, Err(Error::Validation(_))));
    assert_eq!(server.seen().len(), 3);
}

#[tokio::test]
async fn a_bad_event_is_an_error_of_its_own_and_a_cut_body_ends_the_stream() {
    let body = concat!(
        "data:{\"Content\":\"a\",\"Index\":0}\n\n",
        "data:{\"Content\":\"b\",\"\"Index\":1}\n\n",
        "data:{\"Content\":\"c\",\"Index\":\"2\"}\n\n",
    );
    let server = Server::scripted(vec![
        Response::streamed("text/event-stream", vec![(body.into(), Duration::ZERO)]),
        Response::streamed("text/event-stream", vec![(body.into(), Duration::ZERO)]),
        Response::streamed(
            "text/event-stream",
            vec![(b"data:{\"Content\":\"a\",\"Index\":0}\n\n".to_vec(), Duration::ZERO)],
        )
        .abort_after(),
    ])
    .await;
    let lenient = client(&server).build().unwrap();
    let seen = all(lenient.send_stream(&chat()).await.unwrap()).await;
    assert_eq!(seen[0], event("a", 0));
    assert!(seen[1].as_ref().is_err_and(|e| e.contains("not JSON")), "{seen:?}");
    assert_eq!(seen[2], event("c", 2), "a reformatted value is forgiven");
    assert_eq!(seen.len(), 3);
    // Strictly, the reformatted value is an error of that event alone.
    let strict = client(&server).strict_decoding(true).build().unwrap();
    let seen = all(strict.send_stream(&chat()).await.unwrap()).await;
    assert!(seen[2].as_ref().is_err_and(|e| e.contains("Event.Index")), "{seen:?}");

    let mut cut = lenient.send_stream(&chat()).await.unwrap();
    assert!(cut.next().await.unwrap().is_ok());
    assert!(matches!(cut.next().await, Some(Err(Error::Transport(_)))));
    assert!(cut.next().await.is_none());
}

#[tokio::test]
async fn dropping_the_stream_closes_the_connection() {
    // A server that keeps sending an event every 20 ms until its writes fail.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let closed = Arc::new(AtomicBool::new(false));
    let flag = closed.clone();
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut request = [0u8; 4096];
        let _ = stream.read(&mut request).await;
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
        if stream.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        for i in 0..500 {
            let data = format!("data:{{\"Content\":\"x\",\"Index\":{i}}}\n\n");
            let chunk = format!("{:x}\r\n{data}\r\n", data.len());
            if stream.write_all(chunk.as_bytes()).await.is_err() || stream.flush().await.is_err() {
                flag.store(true, Ordering::SeqCst);
                return;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    });
    let client = Client::builder()
        .credentials(tencentcloud_api_runtime::Credentials::new("AKIDx", "key"))
        .endpoint(Endpoint::Url(url))
        .build()
        .unwrap();
    let mut events = client.send_stream(&chat()).await.unwrap();
    assert_eq!(events.next().await.unwrap().unwrap().index, 0);
    drop(events);
    let start = Instant::now();
    while !closed.load(Ordering::SeqCst) && start.elapsed() < Duration::from_secs(5) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(closed.load(Ordering::SeqCst), "the server still writes 5 s after the stream was dropped");
}
