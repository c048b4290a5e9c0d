//! Replies: the envelope every answer comes in (`{"Response": {…}}`, an `Error` with its
//! `Code` inside for an API error) opened into the action's response or a typed
//! [`Error`]. The response itself is decoded by the lenient decoder ([`crate::decode_value`],
//! module `decode`), which knows documented shapes and nothing of replies.

use serde_json::Value;

use crate::action::{Action, ApiError};
use crate::decode::{decode_value, Deviation, Documented};
use crate::errors::{AnyCode, Error};
use crate::transport::HttpResponse;

/// What one attempt brought: a whole body, or a streamed reply's head (its body still to
/// come).
pub(crate) enum Answer {
    /// A whole body of a successful HTTP reply.
    Whole(Vec<u8>),
    /// A successful `text/event-stream` reply of a call that asked for a stream.
    Stream(HttpResponse),
}

/// The body of an answer to a call that asked for no stream (always whole).
pub(crate) fn whole(answer: Answer) -> Vec<u8> {
    match answer {
        Answer::Whole(bytes) => bytes,
        Answer::Stream(_) => Vec::new(),
    }
}

/// The reply's `Response` object as it came, or the API error it carries.
pub fn decode_json(bytes: &[u8]) -> Result<Value, Error<AnyCode>> {
    response_of(bytes)
}

/// The reply's `Response` object, or the API error it carries.
fn response_of<E: ApiError>(bytes: &[u8]) -> Result<Value, Error<E>> {
    let decode_error = |message: String| Error::Decode { message, path: String::new(), body: body_text(bytes) };
    let mut value: Value = serde_json::from_slice(bytes).map_err(|e| decode_error(format!("not JSON: {e}")))?;
    let response =
        value.get_mut("Response").map(Value::take).ok_or_else(|| decode_error("no `Response` object".to_string()))?;
    if let Some(error) = response.get("Error") {
        let code = error
            .get("Code")
            .and_then(Value::as_str)
            .ok_or_else(|| decode_error("an `Error` without `Code`".to_string()))?;
        return Err(Error::Api {
            code: E::from_code(code),
            message: error.get("Message").and_then(Value::as_str).unwrap_or_default().to_string(),
            request_id: response.get("RequestId").and_then(Value::as_str).unwrap_or_default().to_string(),
        });
    }
    Ok(response)
}

/// A decoded response, what decoding forgave, and the `Response` object it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply<T> {
    /// The action's response.
    pub response: T,
    /// What lenient decoding forgave (empty when the reply is as documented).
    pub deviations: Vec<Deviation>,
    /// The reply's `Response` object as received.
    pub raw: Value,
}

/// The reply's `Response`, decoded leniently into the action's response (what
/// [`Client::send`](crate::Client::send) does): an API error, or the response. Fails only when the body is not
/// a reply at all (not JSON, no `Response` object).
pub fn decode<A: Action>(bytes: &[u8]) -> Result<A::Response, Error<A::Error>> {
    decode_reply::<A>(bytes).map(|reply| reply.response)
}

/// [`decode`], keeping what decoding forgave and the raw `Response` object.
pub fn decode_reply<A: Action>(bytes: &[u8]) -> Result<Reply<A::Response>, Error<A::Error>> {
    decode_response(response_of(bytes)?, bytes)
}

/// The reply's `Response` object and the whole body (for messages), or the API error.
pub(crate) fn response_and_body(bytes: &[u8]) -> Result<(Value, Vec<u8>), Error<AnyCode>> {
    Ok((response_of(bytes)?, bytes.to_vec()))
}

/// Decodes a `Response` object (leniently); `bytes` is the whole reply, for messages.
pub(crate) fn decode_response<T: Documented, E>(raw: Value, bytes: &[u8]) -> Result<Reply<T>, Error<E>> {
    let decoded = decode_value::<T>(raw.clone(), "Response").map_err(|(path, message)| Error::Decode {
        message,
        path,
        body: body_text(bytes),
    })?;
    Ok(Reply { response: decoded.value, deviations: decoded.deviations, raw })
}

/// The error strict decoding gives for a reply with deviations.
pub(crate) fn strict_error<E>(deviations: &[Deviation], bytes: &[u8]) -> Error<E> {
    let message = deviations.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    let path = deviations.first().map(|d| d.path.clone()).unwrap_or_default();
    Error::Decode { message, path, body: body_text(bytes) }
}

/// The `RequestId` of a reply, for traces (empty when it has none).
pub(crate) fn request_id_of(bytes: &[u8]) -> String {
    #[derive(serde::Deserialize)]
    struct Reply {
        #[serde(rename = "Response")]
        response: Option<Response>,
    }
    #[derive(serde::Deserialize)]
    struct Response {
        #[serde(rename = "RequestId")]
        request_id: Option<String>,
    }
    serde_json::from_slice::<Reply>(bytes).ok().and_then(|r| r.response?.request_id).unwrap_or_default()
}

fn body_text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_envelope_gives_the_response_or_the_api_error() {
        let ok = br#"{"Response": {"TotalCount": 1, "RequestId": "r-1"}}"#;
        assert_eq!(decode_json(ok).unwrap(), serde_json::json!({"TotalCount": 1, "RequestId": "r-1"}));
        assert_eq!(request_id_of(ok), "r-1");

        let api = br#"{"Response": {"Error": {"Code": "ResourceNotFound", "Message": "none"}, "RequestId": "r-2"}}"#;
        match decode_json(api) {
            Err(Error::Api { code, message, request_id }) => {
                assert_eq!(
                    (code.0.as_str(), message.as_str(), request_id.as_str()),
                    ("ResourceNotFound", "none", "r-2")
                )
            }
            other => panic!("expected an API error, got {other:?}"),
        }

        for (body, expected) in [
            (&b"{not json"[..], "not JSON"),
            (br#"{"Other": {}}"#, "no `Response` object"),
            (br#"{"Response": {"Error": {"Message": "m"}}}"#, "an `Error` without `Code`"),
        ] {
            match decode_json(body) {
                Err(Error::Decode { message, path, body: whole }) => {
                    assert!(message.starts_with(expected), "{message}");
                    assert_eq!((path.as_str(), whole.as_bytes()), ("", body));
                }
                other => panic!("expected a decode error, got {other:?}"),
            }
            assert_eq!(request_id_of(body), "");
        }
    }
}
