//! A real HTTP/1.1 server on loopback for the client tests: it checks every request's
//! TC3-HMAC-SHA256 signature with its own implementation of the published algorithm
//! (not the crate's) and replays scripted answers.

#![allow(dead_code)]

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub const SECRET_ID: &str = "AKIDloopbacktestid000000000000000000";
pub const SECRET_KEY: &str = "loopback-test-secret-key-00000000";

/// A client that signs with the test key and sends to `server`, retrying quickly: what the
/// paginator and waiter tests poll with (the runtime's `Client`, which every crate of the
/// bindings re-exports).
pub fn loopback_client(server: &Server) -> tencentcloud_api_runtime::Client {
    use tencentcloud_api_runtime::{Client, Credentials, Endpoint, RetryPolicy};
    Client::builder()
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .region("ap-guangzhou")
        .endpoint(Endpoint::Url(server.url()))
        .retry(RetryPolicy { base_delay: Duration::from_millis(10), ..RetryPolicy::default() })
        .build()
        .unwrap()
}

/// One scripted answer.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Status 200 with this JSON body.
    Json(String),
    /// Another status, with a body.
    Status(u16, String),
    /// Wait, then answer 200 with this body.
    Slow(Duration, String),
}

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// `Ok` when the signature checks out, else why not.
    pub signature: Result<(), String>,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The request body as JSON (`null` when it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// How the server answers a request (the request, and how many came before it).
pub type Answer = Arc<dyn Fn(&Seen, usize) -> Reply + Send + Sync>;

pub struct Server {
    pub addr: SocketAddr,
    pub seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Starts a server answering with `replies`, in order (then 500s).
    pub async fn start(replies: Vec<Reply>) -> Server {
        let replies = Mutex::new(VecDeque::from(replies));
        Server::answering(move |_, _| {
            replies.lock().unwrap().pop_front().unwrap_or(Reply::Status(500, "script exhausted".into()))
        })
        .await
    }

    /// Starts a server whose answer to each request is computed from it (a server that
    /// holds data: pages of a list, a task's state).
    pub async fn answering(answer: impl Fn(&Seen, usize) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let answer: Answer = Arc::new(answer);
        let seen = Arc::new(Mutex::new(Vec::new()));
        let s = seen.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, answer.clone(), s.clone()));
            }
        });
        Server { addr, seen }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

