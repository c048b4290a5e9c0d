//! A forward HTTP proxy on loopback that asks for credentials (`Proxy-Authorization:
//! Basic`), for the tests of a client behind a proxy: a request without the right
//! credentials gets `407 Proxy Authentication Required`; one with them is sent on to the
//! server its absolute URL names (`POST http://127.0.0.1:port/ HTTP/1.1`), and the answer
//! relayed back. Plain HTTP only (no `CONNECT`): the servers of the tests are plain.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the proxy saw of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proxied {
    /// The request line as received: `POST http://127.0.0.1:4321/ HTTP/1.1`.
    pub line: String,
    /// Whether it carried the right credentials (and so was sent on).
    pub authorized: bool,
}

/// The proxy, listening until dropped.
pub struct Proxy {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Proxied>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Proxy {
    /// A proxy asking for `user` and `password`.
    pub async fn start(user: &str, password: &str) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind loopback");
        let addr = listener.local_addr().expect("local address");
        let seen = Arc::new(Mutex::new(Vec::new()));
        let expected = format!("Basic {}", base64(format!("{user}:{password}").as_bytes()));
        let log = seen.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, expected.clone(), log.clone()));
            }
        });
        Proxy { addr, seen, task }
    }

    /// `http://127.0.0.1:port`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request received, in order.
    pub fn seen(&self) -> Vec<Proxied> {
        self.seen.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// One message (a request or an answer) read whole: its head's lines and its body
/// (`Content-Length` bytes). `None` when the connection ends first.
async fn read_message(stream: &mut (impl AsyncRead + Unpin), buffer: &mut Vec<u8>) -> Option<(Vec<String>, Vec<u8>)> {
    let mut chunk = [0u8; 8192];
    let end = loop {
        if let Some(i) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
    let lines: Vec<String> = head.split("\r\n").filter(|l| !l.is_empty()).map(str::to_string).collect();
    let length: usize = lines
        .iter()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length").then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    while buffer.len() < end + length {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    }
    let body = buffer[end..end + length].to_vec();
    buffer.drain(..end + length);
    Some((lines, body))
}

/// Serves one client connection (keep-alive), one request at a time.
async fn serve(mut client: TcpStream, expected: String, seen: Arc<Mutex<Vec<Proxied>>>) {
    let mut buffer = Vec::new();
    while let Some((lines, body)) = read_message(&mut client, &mut buffer).await {
        let line = lines.first().cloned().unwrap_or_default();
        let header = |name: &str| {
            lines.iter().skip(1).find_map(|l| {
                let (n, v) = l.split_once(':')?;
                n.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_string())
            })
        };
        let authorized = header("proxy-authorization").as_deref() == Some(expected.as_str());
        seen.lock().unwrap_or_else(|e| e.into_inner()).push(Proxied { line: line.clone(), authorized });
        let answer = if authorized { forward(&line, &lines, body).await } else { None };
        let answer = answer.unwrap_or_else(|| {
            let status = if authorized { "502 Bad Gateway" } else { "407 Proxy Authentication Required" };
            format!("HTTP/1.1 {status}\r\nProxy-Authenticate: Basic realm=\"loopback\"\r\nContent-Length: 0\r\n\r\n")
                .into_bytes()
        });
        if client.write_all(&answer).await.is_err() {
            return;
        }
    }
}

/// Sends the request on to the server its absolute URL names; the whole answer.
async fn forward(line: &str, lines: &[String], body: Vec<u8>) -> Option<Vec<u8>> {
    let mut parts = line.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    let rest = target.strip_prefix("http://")?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let mut upstream = TcpStream::connect(authority).await.ok()?;
    let mut head = format!("{method} {path} {version}\r\n");
    for l in lines.iter().skip(1) {
        let name = l.split(':').next().unwrap_or_default().trim().to_ascii_lowercase();
        if name != "proxy-authorization" && name != "proxy-connection" {
            head.push_str(l);
            head.push_str("\r\n");
        }
    }
    head.push_str("\r\n");
    upstream.write_all(head.as_bytes()).await.ok()?;
    upstream.write_all(&body).await.ok()?;
    let mut buffer = Vec::new();
    let (answer_lines, answer_body) = read_message(&mut upstream, &mut buffer).await?;
    let mut answer = answer_lines.join("\r\n").into_bytes();
    answer.extend_from_slice(b"\r\n\r\n");
    answer.extend_from_slice(&answer_body);
    Some(answer)
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for group in bytes.chunks(3) {
        let n = group.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= group.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_pads_as_the_standard_says() {
        assert_eq!(base64(b"user:pass"), "dXNlcjpwYXNz");
        assert_eq!(base64(b"a"), "YQ==");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b""), "");
    }
}
