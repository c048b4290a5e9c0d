//! One HTTP/1.1 server on loopback (real sockets, keep-alive), for every test that needs a
//! server: the API client tests (scripted JSON replies, signatures checked with [`crate::tc3`]),
//! the crawler's tests (a site's pages at their paths, error statuses, cut replies) and the
//! metadata service. Each test decides what to answer with a closure over the request.
//!
//! Answers are whole bodies (`Content-Length`) or, for streamed replies (server-sent
//! events), bodies sent in pieces over time ([`Response::streamed`], chunked) that may end,
//! stall or be cut off.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request as the server saw it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// `POST`.
    pub method: String,
    /// The request target: `/document/api/213/15699?x=y`.
    pub path: String,
    /// Header names and values, in order.
    pub headers: Vec<(String, String)>,
    /// The body (as long as `Content-Length` says).
    pub body: Vec<u8>,
}

impl Request {
    /// A header's value (name without regard to case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body as JSON (`null` when it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }

    /// The body as text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// An answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// `200`.
    pub status: u16,
    /// Headers besides `Content-Length` or `Transfer-Encoding: chunked` (and `Connection:
    /// close` when [`Response::close`]).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
    /// Wait this long before answering.
    pub delay: Duration,
    /// Promise this `Content-Length` instead of the body's (a reply cut short); the
    /// connection is closed after it.
    pub declared_length: Option<usize>,
    /// Close the connection after this answer.
    pub close: bool,
    /// Send the body in pieces over time instead of `body` (which is then not sent):
    /// chunked, and `declared_length` is ignored.
    pub streamed: Option<Streamed>,
}

/// A body sent in pieces over time, with `Transfer-Encoding: chunked`: one chunk per piece.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Streamed {
    /// Each piece and the delay before it (counted from the previous piece, the first from
    /// the head); each is written and flushed as one chunk. An empty piece is a delay only
    /// (a chunk of size zero would end the body).
    pub pieces: Vec<(Vec<u8>, Duration)>,
    /// What comes after the last piece.
    pub end: StreamEnd,
}

/// How a streamed body ends after its last piece.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StreamEnd {
    /// The terminating chunk of size zero: a complete body. The connection then serves
    /// the next request, unless the answer is [`Response::closing`].
    Complete,
    /// Nothing more, the connection left open: a stalled stream. The server reads (and
    /// drops) whatever comes until the client closes the connection.
    Stall,
    /// The connection closed without the terminating chunk: a body cut short.
    Abort,
}

impl Response {
    /// `status` with `body` of `content_type`.
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            delay: Duration::ZERO,
            declared_length: None,
            close: false,
            streamed: None,
        }
    }

    /// `200` with a body of `content_type` sent in `pieces` over time (see [`Streamed`]),
    /// completed by the terminating chunk; [`Response::stall_after`] and
    /// [`Response::abort_after`] end it otherwise.
    pub fn streamed(content_type: &str, pieces: Vec<(Vec<u8>, Duration)>) -> Response {
        let mut response = Response::new(200, content_type, Vec::new());
        response.streamed = Some(Streamed { pieces, end: StreamEnd::Complete });
        response
    }

    /// The same streamed answer, stalling after its last piece (the connection stays open,
    /// nothing more comes). A whole answer becomes a streamed one of its body as one piece.
    pub fn stall_after(self) -> Response {
        self.ending(StreamEnd::Stall)
    }

    /// The same streamed answer, the connection closed after its last piece without the
    /// terminating chunk. A whole answer becomes a streamed one of its body as one piece.
    pub fn abort_after(self) -> Response {
        self.ending(StreamEnd::Abort)
    }

    /// The same answer streamed (a whole one as its body in one piece), ending with `end`.
    fn ending(mut self, end: StreamEnd) -> Response {
        let body = std::mem::take(&mut self.body);
        let streamed = self
            .streamed
            .get_or_insert_with(|| Streamed { pieces: vec![(body, Duration::ZERO)], end: StreamEnd::Complete });
        streamed.end = end;
        self
    }

    /// `200` with a JSON body.
    pub fn json(body: impl Into<String>) -> Response {
        Response::new(200, "application/json", body.into())
    }

    /// `status` with a JSON body.
    pub fn status(status: u16, body: impl Into<String>) -> Response {
        Response::new(status, "application/json", body.into())
    }

    /// `status` with an HTML body.
    pub fn html(status: u16, body: impl Into<Vec<u8>>) -> Response {
        Response::new(status, "text/html; charset=utf-8", body)
    }

    /// The same answer, after `delay`.
    pub fn after(mut self, delay: Duration) -> Response {
        self.delay = delay;
        self
    }

    /// The same answer, with one more header.
    pub fn with_header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// The same answer, promising `length` bytes (a cut reply); the connection closes.
    pub fn cut(mut self, length: usize) -> Response {
        self.declared_length = Some(length);
        self.close = true;
        self
    }

    /// The same answer; the connection closes after it.
    pub fn closing(mut self) -> Response {
        self.close = true;
        self
    }
}

