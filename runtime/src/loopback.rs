//! A documented reply and its perturbations sent through the real client: an HTTP server
//! on loopback answers each in turn, a lenient [`Client`] must decode it and report the
//! change at its path, a strict one must refuse it with [`Error::Decode`] naming that path.
//! For the generated example tests (hidden from the docs).

use std::sync::{Arc, Mutex};

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use super::client::{Client, Endpoint, Error, RetryPolicy};
use super::credentials::Credentials;
use super::perturb::{perturbations, Perturbation};
use super::Action;

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
        tokio::spawn(serve(listener, next.clone()));
        let builder = Client::builder()
            .credentials(Credentials::new("AKIDloopback", "loopback-key"))
            .region("ap-guangzhou")
            .endpoint(Endpoint::Url(url))
            .retry(RetryPolicy::none());
        let lenient = builder.clone().build().map_err(|e| e.to_string())?;
        let strict = builder.strict_decoding(true).build().map_err(|e| e.to_string())?;
        let answer = |reply: &Value| {
            *next.lock().unwrap_or_else(|e| e.into_inner()) = serde_json::json!({ "Response": reply }).to_string();
        };

        // The documented reply: decoded; strict decoding refuses it only for deviations.
        answer(&response);
        let reply = lenient.send_json::<A>(Value::Object(Default::default())).await.map_err(|e| e.to_string())?;
        answer(&response);
        let strictly = strict.send_json::<A>(Value::Object(Default::default())).await;
        match (&strictly, reply.deviations.first()) {
            (Ok(_), None) => {}
            (Err(Error::Decode { path, .. }), Some(first)) if *path == first.path => {}
            (other, _) => return Err(format!("the documented reply: strict decoding gave {}", outcome(other))),
        }

        let all = perturbations::<A::Response>(&response);
        for perturbation in &all {
            let Perturbation { reply: changed, path, expected } = perturbation;
            answer(changed);
            let reply = lenient
                .send_json::<A>(Value::Object(Default::default()))
                .await
                .map_err(|e| format!("{path}: the perturbed reply fails over HTTP: {e}"))?;
            perturbation.reported_by(&reply.deviations)?;
            if expected.is_some() {
                answer(changed);
                match strict.send_json::<A>(Value::Object(Default::default())).await {
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
fn outcome<T, E: super::ApiError>(result: &Result<T, Error<E>>) -> String {
    match result {
        Ok(_) => "a decoded response".to_string(),
        Err(e) => format!("the error {e}"),
    }
}

/// Answers every request on every connection (keep-alive) with the current reply.
async fn serve(listener: TcpListener, next: Arc<Mutex<String>>) {
    while let Ok((stream, _)) = listener.accept().await {
        tokio::spawn(connection(stream, next.clone()));
    }
}

async fn connection(mut stream: TcpStream, next: Arc<Mutex<String>>) {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        // One request: headers up to the blank line, then Content-Length bytes of body.
        let end = loop {
            if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break at + 4;
            }
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
        let length: usize = head
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        while buffer.len() < end + length {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buffer.extend_from_slice(&chunk[..n]),
            }
        }
        buffer.drain(..end + length);
        let body = next.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let answer = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        if stream.write_all(answer.as_bytes()).await.is_err() {
            return;
        }
    }
}
