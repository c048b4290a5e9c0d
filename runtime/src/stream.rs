//! Streamed replies: actions whose pages document a reply sent as Server-Sent Events
//! (`data:{…}` lines: lkeap and hunyuan chat completions, trtc's text to speech) are
//! [`StreamingAction`]s, and [`Client::send_stream`] gives their events as a
//! `futures::Stream` ([`EventStream`]) of typed events, each decoded leniently (as a
//! reply is) as it arrives.
//!
//! What may happen, and what the stream does:
//! - the server refuses the call (a JSON reply with an `Error`, an HTTP error status):
//!   `send_stream` fails, after the retries the policy allows, as any call does;
//! - the server answers with one JSON reply instead of a stream: one event, decoded from
//!   its `Response` object;
//! - an event's data is `[DONE]`: the end; an event whose data carries an `Error` with
//!   a `Code` (`{"Response":{"Error":…}}` or `{"Error":…}`): [`Error::Api`], then the end;
//! - an event whose data is not JSON, or (with strict decoding) deviates from the
//!   documented event: [`Error::Decode`] for that event alone, the stream goes on;
//! - nothing arrives (not even a heartbeat) for the idle timeout: [`Error::Stalled`], then
//!   the end; the body cut short: [`Error::Transport`], then the end;
//! - dropping the stream closes the connection: the server stops generating.

use std::collections::VecDeque;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures_core::Stream;
use serde_json::Value;

use crate::action::{Action, ApiError};
use crate::client::Client;
use crate::decode::{decode_value, Documented};
use crate::errors::{AnyCode, Error};
use crate::reply::{decode_json, strict_error, Answer};
use crate::request::{Call, CONTENT_TYPE};
use crate::retry::is_safe_to_repeat;
use crate::sse::{SseDecoder, SseEvent};
use crate::transport::{HttpBody, TransportError};

/// An action whose reply can be streamed as events (generated for the actions whose
/// pages document it).
pub trait StreamingAction: Action {
    /// One event of the stream: the output's fields (the reply's `RequestId` aside).
    type Event: Documented + Send + 'static;

    /// The input that asks for a streamed reply (`Stream`), set to `true` by
    /// [`Client::send_stream`]; `None` when the action always streams.
    const STREAM_INPUT: Option<&'static str>;
}

/// The future of a generated client's streaming method: `.await` it for the stream.
pub type PendingStream<'a, A> = std::pin::Pin<
    Box<
        dyn std::future::Future<
                Output = Result<
                    EventStream<<A as StreamingAction>::Event, <A as Action>::Error>,
                    Error<<A as Action>::Error>,
                >,
            > + Send
            + 'a,
    >,
>;

/// The events of a streamed reply, typed; see the module documentation for errors.
/// Dropping it closes the connection.
pub struct EventStream<T, E> {
    inner: Pin<Box<dyn Stream<Item = Result<T, Error<E>>> + Send>>,
}

impl<T, E> std::fmt::Debug for EventStream<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventStream").finish_non_exhaustive()
    }
}

impl<T, E> Stream for EventStream<T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

impl<T, E> Unpin for EventStream<T, E> {}

impl<T, E> EventStream<T, E> {
    /// The next event; `None` at the end (`while let Some(event) = stream.next().await`
    /// without `StreamExt`).
    pub async fn next(&mut self) -> Option<Result<T, Error<E>>> {
        std::future::poll_fn(|cx| self.inner.as_mut().poll_next(cx)).await
    }
}

impl Client {
    /// Sends a streaming action with its stream input set to `true`, and gives its events
    /// as they arrive. The call itself (up to the reply's head) is validated, signed,
    /// retried and timed like [`Client::send`]; then each event must come within the idle
    /// timeout ([`crate::ClientBuilder::idle_timeout`]).
    pub async fn send_stream<A: StreamingAction>(
        &self,
        request: &A,
    ) -> Result<EventStream<A::Event, A::Error>, Error<A::Error>>
    where
        A::Event: Send,
    {
        self.validate(request).map_err(Error::Validation)?;
        let mut json = request.to_wire();
        if let (Some(name), Value::Object(map)) = (A::STREAM_INPUT, &mut json) {
            map.insert(name.to_string(), Value::Bool(true));
        }
        let strict = self.inner.strict_decoding;
        let idle = self.resolve().idle_timeout;
        let events =
            self.open(A::SERVICE, A::VERSION, A::ACTION, A::RATE_LIMIT, json).await.map_err(Error::map_code)?;
        Ok(EventStream {
            inner: Box::pin(futures_util::stream::unfold(Events::new(events, idle), move |mut events| async move {
                let item = events.next_data().await?;
                Some((item.map_err(Error::map_code).and_then(|data| typed::<A::Event, A::Error>(data, strict)), events))
            })),
        })
    }

