//! A documented reply and its perturbations sent through the real client: an HTTP server
//! on loopback answers each in turn, a lenient [`Client`] must decode it and report the
//! change at its path, a strict one must refuse it with [`Error::Decode`] naming that path.
//! For the generated example tests (feature `test-util`, hidden from the docs).
//!
//! Deliberately small: the server here answers every request with the one reply it is
//! given, and nothing else. It cannot be the workspace's `test-support` server (the full
//! one every other test uses): product crates' dev builds take it from this published
//! crate, and `test-support` is not published.

use std::sync::{Arc, Mutex};

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use crate::action::{Action, ApiError};
use crate::client::Client;
use crate::credentials::Credentials;
use crate::endpoint::Endpoint;
use crate::errors::Error;
use crate::perturb::{perturbations, Perturbation};
use crate::reply::Reply;
use crate::retry::RetryPolicy;

/// Sends the documented `output` (a whole reply, `{"Response": …}`) and each of its
/// perturbations to `A`'s clients over loopback HTTP. Returns how many replies were sent
/// to each client, or what went wrong.
pub fn check_over_loopback<A: Action>(output: &str) -> Result<usize, String> {
    let documented: Value = serde_json::from_str(output).map_err(|e| format!("the output is not JSON: {e}"))?;
    let response = documented.get("Response").ok_or("the output has no `Response` object")?.clone();
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| format!("no runtime: {e}"))?;
    runtime.block_on(async {
        let next = Arc::new(Mutex::new(String::new()));
        let listener = TcpListener::bind("127.0.0.1:0").await.map_err(|e| format!("cannot listen: {e}"))?;
        let url = format!("http://{}", listener.local_addr().map_err(|e| e.to_string())?);
        let replies = next.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(answer(stream, replies.clone()));
            }
        });
        let builder = Client::builder()
            .credentials(Credentials::new("AKIDloopback", "loopback-key"))
            .region("ap-guangzhou")
            .endpoint(Endpoint::Url(url))
            .retry(RetryPolicy::none());
        let lenient = builder.clone().build().map_err(|e| e.to_string())?;
        let strict = builder.strict_decoding(true).build().map_err(|e| e.to_string())?;
        // Sends `reply` (the object under `Response`) to `client`.
        let send = |client: &Client, reply: &Value| {
            *next.lock().unwrap_or_else(|e| e.into_inner()) = serde_json::json!({ "Response": reply }).to_string();
            let client = client.clone();
            async move { client.send_json::<A>(Value::Object(Default::default())).await }
        };

        // The documented reply: decoded; strict decoding refuses it only for deviations.
        let reply: Reply<A::Response> = send(&lenient, &response).await.map_err(|e| e.to_string())?;
        match (&send(&strict, &response).await, reply.deviations.first()) {
            (Ok(_), None) => {}
            (Err(Error::Decode { path, .. }), Some(first)) if *path == first.path => {}
            (other, _) => return Err(format!("the documented reply: strict decoding gave {}", outcome(other))),
        }

        let all = perturbations::<A::Response>(&response);
        for perturbation in &all {
            let Perturbation { reply: changed, path, expected } = perturbation;
            let reply = send(&lenient, changed)
                .await
                .map_err(|e| format!("{path}: the perturbed reply fails over HTTP: {e}"))?;
            perturbation.reported_by(&reply.deviations)?;
            if expected.is_some() {
                match send(&strict, changed).await {
                    Err(Error::Decode { message, .. })
                        if message.lines().any(|l| l.starts_with(&format!("{path}: "))) => {}
                    other => return Err(format!("{path}: strict decoding does not name it: {}", outcome(&other))),
                }
            }
        }
        Ok(all.len() + 1)
    })
}

/// A call's outcome, for messages.
fn outcome<T, E: ApiError>(result: &Result<T, Error<E>>) -> String {
    match result {
        Ok(_) => "a decoded response".to_string(),
        Err(e) => format!("the error {e}"),
    }
}

/// Answers every request of a connection (keep-alive) with the current reply.
async fn answer(mut stream: TcpStream, next: Arc<Mutex<String>>) {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        // One whole request (headers, then `Content-Length` bytes of body), read before
        // answering: the length of what it takes in the buffer.
        let whole = |buffer: &[u8]| {
            let end = buffer.windows(4).position(|w| w == b"\r\n\r\n")? + 4;
            let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
            let length = head.lines().find_map(|l| l.strip_prefix("content-length:")?.trim().parse().ok());
            Some(end + length.unwrap_or(0)).filter(|&n| buffer.len() >= n)
        };
        let used = loop {
            if let Some(used) = whole(&buffer) {
                break used;
            }
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        };
        buffer.drain(..used);
        let body = next.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let head =
            format!("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n", body.len());
        if stream.write_all(head.as_bytes()).await.is_err() || stream.write_all(body.as_bytes()).await.is_err() {
            return;
        }
    }
}
