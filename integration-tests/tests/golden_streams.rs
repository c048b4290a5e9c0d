//! The generated streaming methods (`chat_stream` of an action with a `Stream` input,
//! `speak_sse_stream` of one that always streams) against a real HTTP server on loopback
//! answering with Server-Sent Events; the non-streaming method of the same action keeps
//! working with a JSON reply.

use futures_util::StreamExt;
use golden_demo::demo::v20200101::{ChatRequest, Client as DemoClient, FinishReason, SpeakSSERequest};
use integration_tests::loopback_client;
use serde_json::json;
use test_support::http::{Response, Server};
use test_support::tc3;

fn sse(body: &str) -> Response {
    Response::new(200, "text/event-stream", body.to_string())
}

#[tokio::test]
async fn chat_stream_asks_for_a_stream_and_gives_typed_events() {
    let server = Server::start(|_, _| {
        sse(": heartbeat\n\ndata: {\"Id\": \"c\", \"Content\": \"你\", \"FinishReason\": \"stop\", \"Tokens\": 1}\n\n\
             data:{\"Id\": \"c\", \"Content\": \"好\", \"FinishReason\": \"length\", \"Tokens\": 2, \"RequestId\": \"r\"}\n\n\
             data: [DONE]\n\n")
    })
    .await;
    let demo = DemoClient::new(loopback_client(&server));
    let request = ChatRequest { prompt: "hi".into(), stream: None };
    let mut events = demo.chat_stream(&request).await.unwrap();
    let mut got = Vec::new();
    while let Some(event) = events.next().await {
        let event = event.unwrap();
        got.push((event.content, event.finish_reason, event.tokens));
    }
    assert_eq!(got, [("你".to_string(), FinishReason::Stop, 1), ("好".to_string(), FinishReason::Length, 2)]);
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    // The method sets the `Stream` input, whatever the request says.
    assert_eq!(seen[0].json(), json!({"Prompt": "hi", "Stream": true}));
    assert!(tc3::check(&seen[0]).is_ok());
}

#[tokio::test]
async fn the_same_action_without_a_stream_is_one_reply() {
    let server = Server::start(|_, _| {
        Response::json(
            json!({"Response": {"Id": "c", "Content": "hello", "FinishReason": "stop", "Tokens": 3, "RequestId": "r"}})
                .to_string(),
        )
    })
    .await;
    let demo = DemoClient::new(loopback_client(&server));
    let request = ChatRequest { prompt: "hi".into(), stream: Some(false) };
    let reply = demo.chat(&request).await.unwrap();
    assert_eq!((reply.content.as_str(), reply.tokens), ("hello", 3));
    assert_eq!(server.seen()[0].json(), json!({"Prompt": "hi", "Stream": false}));
}

#[tokio::test]
async fn an_action_that_always_streams_sends_its_request_as_it_is() {
    let server = Server::start(|_, _| {
        sse("event: audio\ndata: {\"Audio\": \"AAAA\",\ndata:  \"Seq\": 0, \"IsEnd\": false}\n\nevent: audio\ndata: {\"Audio\": \"BBBB\", \"Seq\": 1, \"IsEnd\": true}\n\n")
    })
    .await;
    let demo = DemoClient::new(loopback_client(&server));
    let request = SpeakSSERequest { text: "hello".into() };
    let events: Vec<_> = demo.speak_sse_stream(&request).await.unwrap().collect().await;
    let pieces: Vec<(String, i64, bool)> =
        events.into_iter().map(|e| e.unwrap()).map(|e| (e.audio, e.seq, e.is_end)).collect();
    assert_eq!(pieces, [("AAAA".to_string(), 0, false), ("BBBB".to_string(), 1, true)]);
    assert_eq!(server.seen()[0].json(), json!({"Text": "hello"}));
}
