//! The HTTP stack a [`crate::Client`] sends its signed requests through: the [`Transport`]
//! trait, with reqwest ([`ReqwestTransport`]) as the default and any other stack (a
//! program's own reqwest client, a proxy, a replay of recorded replies, the test-util
//! `test_util::MockTransport` (feature `test-util`)) behind the same trait.
//!
//! A transport only moves bytes: the client signs every attempt before, and applies its
//! timeouts, deadline and retries around it. A reply's body comes as chunks
//! ([`HttpBody`]), read whole for a JSON reply and event by event for a streamed one.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

/// One signed attempt of a call, as it goes on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// `POST`.
    pub method: String,
    /// `https://vpc.tencentcloudapi.com/`.
    pub url: String,
    /// Every header, in the order sent (`Host`, `Content-Type`, `X-TC-Action`, …,
    /// `Authorization`).
    pub headers: Vec<(String, String)>,
    /// The body, as signed.
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// A header's value (the name without regard to case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// The chunks of a reply's body as they arrive.
pub type ChunkStream = Pin<Box<dyn Stream<Item = Result<Vec<u8>, TransportError>> + Send>>;

/// A reply: its status and headers at once, its body as it arrives.
pub struct HttpResponse {
    /// `200`.
    pub status: u16,
    /// The headers, in the order received.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: HttpBody,
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse").field("status", &self.status).field("headers", &self.headers).finish()
    }
}

impl HttpResponse {
    /// A reply with a body known whole.
    pub fn new(status: u16, headers: Vec<(String, String)>, body: impl Into<Vec<u8>>) -> HttpResponse {
        HttpResponse { status, headers, body: HttpBody::full(body.into()) }
    }

    /// A header's value (the name without regard to case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The media type without its parameters, lower case: `text/event-stream`.
    pub fn media_type(&self) -> String {
        let value = self.header("content-type").unwrap_or_default();
        value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase()
    }
}

/// A reply's body: known whole, or a stream of chunks.
pub struct HttpBody(Body);

enum Body {
    Full(Option<Vec<u8>>),
    Chunks(ChunkStream),
}

impl HttpBody {
    /// A body known whole.
    pub fn full(bytes: Vec<u8>) -> HttpBody {
        HttpBody(Body::Full(Some(bytes)))
    }

    /// A body that arrives in chunks.
    pub fn chunks(stream: ChunkStream) -> HttpBody {
        HttpBody(Body::Chunks(stream))
    }

    /// The next chunk; `None` at the end.
    pub async fn next_chunk(&mut self) -> Option<Result<Vec<u8>, TransportError>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The whole body.
    pub async fn bytes(mut self) -> Result<Vec<u8>, TransportError> {
        let mut all = Vec::new();
        while let Some(chunk) = self.next_chunk().await {
            all.extend_from_slice(&chunk?);
        }
        Ok(all)
    }
}

impl Stream for HttpBody {
    type Item = Result<Vec<u8>, TransportError>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        match &mut self.get_mut().0 {
            Body::Full(bytes) => Poll::Ready(bytes.take().map(Ok)),
            Body::Chunks(stream) => stream.as_mut().poll_next(cx),
        }
    }
}

/// Why a transport gave no reply (or a reply's body was cut).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// The transport's own timeout passed (the client's timeouts are its own: this is one a
    /// transport has besides, such as a `reqwest::Client`'s).
    Timeout,
    /// Anything else: no connection, TLS, a proxy's refusal, a cut body; with its causes.
    Other(String),
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransportError::Timeout => f.write_str("the transport's timeout passed"),
            TransportError::Other(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for TransportError {}

/// The future of [`Transport::send`].
pub type SendFuture<'a> = Pin<Box<dyn Future<Output = Result<HttpResponse, TransportError>> + Send + 'a>>;

/// An HTTP stack: sends one request and gives the reply as soon as its head arrives.
/// Implemented by [`ReqwestTransport`] (the default) and, with the `test-util` feature,
/// `test_util::MockTransport` (feature `test-util`); implement it to send through anything else
/// (`ClientBuilder::transport`).
pub trait Transport: Send + Sync + fmt::Debug + 'static {
    /// Sends `request`. Timeouts are the client's: a transport need not have any.
    fn send(&self, request: HttpRequest) -> SendFuture<'_>;
}

/// The default transport: a `reqwest::Client` (rustls, HTTP/1.1). Built by the client
/// from its settings (connect timeout, proxy, extra CA roots), or given whole:
/// `ClientBuilder::http_client(reqwest_client)` (HTTP/2, a program's own pool and
/// settings).
#[derive(Debug, Clone)]
pub struct ReqwestTransport {
    client: reqwest::Client,
}

impl ReqwestTransport {
    /// Sends through `client`.
    pub fn new(client: reqwest::Client) -> ReqwestTransport {
        ReqwestTransport { client }
    }
}

impl From<reqwest::Client> for ReqwestTransport {
    fn from(client: reqwest::Client) -> Self {
        ReqwestTransport::new(client)
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> SendFuture<'_> {
        Box::pin(async move {
            let method = reqwest::Method::from_bytes(request.method.as_bytes())
                .map_err(|e| TransportError::Other(format!("method {:?}: {e}", request.method)))?;
            let mut builder = self.client.request(method, &request.url);
            for (name, value) in &request.headers {
                builder = builder.header(name, value);
            }
            let response = builder.body(request.body).send().await.map_err(transport_error)?;
            let status = response.status().as_u16();
            let headers = response
                .headers()
                .iter()
                .map(|(name, value)| {
                    (name.as_str().to_string(), String::from_utf8_lossy(value.as_bytes()).into_owned())
                })
                .collect();
            let chunks = futures_util::stream::unfold(Some(response), |response| async move {
                let mut response = response?;
                match response.chunk().await {
                    Ok(Some(bytes)) => Some((Ok(bytes.to_vec()), Some(response))),
                    Ok(None) => None,
                    // The first error ends the body.
                    Err(e) => Some((Err(transport_error(e)), None)),
                }
            });
            Ok(HttpResponse { status, headers, body: HttpBody::chunks(Box::pin(chunks)) })
        })
    }
}

/// A reqwest error as a transport error, with its causes.
fn transport_error(e: reqwest::Error) -> TransportError {
    if e.is_timeout() {
        TransportError::Timeout
    } else {
        TransportError::Other(error_chain(&e))
    }
}

/// An error and its causes: `error sending request: client error (Connect): …`.
pub(crate) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let next = s.to_string();
        if !text.ends_with(&next) {
            text.push_str(": ");
            text.push_str(&next);
        }
        source = s.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_body_is_one_chunk_then_the_end() {
        let runtime = tokio::runtime::Builder::new_current_thread().build().unwrap();
        runtime.block_on(async {
            let mut body = HttpBody::full(b"abc".to_vec());
            assert_eq!(body.next_chunk().await, Some(Ok(b"abc".to_vec())));
            assert_eq!(body.next_chunk().await, None);
            let pieces = futures_util::stream::iter([Ok(b"a".to_vec()), Ok(b"bc".to_vec())]);
            assert_eq!(HttpBody::chunks(Box::pin(pieces)).bytes().await, Ok(b"abc".to_vec()));
        });
    }

    #[test]
    fn the_media_type_is_read_without_parameters() {
        let reply =
            HttpResponse::new(200, vec![("content-type".into(), "Text/Event-Stream; charset=utf-8".into())], "");
        assert_eq!(reply.media_type(), "text/event-stream");
        assert_eq!(reply.header("Content-Type"), Some("Text/Event-Stream; charset=utf-8"));
    }
}
