//! Tests without a network, for users (feature `test-util`, in `[dev-dependencies]`): a
//! [`MockTransport`] answers each call with a canned reply and records every request, so
//! that a program's own functions (the ones that take a product client) are tested with
//! an ordinary `#[tokio::test]`: no account, no server, no HTTP at all. Generated clients,
//! paginators, waiters and streams all go through it, signed and decoded as with the real
//! API.
//!
//! ```
//! use serde_json::json;
//! use tencentcloud_api_runtime::test_util::{MockReply, MockTransport};
//!
//! # tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
//! let mock = MockTransport::new();
//! mock.reply("DescribeVpcs", json!({"TotalCount": 1, "VpcSet": []}));
//! mock.reply_error("DescribeVpcs", "UnauthorizedOperation", "no");
//! let client = mock.client();
//!
//! let first = client.call_json("vpc", "2017-03-12", "DescribeVpcs", json!({"Limit": "1"})).await.unwrap();
//! assert_eq!(first["TotalCount"], 1);
//! let second = client.call_json("vpc", "2017-03-12", "DescribeVpcs", json!({})).await.unwrap_err();
//! assert_eq!(second.code().map(|c| c.0.as_str()), Some("UnauthorizedOperation"));
//!
//! let seen = mock.requests();
//! assert_eq!((seen[0].service.as_str(), seen[0].action.as_str()), ("vpc", "DescribeVpcs"));
//! assert_eq!(seen[0].json()["Limit"], "1");
//! # });
//! ```

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde_json::{json, Value};

use crate::builder::ClientBuilder;
use crate::client::Client;
use crate::credentials::Credentials;
use crate::retry::RetryPolicy;
use crate::transport::{HttpBody, HttpRequest, HttpResponse, SendFuture, Transport, TransportError};

/// A request as the mock received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// The service, from the host: `vpc`.
    pub service: String,
    /// `X-TC-Action`: `DescribeVpcs`.
    pub action: String,
    /// `X-TC-Version`: `2017-03-12`.
    pub version: String,
    /// `X-TC-Region` (empty when none was sent).
    pub region: String,
    /// The whole request: URL, every header (the signature among them), the body.
    pub http: HttpRequest,
}

impl RecordedRequest {
    /// The body as JSON (`null` when it is not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.http.body).unwrap_or(Value::Null)
    }

    /// A header's value (the name without regard to case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.http.header(name)
    }
}

/// A canned reply.
#[derive(Debug, Clone, PartialEq)]
pub struct MockReply {
    kind: Kind,
    delay: Duration,
    repeat: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Http { status: u16, content_type: String, pieces: Vec<Vec<u8>> },
    TransportError(String),
}

impl MockReply {
    /// A successful reply whose `Response` object is `response` (a `RequestId` is added
    /// when it has none).
    pub fn json(response: Value) -> MockReply {
        let mut response = response;
        if let Value::Object(map) = &mut response {
            map.entry("RequestId").or_insert_with(|| Value::String("mock-request".to_string()));
        }
        MockReply::body(200, "application/json", json!({ "Response": response }).to_string())
    }

    /// An API error reply: `{"Response": {"Error": {"Code": code, "Message": message}, …}}`.
    pub fn error(code: &str, message: &str) -> MockReply {
        MockReply::json(json!({ "Error": { "Code": code, "Message": message } }))
    }

    /// A reply of any status, media type and body: an HTTP 503 from a gateway, a body
    /// that is not JSON…
    pub fn body(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> MockReply {
        MockReply {
            kind: Kind::Http { status, content_type: content_type.to_string(), pieces: vec![body.into()] },
            delay: Duration::ZERO,
            repeat: false,
        }
    }

    /// A streamed reply (`text/event-stream`): one `data:` event per value, each sent as
    /// a chunk of its own, then `data: [DONE]`.
    pub fn stream(events: impl IntoIterator<Item = Value>) -> MockReply {
        let mut pieces: Vec<Vec<u8>> = events.into_iter().map(|e| format!("data: {e}\n\n").into_bytes()).collect();
        pieces.push(b"data: [DONE]\n\n".to_vec());
        MockReply::sse(pieces)
    }

    /// A streamed reply written as Server-Sent Events text, one chunk per piece
    /// (`": heartbeat\n\n"`, an `event:` field, an error event…), as a server sends it.
    pub fn sse(pieces: impl IntoIterator<Item = impl Into<Vec<u8>>>) -> MockReply {
        MockReply {
            kind: Kind::Http {
                status: 200,
                content_type: "text/event-stream".to_string(),
                pieces: pieces.into_iter().map(Into::into).collect(),
            },
            delay: Duration::ZERO,
            repeat: false,
        }
    }

    /// No reply: the transport fails (a refused connection, a reset…) with `message`.
    pub fn transport_error(message: &str) -> MockReply {
        MockReply { kind: Kind::TransportError(message.to_string()), delay: Duration::ZERO, repeat: false }
    }

    /// Answers after `delay` (a slow server: timeouts and deadlines).
    pub fn after(mut self, delay: Duration) -> MockReply {
        self.delay = delay;
        self
    }

    /// Answers every matching request, not only the next one.
    pub fn repeatedly(mut self) -> MockReply {
        self.repeat = true;
        self
    }
}

type Predicate = Box<dyn Fn(&RecordedRequest) -> bool + Send + Sync>;

struct Rule {
    matches: Predicate,
    reply: MockReply,
}

#[derive(Default)]
struct State {
    rules: Vec<Rule>,
    requests: Vec<RecordedRequest>,
}

/// A [`Transport`] that answers with canned replies and records every request: the
/// first rule that matches a request and has not answered yet (or answers
/// [repeatedly](MockReply::repeatedly)) answers it, in the order the rules were added,
/// so that the replies of one action come in order. A request no rule answers fails
/// with [`crate::Error::Transport`] naming it. Clones share their rules and records.
#[derive(Clone, Default)]
pub struct MockTransport {
    state: Arc<Mutex<State>>,
}

impl fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.lock();
        f.debug_struct("MockTransport")
            .field("rules", &state.rules.len())
            .field("requests", &state.requests.len())
            .finish()
    }
}

