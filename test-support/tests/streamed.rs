//! Streamed answers, read as raw bytes by a plain TCP client: chunk framing, pieces sent
//! over time in order, and the three ends (complete, stall, abort).

use std::time::{Duration, Instant};

use test_support::http::{Response, Server};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const REQUEST: &[u8] = b"POST /stream HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";

/// What a client read: all bytes, and when each read returned (offset reached, instant).
struct Read {
    bytes: Vec<u8>,
    reads: Vec<(usize, Instant)>,
    eof: bool,
}

impl Read {
    /// When the byte at `offset` arrived.
    fn arrival(&self, offset: usize) -> Instant {
        self.reads.iter().find(|(end, _)| *end > offset).map(|(_, at)| *at).expect("the byte arrived")
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    fn find(&self, needle: &[u8]) -> usize {
        self.bytes.windows(needle.len()).position(|w| w == needle).unwrap_or_else(|| panic!("{}", self.text()))
    }
}

/// Reads until `done` holds of the bytes, the server closes, or `quiet` passes without a byte.
async fn read(stream: &mut TcpStream, done: impl Fn(&[u8]) -> bool, quiet: Duration) -> Read {
    let mut got = Read { bytes: Vec::new(), reads: Vec::new(), eof: false };
    let mut chunk = [0u8; 4096];
    while !done(&got.bytes) {
        match tokio::time::timeout(quiet, stream.read(&mut chunk)).await {
            Err(_) => break,
            Ok(Ok(0)) | Ok(Err(_)) => {
                got.eof = true;
                break;
            }
            Ok(Ok(n)) => {
                got.bytes.extend_from_slice(&chunk[..n]);
                got.reads.push((got.bytes.len(), Instant::now()));
            }
        }
    }
    got
}

fn ends_with(tail: &'static [u8]) -> impl Fn(&[u8]) -> bool {
    move |bytes| bytes.ends_with(tail)
}

fn pieces(pieces: &[(&str, u64)]) -> Vec<(Vec<u8>, Duration)> {
    pieces.iter().map(|(text, ms)| (text.as_bytes().to_vec(), Duration::from_millis(*ms))).collect()
}

#[tokio::test]
async fn pieces_come_as_chunks_in_order_after_their_delays_then_the_terminating_chunk() {
    let sent = pieces(&[("data: a\n\n", 0), ("data: 你好😀\n\n", 200), ("", 100), (": ping\n", 100)]);
    let server = Server::scripted(vec![Response::streamed("text/event-stream", sent), Response::json("{}")]).await;
    let mut stream = TcpStream::connect(server.addr()).await.unwrap();
    let start = Instant::now();
    stream.write_all(REQUEST).await.unwrap();
    let got = read(&mut stream, ends_with(b"\r\n0\r\n\r\n"), Duration::from_secs(5)).await;
    let text = got.text();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200 OK\r\n"), "{head}");
    assert!(head.contains("\r\nContent-Type: text/event-stream"), "{head}");
    assert!(head.contains("\r\nTransfer-Encoding: chunked"), "{head}");
    assert!(!head.to_ascii_lowercase().contains("content-length"), "{head}");
    assert!(!head.contains("Connection: close"), "{head}");
    // One chunk per piece (size in hex, bytes not characters); the empty piece sends nothing.
    assert_eq!(body, "9\r\ndata: a\n\n\r\n12\r\ndata: 你好😀\n\n\r\n7\r\n: ping\n\r\n0\r\n\r\n");
    // Each piece left after the delays before it, in order, each in a read of its own.
    let first = got.arrival(got.find(b"data: a"));
    let second = got.arrival(got.find("你好".as_bytes()));
    let third = got.arrival(got.find(b": ping"));
    assert!(second.duration_since(start) >= Duration::from_millis(200), "{:?}", second - start);
    assert!(third.duration_since(start) >= Duration::from_millis(400), "{:?}", third - start);
    assert!(first < second && second < third, "the pieces were flushed one by one");
    assert_eq!(server.seen()[0].body, b"{}");
    // The connection then serves the next request (keep-alive).
    stream.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let next = read(&mut stream, ends_with(b"{}"), Duration::from_secs(5)).await;
    assert!(next.text().starts_with("HTTP/1.1 200 OK\r\n") && next.text().contains("Content-Length: 2\r\n"));
}

#[tokio::test]
async fn a_closing_streamed_answer_says_so_and_closes_after_the_terminating_chunk() {
    let answer = Response::streamed("text/event-stream", pieces(&[("data: x\n\n", 0)])).closing();
    let server = Server::scripted(vec![answer]).await;
    let mut stream = TcpStream::connect(server.addr()).await.unwrap();
    stream.write_all(REQUEST).await.unwrap();
    let got = read(&mut stream, |_| false, Duration::from_secs(5)).await;
    assert!(got.eof, "{}", got.text());
    assert!(got.text().contains("\r\nConnection: close\r\n"), "{}", got.text());
    assert!(got.text().ends_with("\r\n\r\n9\r\ndata: x\n\n\r\n0\r\n\r\n"), "{}", got.text());
}

#[tokio::test]
async fn a_stalled_answer_sends_its_pieces_then_nothing_and_keeps_the_connection_open() {
    let answer =
        Response::streamed("text/event-stream", pieces(&[("data: a\n\n", 0), ("data: b\n\n", 50)])).stall_after();
    let server = Server::scripted(vec![answer]).await;
    let mut stream = TcpStream::connect(server.addr()).await.unwrap();
    stream.write_all(REQUEST).await.unwrap();
    let got = read(&mut stream, ends_with(b"data: b\n\n\r\n"), Duration::from_secs(5)).await;
    assert!(got.text().ends_with("9\r\ndata: a\n\n\r\n9\r\ndata: b\n\n\r\n"), "{}", got.text());
    // Then silence: no terminating chunk, no close, for as long as the client waits.
    let more = read(&mut stream, |_| false, Duration::from_millis(400)).await;
    assert!(more.bytes.is_empty() && !more.eof, "{}", more.text());
}

#[tokio::test]
async fn an_aborted_answer_closes_without_the_terminating_chunk() {
    let answer =
        Response::streamed("application/octet-stream", pieces(&[("data: a\n", 0), ("data: b", 30)])).abort_after();
    let server = Server::scripted(vec![answer]).await;
    let mut stream = TcpStream::connect(server.addr()).await.unwrap();
    stream.write_all(REQUEST).await.unwrap();
    let got = read(&mut stream, |_| false, Duration::from_secs(5)).await;
    assert!(got.eof, "{}", got.text());
    assert!(got.text().ends_with("\r\n\r\n8\r\ndata: a\n\r\n7\r\ndata: b\r\n"), "{}", got.text());
    assert!(!got.text().contains("\r\n0\r\n"), "{}", got.text());
}

#[tokio::test]
async fn a_whole_answer_can_stall_or_abort_after_its_body() {
    let server = Server::scripted(vec![Response::json(r#"{"a":1}"#).abort_after()]).await;
    let mut stream = TcpStream::connect(server.addr()).await.unwrap();
    stream.write_all(REQUEST).await.unwrap();
    let got = read(&mut stream, |_| false, Duration::from_secs(5)).await;
    assert!(got.eof && got.text().contains("Content-Type: application/json\r\n"), "{}", got.text());
    assert!(got.text().ends_with("\r\n\r\n7\r\n{\"a\":1}\r\n"), "{}", got.text());
}
