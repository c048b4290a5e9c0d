//! Any body: [`Client::call_raw`] sends a [`RawRequest`] (any content type and bytes: a
//! protobuf log batch, `application/octet-stream`, a multipart form) signed with the TC3
//! hash of exactly those bytes, and gives the reply as it came ([`RawReply`]); an API
//! error in a JSON reply is [`Error::Api`], as for every call.

use serde_json::Value;

use crate::client::Client;
use crate::errors::{AnyCode, Error};
use crate::reply::{decode_json, whole, Answer};
use crate::request::Call;

/// A call with a body of any type: `RawRequest::new("cls", "2020-10-16", "UploadLog",
/// "application/octet-stream", bytes)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRequest {
    /// The product's service name: `cls`.
    pub service: String,
    /// The API version: `2020-10-16`.
    pub version: String,
    /// The action: `UploadLog`.
    pub action: String,
    /// The body's media type, sent and signed as given:
    /// `multipart/form-data; boundary=…`.
    pub content_type: String,
    /// The body, sent and hashed as given.
    pub body: Vec<u8>,
    /// Headers of this call besides the client's (the action's own, such as cls's
    /// `X-CLS-TopicId`). The signed and reserved ones cannot be set.
    pub headers: Vec<(String, String)>,
    /// Whether the call may be sent twice (a network failure is then retried); `false`
    /// by default.
    pub safe_to_repeat: bool,
}

impl RawRequest {
    /// A call of `action` with `body` of `content_type`.
    pub fn new(
        service: impl Into<String>,
        version: impl Into<String>,
        action: impl Into<String>,
        content_type: impl Into<String>,
        body: impl Into<Vec<u8>>,
    ) -> RawRequest {
        RawRequest {
            service: service.into(),
            version: version.into(),
            action: action.into(),
            content_type: content_type.into(),
            body: body.into(),
            headers: Vec::new(),
            safe_to_repeat: false,
        }
    }

    /// A header of this call.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let name = name.into();
        if !crate::options::is_reserved_header(&name) {
            self.headers.push((name, value.into()));
        }
        self
    }
}

/// A reply to a [`RawRequest`], as it came.
#[derive(Debug, Clone, PartialEq)]
pub struct RawReply {
    /// The body.
    pub body: Vec<u8>,
    /// The reply's `Response` object when the body is a JSON reply.
    pub response: Option<Value>,
}

impl Client {
    /// Sends any body: signed with its content type and the hash of its bytes (TC3), with
    /// the client's retries (network failures only when
    /// [`RawRequest::safe_to_repeat`]), timeouts and deadline. A JSON reply carrying an
    /// API error is [`Error::Api`]; any other reply is given as it came.
    pub async fn call_raw(&self, request: RawRequest) -> Result<RawReply, Error<AnyCode>> {
        let call = Call {
            service: &request.service,
            version: &request.version,
            action: &request.action,
            rate_limit: None,
            safe: request.safe_to_repeat,
            content_type: &request.content_type,
            body: request.body.clone(),
            stream: false,
        };
        let client = if request.headers.is_empty() {
            self.clone()
        } else {
            let mut options = crate::CallOptions::new();
            for (name, value) in &request.headers {
                options = options.header(name.clone(), value.clone());
            }
            self.with_options(options)
        };
        client.call(&call, raw_reply).await
    }
}

/// A raw reply: an API error when the body is a JSON reply carrying one.
fn raw_reply(answer: Answer) -> Result<RawReply, Error<AnyCode>> {
    let body = whole(answer);
    let is_reply = serde_json::from_slice::<Value>(&body).is_ok_and(|v| v.get("Response").is_some());
    let response = if is_reply { Some(decode_json(&body)?) } else { None };
    Ok(RawReply { body, response })
}