async fn serve(mut stream: TcpStream, answer: Answer, seen: Arc<Mutex<Vec<Seen>>>) {
    let mut buffer = Vec::new();
    loop {
        // Headers.
        let header_end = loop {
            if let Some(at) = find(&buffer, b"\r\n\r\n") {
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
        let _request_line = lines.next().unwrap_or_default();
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
        let signature = check_signature(&headers, &body);
        let request = Seen { headers, body, signature };
        let count = {
            let mut seen = seen.lock().unwrap();
            seen.push(request.clone());
            seen.len() - 1
        };
        let reply = answer(&request, count);
        let (status, body) = match reply {
            Reply::Json(body) => (200, body),
            Reply::Status(status, body) => (status, body),
            Reply::Slow(delay, body) => {
                tokio::time::sleep(delay).await;
                (200, body)
            }
        };
        let response = format!(
            "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        if stream.write_all(response.as_bytes()).await.is_err() {
            return;
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).unwrap();
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// The published algorithm, from the received headers and body.
fn check_signature(headers: &[(String, String)], body: &[u8]) -> Result<(), String> {
    let get = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
            .ok_or(format!("no {name} header"))
    };
    let authorization = get("Authorization")?;
    let rest = authorization.strip_prefix("TC3-HMAC-SHA256 Credential=").ok_or("not TC3-HMAC-SHA256")?;
    let (credential, rest) = rest.split_once(", SignedHeaders=").ok_or("no SignedHeaders")?;
    let (signed_headers, signature) = rest.split_once(", Signature=").ok_or("no Signature")?;
    let mut scope = credential.split('/');
    let (id, date, service, terminator) = (scope.next(), scope.next(), scope.next(), scope.next());
    if id != Some(SECRET_ID) || terminator != Some("tc3_request") {
        return Err(format!("bad credential {credential}"));
    }
    let (date, service) = (date.unwrap_or_default(), service.unwrap_or_default());
    let timestamp: i64 = get("X-TC-Timestamp")?.parse().map_err(|_| "bad timestamp")?;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    if (now - timestamp).abs() > 300 {
        return Err("timestamp more than 5 minutes off".into());
    }
    let mut canonical_headers = String::new();
    for name in signed_headers.split(';') {
        let mut value = get(name)?.trim().to_string();
        if name == "x-tc-action" {
            value = value.to_ascii_lowercase();
        }
        canonical_headers.push_str(&format!("{name}:{value}\n"));
    }
    let canonical = format!("POST\n/\n\n{canonical_headers}\n{signed_headers}\n{}", hex(&Sha256::digest(body)));
    let to_sign = format!(
        "TC3-HMAC-SHA256\n{timestamp}\n{date}/{service}/tc3_request\n{}",
        hex(&Sha256::digest(canonical.as_bytes()))
    );
    let key = hmac(&hmac(&hmac(format!("TC3{SECRET_KEY}").as_bytes(), date), service), "tc3_request");
    let expected = hex(&hmac(&key, &to_sign));
    if expected == signature {
        Ok(())
    } else {
        Err(format!("signature {signature}, expected {expected}"))
    }
}

/// `{"Response": {"Error": {...}, "RequestId": ...}}`
pub fn api_error(code: &str, message: &str) -> String {
    format!(r#"{{"Response": {{"Error": {{"Code": "{code}", "Message": "{message}"}}, "RequestId": "req-{code}"}}}}"#)
}

/// A CVM instance metadata service on loopback: `GET /latest/meta-data/cam/security-credentials/`
/// names the role `loopback-role`, `GET …/loopback-role` gives the test's key pair (so the
/// API server's signature check passes) with the token `role-token-<n>` (n: how many times
/// the role's credentials were fetched) and an `ExpiredTime` `lifetime` from now.
pub struct MetadataServer {
    pub addr: SocketAddr,
    pub fetches: Arc<Mutex<u32>>,
}

impl MetadataServer {
    pub async fn start(lifetime: Duration) -> MetadataServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let fetches = Arc::new(Mutex::new(0u32));
        let counter = fetches.clone();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let counter = counter.clone();
                tokio::spawn(async move {
                    let mut buffer = Vec::new();
                    let mut chunk = [0u8; 4096];
                    while !buffer.windows(4).any(|w| w == b"\r\n\r\n") {
                        match stream.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                        }
                    }
                    let head = String::from_utf8_lossy(&buffer).to_string();
                    let path = head.split_whitespace().nth(1).unwrap_or("").to_string();
                    let base = "/latest/meta-data/cam/security-credentials/";
                    let (status, body) = if path == base {
                        ("200 OK", "loopback-role".to_string())
                    } else if path == format!("{base}loopback-role") {
                        let n = {
                            let mut count = counter.lock().unwrap();
                            *count += 1;
                            *count
                        };
                        let expires = std::time::SystemTime::now() + lifetime;
                        // Whole seconds, rounded up: they live at least `lifetime`.
                        let since = expires.duration_since(std::time::UNIX_EPOCH).unwrap();
                        let secs = since.as_secs() + u64::from(since.subsec_nanos() > 0);
                        let json = format!(
                            r#"{{"TmpSecretId": "{SECRET_ID}", "TmpSecretKey": "{SECRET_KEY}", "Token": "role-token-{n}", "ExpiredTime": {secs}, "Code": "Success"}}"#
                        );
                        ("200 OK", json)
                    } else {
                        ("404 Not Found", "not found".to_string())
                    };
                    let answer = format!(
                        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = stream.write_all(answer.as_bytes()).await;
                });
            }
        });
        MetadataServer { addr, fetches }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn fetches(&self) -> u32 {
        *self.fetches.lock().unwrap()
    }
}