    /// [`Client::send_stream`] as a boxed future: what the generated per-product clients
    /// return (`client.chat_completions_stream(&request).await?` gives the stream).
    pub fn send_stream_boxed<'a, A: StreamingAction + Sync>(&'a self, request: &'a A) -> PendingStream<'a, A> {
        Box::pin(self.send_stream(request))
    }

    /// Calls any action with a JSON body asking for a streamed reply, and gives each
    /// event's data as JSON as it came (the escape hatch of [`Client::call_json`], for
    /// streams): `[DONE]` ends it, an `Error` in an event is [`Error::Api`].
    pub async fn call_stream_json(
        &self,
        service: &str,
        version: &str,
        action: &str,
        body: Value,
    ) -> Result<EventStream<Value, AnyCode>, Error<AnyCode>> {
        let idle = self.resolve().idle_timeout;
        let events = self.open(service, version, action, None, body).await?;
        Ok(EventStream {
            inner: Box::pin(futures_util::stream::unfold(Events::new(events, idle), |mut events| async move {
                Some((events.next_data().await?, events))
            })),
        })
    }

    /// Sends the call and gives what it opened: a stream, or a whole JSON reply.
    async fn open(
        &self,
        service: &str,
        version: &str,
        action: &str,
        rate_limit: Option<u32>,
        json: Value,
    ) -> Result<Opened, Error<AnyCode>> {
        let call = Call {
            service,
            version,
            action,
            rate_limit,
            safe: is_safe_to_repeat(action, &json),
            content_type: CONTENT_TYPE,
            body: serde_json::to_vec(&json).map_err(|e| Error::Encode(e.to_string()))?,
            stream: true,
        };
        self.call(&call, |answer| match answer {
            Answer::Stream(head) => Ok(Opened::Stream(head.body)),
            // A refusal is an error of the call (and retried as one); a whole reply, one event.
            Answer::Whole(bytes) => decode_json(&bytes).map(Opened::Whole),
        })
        .await
    }
}

/// What a streaming call opened.
enum Opened {
    Stream(HttpBody),
    /// The `Response` object of a whole JSON reply.
    Whole(Value),
}

/// The events of a reply, as JSON data.
struct Events {
    body: Option<HttpBody>,
    decoder: SseDecoder,
    ready: VecDeque<SseEvent>,
    idle: Duration,
    /// A whole reply's `Response`, given once.
    whole: Option<Value>,
}

impl Events {
    fn new(opened: Opened, idle: Duration) -> Events {
        let (body, whole) = match opened {
            Opened::Stream(body) => (Some(body), None),
            Opened::Whole(mut value) => {
                // The reply's own id is no field of an event.
                if let Some(map) = value.as_object_mut() {
                    map.remove("RequestId");
                }
                (None, Some(value))
            }
        };
        Events { body, decoder: SseDecoder::new(), ready: VecDeque::new(), idle, whole }
    }

    /// The next event's data as JSON; `None` at the end.
    async fn next_data(&mut self) -> Option<Result<Value, Error<AnyCode>>> {
        if let Some(whole) = self.whole.take() {
            return Some(Ok(whole));
        }
        loop {
            if let Some(event) = self.ready.pop_front() {
                match data_of(&event) {
                    Data::Skip => continue,
                    Data::Done => {
                        self.end();
                        return None;
                    }
                    Data::Error(e) => {
                        self.end();
                        return Some(Err(e));
                    }
                    Data::Json(value) => return Some(Ok(value)),
                    Data::NotJson(e) => return Some(Err(e)),
                }
            }
            let body = self.body.as_mut()?;
            match tokio::time::timeout(self.idle, body.next_chunk()).await {
                Err(_) => {
                    self.end();
                    return Some(Err(Error::Stalled(self.idle)));
                }
                Ok(Some(Ok(bytes))) => self.ready.extend(self.decoder.push(&bytes)),
                Ok(Some(Err(e))) => {
                    self.end();
                    return Some(Err(match e {
                        TransportError::Timeout => Error::Timeout,
                        TransportError::Other(e) => Error::Transport(e),
                    }));
                }
                Ok(None) => {
                    self.ready.extend(self.decoder.finish());
                    self.body = None;
                }
            }
        }
    }