impl MockTransport {
    /// A mock with no reply yet.
    pub fn new() -> MockTransport {
        MockTransport::default()
    }

    /// A client sending through this mock: test credentials, region `ap-guangzhou`, no
    /// retries (a canned error comes back at once). [`MockTransport::client_builder`] for
    /// other settings.
    pub fn client(&self) -> Client {
        match self.client_builder().build() {
            Ok(client) => client,
            // Building with a given transport and credentials sets nothing up that can fail.
            Err(e) => unreachable!("a mock client cannot fail to build: {e}"),
        }
    }

    /// A builder of a client sending through this mock (test credentials, region
    /// `ap-guangzhou`, no retries), to change before `build`.
    pub fn client_builder(&self) -> ClientBuilder {
        Client::builder()
            .transport(self.clone())
            .credentials(Credentials::new("AKIDmock", "mock-secret"))
            .region("ap-guangzhou")
            .retry(RetryPolicy::none())
    }

    /// The next call of `action` gets `response` (the `Response` object).
    pub fn reply(&self, action: &str, response: Value) -> &Self {
        self.reply_with(action, MockReply::json(response))
    }

    /// The next call of `action` gets an API error.
    pub fn reply_error(&self, action: &str, code: &str, message: &str) -> &Self {
        self.reply_with(action, MockReply::error(code, message))
    }

    /// The next call of `action` gets a stream of these events.
    pub fn reply_stream(&self, action: &str, events: impl IntoIterator<Item = Value>) -> &Self {
        self.reply_with(action, MockReply::stream(events))
    }

    /// The next call of `action` (every one, when the reply is
    /// [repeated](MockReply::repeatedly)) gets `reply`.
    pub fn reply_with(&self, action: &str, reply: MockReply) -> &Self {
        let action = action.to_string();
        self.reply_when(move |request| request.action == action, reply)
    }

    /// The next request for which `predicate` holds gets `reply`:
    /// `mock.reply_when(|r| r.json()["Offset"] == 20, MockReply::json(…))`.
    pub fn reply_when(
        &self,
        predicate: impl Fn(&RecordedRequest) -> bool + Send + Sync + 'static,
        reply: MockReply,
    ) -> &Self {
        self.lock().rules.push(Rule { matches: Box::new(predicate), reply });
        self
    }

    /// Every request received, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().requests.clone()
    }

    /// The requests of `action`, in order.
    pub fn requests_of(&self, action: &str) -> Vec<RecordedRequest> {
        self.lock().requests.iter().filter(|r| r.action == action).cloned().collect()
    }

    /// How many one-time replies are still waiting for their request.
    pub fn replies_left(&self) -> usize {
        self.lock().rules.iter().filter(|r| !r.reply.repeat).count()
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Records `request` and takes the reply of the first rule that matches it.
    fn answer(&self, http: HttpRequest) -> Result<MockReply, TransportError> {
        let header = |name: &str| http.header(name).unwrap_or_default().to_string();
        let host = http.header("host").map(str::to_string).unwrap_or_else(|| host_of(&http.url));
        let recorded = RecordedRequest {
            service: host.split('.').next().unwrap_or_default().to_string(),
            action: header("x-tc-action"),
            version: header("x-tc-version"),
            region: header("x-tc-region"),
            http,
        };
        let mut state = self.lock();
        let found = state.rules.iter().position(|rule| (rule.matches)(&recorded));
        let reply = match found {
            Some(i) if state.rules[i].reply.repeat => Some(state.rules[i].reply.clone()),
            Some(i) => Some(state.rules.remove(i).reply),
            None => None,
        };
        let number = state.requests.len() + 1;
        let what = format!("{} {} {} (request {number})", recorded.service, recorded.version, recorded.action);
        state.requests.push(recorded);
        reply.ok_or_else(|| TransportError::Other(format!("MockTransport: no reply for {what}")))
    }
}

/// The host of a URL: `vpc.tencentcloudapi.com`.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?']).next().unwrap_or_default().to_string()
}

impl Transport for MockTransport {
    fn send(&self, request: HttpRequest) -> SendFuture<'_> {
        let reply = self.answer(request);
        Box::pin(async move {
            let reply = reply?;
            if !reply.delay.is_zero() {
                tokio::time::sleep(reply.delay).await;
            }
            match reply.kind {
                Kind::TransportError(message) => Err(TransportError::Other(message)),
                Kind::Http { status, content_type, pieces } => {
                    let chunks = futures_util::stream::iter(pieces.into_iter().map(Ok));
                    Ok(HttpResponse {
                        status,
                        headers: vec![("Content-Type".to_string(), content_type)],
                        body: HttpBody::chunks(Box::pin(chunks)),
                    })
                }
            }
        })
    }
}