/// What answers: the request, and how many requests came before it.
pub type Handler = Arc<dyn Fn(&Request, usize) -> Response + Send + Sync>;

/// A server on `127.0.0.1`, on a port of its own, until the test's runtime stops.
#[derive(Clone)]
pub struct Server {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Request>>>,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").field("addr", &self.addr).finish_non_exhaustive()
    }
}

impl Server {
    /// Starts a server whose answer to each request is computed from it. Needs a tokio
    /// runtime with the `net` and `io-util` features (the test's).
    pub async fn start(handler: impl Fn(&Request, usize) -> Response + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("binding a loopback port");
        let addr = listener.local_addr().expect("the bound address");
        let handler: Handler = Arc::new(handler);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, handler.clone(), log.clone()));
            }
        });
        Server { addr, seen }
    }

    /// Starts a server answering with `replies` in order, then `500 script exhausted`.
    pub async fn scripted(replies: Vec<Response>) -> Server {
        let replies = Mutex::new(std::collections::VecDeque::from(replies));
        Server::start(move |_, _| {
            replies.lock().unwrap().pop_front().unwrap_or_else(|| Response::status(500, "script exhausted"))
        })
        .await
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request so far, in order.
    pub fn seen(&self) -> Vec<Request> {
        self.seen.lock().unwrap().clone()
    }
}

async fn serve(mut stream: TcpStream, handler: Handler, seen: Arc<Mutex<Vec<Request>>>) {
    let mut buffer = Vec::new();
    loop {
        let header_end = loop {
            if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break at;
            }
            let mut chunk = [0u8; 4096];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buffer[..header_end]).into_owned();
        let mut lines = head.split("\r\n");
        let mut request_line = lines.next().unwrap_or_default().split_whitespace();
        let method = request_line.next().unwrap_or_default().to_string();
        let path = request_line.next().unwrap_or("/").to_string();
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':').map(|(n, v)| (n.trim().to_string(), v.trim().to_string())))
            .collect();
        let length: usize = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        let body_start = header_end + 4;
        while buffer.len() < body_start + length {
            let mut chunk = [0u8; 4096];
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        }
        let body = buffer[body_start..body_start + length].to_vec();
        buffer.drain(..body_start + length);
        let request = Request { method, path, headers, body };
        let count = {
            let mut seen = seen.lock().unwrap();
            seen.push(request.clone());
            seen.len() - 1
        };
        let response = handler(&request, count);
        if !response.delay.is_zero() {
            tokio::time::sleep(response.delay).await;
        }
        let mut head = format!("HTTP/1.1 {} {}\r\n", response.status, reason(response.status));
        for (name, value) in &response.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        if let Some(streamed) = &response.streamed {
            if send_streamed(&mut stream, head, streamed, response.close).await {
                continue;
            }
            return;
        }
        head.push_str(&format!("Content-Length: {}\r\n", response.declared_length.unwrap_or(response.body.len())));
        if response.close {
            head.push_str("Connection: close\r\n");
        }
        head.push_str("\r\n");
        if stream.write_all(head.as_bytes()).await.is_err() || stream.write_all(&response.body).await.is_err() {
            return;
        }
        if response.close {
            let _ = stream.shutdown().await;
            return;
        }
    }
}

/// Sends the head and a streamed body; whether the connection serves another request.
async fn send_streamed(stream: &mut TcpStream, mut head: String, streamed: &Streamed, close: bool) -> bool {
    // Small pieces go out at once, not held back by Nagle's algorithm.
    let _ = stream.set_nodelay(true);
    head.push_str("Transfer-Encoding: chunked\r\n");
    if close && streamed.end == StreamEnd::Complete {
        head.push_str("Connection: close\r\n");
    }
    head.push_str("\r\n");
    if write_flushed(stream, head.as_bytes()).await.is_err() {
        return false;
    }
    for (piece, delay) in &streamed.pieces {
        if !delay.is_zero() {
            tokio::time::sleep(*delay).await;
        }
        if piece.is_empty() {
            continue;
        }
        let mut chunk = format!("{:X}\r\n", piece.len()).into_bytes();
        chunk.extend_from_slice(piece);
        chunk.extend_from_slice(b"\r\n");
        if write_flushed(stream, &chunk).await.is_err() {
            return false;
        }
    }
    match streamed.end {
        StreamEnd::Complete => {
            if write_flushed(stream, b"0\r\n\r\n").await.is_err() {
                return false;
            }
            if close {
                let _ = stream.shutdown().await;
            }
            !close
        }
        StreamEnd::Stall => {
            let mut sink = [0u8; 1024];
            while let Ok(1..) = stream.read(&mut sink).await {}
            false
        }
        StreamEnd::Abort => {
            let _ = stream.shutdown().await;
            false
        }
    }
}

async fn write_flushed(stream: &mut TcpStream, bytes: &[u8]) -> std::io::Result<()> {
    stream.write_all(bytes).await?;
    stream.flush().await
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        410 => "Gone",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "X",
    }
}