    /// No more events: the connection is dropped (closed).
    fn end(&mut self) {
        self.body = None;
        self.ready.clear();
    }
}

/// What an event's data says.
enum Data {
    /// Nothing (an empty data field).
    Skip,
    /// `[DONE]`.
    Done,
    Json(Value),
    /// An API error: the end of the stream.
    Error(Error<AnyCode>),
    /// Not JSON: a defect of this event alone.
    NotJson(Error<AnyCode>),
}

fn data_of(event: &SseEvent) -> Data {
    let data = event.data.trim();
    if data.is_empty() {
        return Data::Skip;
    }
    if data == "[DONE]" {
        return Data::Done;
    }
    let value: Value = match serde_json::from_str(data) {
        Ok(value) => value,
        Err(e) => {
            return Data::NotJson(Error::Decode {
                message: format!("an event whose data is not JSON: {e}"),
                path: String::new(),
                body: data.to_string(),
            })
        }
    };
    // An error in an event, with or without the reply envelope.
    let envelope = value.get("Response").filter(|r| r.get("Error").is_some()).unwrap_or(&value);
    if let Some(error) = envelope.get("Error").filter(|e| e.get("Code").is_some_and(Value::is_string)) {
        return Data::Error(Error::Api {
            code: AnyCode::from_code(error.get("Code").and_then(Value::as_str).unwrap_or_default()),
            message: error.get("Message").and_then(Value::as_str).unwrap_or_default().to_string(),
            request_id: envelope.get("RequestId").and_then(Value::as_str).unwrap_or_default().to_string(),
        });
    }
    // An event in a reply envelope of its own.
    match value {
        Value::Object(mut map) if map.len() == 1 && map.get("Response").is_some_and(Value::is_object) => {
            Data::Json(map.remove("Response").unwrap_or_default())
        }
        value => Data::Json(value),
    }
}

/// The API error an event's data carries (its code and message), as the client reads it:
/// what ends a stream with [`Error::Api`]. For the generated example tests.
#[cfg(feature = "test-util")]
pub fn event_error(data: &str) -> Option<(String, String)> {
    match data_of(&SseEvent { data: data.to_string(), ..SseEvent::default() }) {
        Data::Error(Error::Api { code, message, .. }) => Some((code.0, message)),
        _ => None,
    }
}

/// An event's data decoded leniently into its documented type (strictly when the
/// client decodes strictly).
fn typed<T: Documented, E>(data: Value, strict: bool) -> Result<T, Error<E>> {
    let bytes = data.to_string();
    let decoded = decode_value::<T>(data, "Event").map_err(|(path, message)| Error::Decode {
        message,
        path,
        body: bytes.clone(),
    })?;
    if strict && !decoded.deviations.is_empty() {
        return Err(strict_error(&decoded.deviations, bytes.as_bytes()));
    }
    Ok(decoded.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(data: &str) -> SseEvent {
        SseEvent { data: data.to_string(), ..SseEvent::default() }
    }

    #[test]
    fn an_event_is_json_done_an_error_or_a_defect_of_its_own() {
        assert!(matches!(data_of(&event("[DONE]")), Data::Done));
        assert!(matches!(data_of(&event("")), Data::Skip));
        assert!(matches!(data_of(&event(r#"{"Choices":[]}"#)), Data::Json(v) if v["Choices"].is_array()));
        assert!(matches!(data_of(&event(r#"{"Response":{"Id":"1"}}"#)), Data::Json(v) if v["Id"] == "1"));
        let refused = r#"{"Response":{"Error":{"Code":"LimitExceeded","Message":"slow down"},"RequestId":"r-9"}}"#;
        match data_of(&event(refused)) {
            Data::Error(Error::Api { code, message, request_id }) => {
                assert_eq!(
                    (code.0.as_str(), message.as_str(), request_id.as_str()),
                    ("LimitExceeded", "slow down", "r-9")
                )
            }
            _ => panic!("not an API error"),
        }
        assert!(matches!(data_of(&event(r#"{"Error":{"Code":"InternalError"}}"#)), Data::Error(_)));
        let broken = r#"{"Choices":[{"Delta":{"Content":"By"},""FinishReason":""}]}"#;
        assert!(matches!(data_of(&event(broken)), Data::NotJson(Error::Decode { .. })));
    }
}
