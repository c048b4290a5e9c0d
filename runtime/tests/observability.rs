//! What the client says of its calls: `tracing` spans and events, captured by a subscriber
//! of the test's own, against the loopback server (`test_support::http`) — and never a
//! secret among them. The action is written by hand (`common`).

#![cfg(feature = "client")]

mod common;

use std::fmt::Write as _;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::AssociateAddressRequest;
use tencentcloud_api_runtime::{Client, Credentials, Endpoint, RetryPolicy};
use test_support::http::{Response, Server};
use test_support::tc3::{api_error, SECRET_ID, SECRET_KEY};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Every span and event as a line: its name or message and its fields.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<String>>>);

struct Line(String);

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={value:?}", field.name());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut line = Line(format!("span {}", span.metadata().name()));
        span.record(&mut line);
        let mut lines = self.0.lock().unwrap();
        lines.push(line.0);
        Id::from_u64(lines.len() as u64)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut line = Line("record".into());
        values.record(&mut line);
        self.0.lock().unwrap().push(line.0);
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut line = Line("event".into());
        event.record(&mut line);
        self.0.lock().unwrap().push(line.0);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

#[tokio::test]
async fn calls_are_traced_without_a_secret() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let server = Server::scripted(vec![
        Response::json(api_error("RequestLimitExceeded", "slow down")),
        Response::json(r#"{"Response": {"TaskId": "5", "RequestId": "req-traced"}}"#),
    ])
    .await;
    let client = Client::builder()
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY).with_token("session-token-secret"))
        .region("ap-guangzhou")
        .endpoint(Endpoint::Url(server.url()))
        .retry(RetryPolicy { base_delay: Duration::from_millis(10), ..RetryPolicy::default() })
        .build()
        .unwrap();
    let request = AssociateAddressRequest { address_id: "eip-1".into(), ..Default::default() };
    client.send(&request).await.unwrap();

    let lines = capture.0.lock().unwrap().clone();
    let text = lines.join("\n");
    let ours: Vec<&String> =
        lines.iter().filter(|l| l.contains("tencentcloud.call") || l.contains("attempt")).collect();
    assert!(
        ours.iter().any(|l| l.starts_with("span tencentcloud.call")
            && l.contains("service=\"vpc\"")
            && l.contains("action=\"AssociateAddress\"")
            && l.contains("region=\"ap-guangzhou\"")),
        "{text}"
    );
    assert!(
        ours.iter().any(|l| l.contains("attempt=1")
            && l.contains("outcome=\"api\"")
            && l.contains("code=\"RequestLimitExceeded\"")
            && l.contains("request_id=\"req-RequestLimitExceeded\"")),
        "{text}"
    );
    assert!(ours.iter().any(|l| l.contains("retrying") && l.contains("reason=\"rate limited\"")), "{text}");
    assert!(
        ours.iter().any(|l| l.contains("attempt=2")
            && l.contains("outcome=\"ok\"")
            && l.contains("request_id=\"req-traced\"")
            && l.contains("latency_ms=")),
        "{text}"
    );
    // Nothing secret anywhere in what was traced (ours or the HTTP stack's).
    for secret in [SECRET_KEY, SECRET_ID, "session-token-secret", "Signature=", "TC3-HMAC-SHA256 Credential"] {
        assert!(!text.contains(secret), "`{secret}` traced:\n{text}");
    }
}
