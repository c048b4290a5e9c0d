//! The loopback server answers real sockets: keep-alive, scripted replies, cut replies.

use test_support::http::{Response, Server};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn exchange(stream: &mut TcpStream, request: &str) -> String {
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut got = Vec::new();
    let mut chunk = [0u8; 1024];
    loop {
        let n = stream.read(&mut chunk).await.unwrap();
        got.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&got).into_owned();
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length: usize =
                head.lines().find_map(|l| l.strip_prefix("Content-Length: ")).and_then(|v| v.parse().ok()).unwrap();
            if body.len() >= length || n == 0 {
                return text;
            }
        }
    }
}

#[tokio::test]
async fn answers_each_request_from_the_closure_on_one_connection() {
    let server = Server::start(|request, count| {
        Response::json(format!(r#"{{"path": "{}", "n": {count}, "body": "{}"}}"#, request.path, request.text()))
    })
    .await;
    let mut stream = TcpStream::connect(server.addr()).await.unwrap();
    let first = exchange(&mut stream, "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc").await;
    assert!(first.starts_with("HTTP/1.1 200 OK\r\n"), "{first}");
    assert!(first.ends_with(r#"{"path": "/a", "n": 0, "body": "abc"}"#), "{first}");
    let second = exchange(&mut stream, "GET /b?x=1 HTTP/1.1\r\nHost: x\r\n\r\n").await;
    assert!(second.ends_with(r#"{"path": "/b?x=1", "n": 1, "body": ""}"#), "{second}");
    let seen = server.seen();
    assert_eq!((seen[0].method.as_str(), seen[1].method.as_str()), ("POST", "GET"));
    assert_eq!(seen[0].header("host"), Some("x"));
}

#[tokio::test]
async fn scripted_replies_then_500_and_a_cut_reply_promises_more() {
    let server = Server::scripted(vec![Response::html(404, "gone").cut(100)]).await;
    let mut stream = TcpStream::connect(server.addr()).await.unwrap();
    stream.write_all(b"GET / HTTP/1.1\r\n\r\n").await.unwrap();
    let mut got = String::new();
    stream.read_to_string(&mut got).await.unwrap();
    assert!(got.starts_with("HTTP/1.1 404 Not Found\r\n") && got.contains("Content-Length: 100\r\n"), "{got}");
    assert!(got.ends_with("\r\n\r\ngone"), "{got}");
    let mut stream = TcpStream::connect(server.addr()).await.unwrap();
    let exhausted = exchange(&mut stream, "GET / HTTP/1.1\r\n\r\n").await;
    assert!(exhausted.starts_with("HTTP/1.1 500 ") && exhausted.ends_with("script exhausted"), "{exhausted}");
}
