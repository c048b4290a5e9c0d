//! The HTTP stack under a program's control, on loopback: a proxy that asks for
//! credentials, extra CA roots (a TLS server whose certificate a test CA signed), a
//! `reqwest::Client` given whole, the deadline of a call across its retries, per-call
//! options, and a body of any type signed by its own hash (`call_raw`). Real servers,
//! signatures checked by `test_support::tc3`.

#![cfg(feature = "client")]

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{client, request, OK};
use tencentcloud_api_runtime::{CallOptions, Client, Credentials, Endpoint, Error, RawRequest, RetryPolicy};
use test_support::http::{Response, Server};
use test_support::proxy::Proxy;
use test_support::tc3::{api_error, check, SECRET_ID, SECRET_KEY};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test]
async fn a_client_behind_a_proxy_that_asks_for_credentials() {
    let server = Server::scripted(vec![Response::json(OK), Response::json(OK)]).await;
    let proxy = Proxy::start("alice", "s3cret").await;

    let behind = client(&server).proxy(proxy.url()).proxy_credentials("alice", "s3cret").build().unwrap();
    assert_eq!(behind.send(&request()).await.unwrap().task_id, "50121411");
    // Credentials in the URL work the same.
    let in_url = proxy.url().replace("http://", "http://alice:s3cret@");
    let behind = client(&server).proxy(in_url).build().unwrap();
    assert_eq!(behind.send(&request()).await.unwrap().task_id, "50121411");

    let seen = proxy.seen();
    assert_eq!(seen.len(), 2, "{seen:?}");
    for proxied in &seen {
        assert!(proxied.authorized, "{proxied:?}");
        assert!(proxied.line.starts_with(&format!("POST {}/ HTTP/1.1", server.url())), "{proxied:?}");
    }
    // What reached the server through the proxy is signed as sent.
    for request in server.seen() {
        assert_eq!(check(&request), Ok(()));
        assert_eq!(request.header("Proxy-Authorization"), None);
    }

    // Wrong credentials: the proxy's refusal is the call's error, and nothing is sent on.
    let wrong = client(&server)
        .proxy(proxy.url())
        .proxy_credentials("alice", "wrong")
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    match wrong.send(&request()).await {
        Err(Error::Status { status: 407, .. }) => {}
        other => panic!("expected the proxy's 407, got {other:?}"),
    }
    assert_eq!(server.seen().len(), 2);
    assert!(Client::builder().proxy("not a url").build().is_err());
    assert!(Client::builder().proxy_credentials("a", "b").build().is_err());
}

/// A TLS server on loopback answering every request with `OK`, with the certificate a
/// test CA (`tests/tls/ca.pem`) signed for `localhost` and `127.0.0.1`.
async fn tls_server() -> String {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::{CertificateDer, PrivateKeyDer};

    let certificates: Vec<CertificateDer<'static>> =
        CertificateDer::pem_slice_iter(include_bytes!("tls/server.pem")).collect::<Result<_, _>>().unwrap();
    let key = PrivateKeyDer::from_pem_slice(include_bytes!("tls/server.key")).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(certificates, key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://localhost:{}", listener.local_addr().unwrap().port());
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(stream).await else { return };
                let mut seen = Vec::new();
                let mut chunk = [0u8; 4096];
                // One request: its head, then as much body as it says.
                loop {
                    let Ok(n) = tls.read(&mut chunk).await else { return };
                    if n == 0 {
                        return;
                    }
                    seen.extend_from_slice(&chunk[..n]);
                    let text = String::from_utf8_lossy(&seen).to_ascii_lowercase();
                    if let Some(end) = text.find("\r\n\r\n") {
                        let length = text
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length:")?.trim().parse::<usize>().ok())
                            .unwrap_or(0);
                        if seen.len() >= end + 4 + length {
                            break;
                        }
                    }
                }
                let answer = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{OK}",
                    OK.len()
                );
                let _ = tls.write_all(answer.as_bytes()).await;
                let _ = tls.shutdown().await;
            });
        }
    });
    url
}

#[tokio::test]
async fn extra_ca_roots_are_trusted_besides_the_systems() {
    let url = tls_server().await;
    let builder = || {
        Client::builder()
            .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
            .endpoint(Endpoint::Url(url.clone()))
            .retry(RetryPolicy::none())
    };
    // Without the test CA the certificate is refused…
    match builder().build().unwrap().send(&request()).await {
        Err(Error::Transport(message)) => assert!(message.to_lowercase().contains("certificate"), "{message}"),
        other => panic!("expected a certificate error, got {other:?}"),
    }
    // …with it, trusted.
    let trusting = builder().root_certificates_pem(include_bytes!("tls/ca.pem").to_vec()).build().unwrap();
    assert_eq!(trusting.send(&request()).await.unwrap().task_id, "50121411");
    // A PEM without a certificate is refused when building.
    assert!(builder().root_certificates_pem(b"not a certificate".to_vec()).build().is_err());
}

#[tokio::test]
async fn a_reqwest_client_of_the_programs_own_is_used_as_given() {
    let server = Server::scripted(vec![Response::json(OK)]).await;
    // This reqwest has no crypto provider: the program installs one (here the runtime's)
    // before building its client, or reqwest panics.
    tencentcloud_api_runtime::install_crypto_provider();
    let mine = reqwest::Client::builder().user_agent("my-program/1.0").build().unwrap();
    let client = client(&server).http_client(mine).build().unwrap();
    assert_eq!(client.send(&request()).await.unwrap().task_id, "50121411");
    assert_eq!(check(&server.seen()[0]), Ok(()));
    // A proxy is set on the client given, not beside it.
    let both = common::client(&server).http_client(reqwest::Client::new()).proxy("http://127.0.0.1:9");
    assert!(both.build().is_err());
}

#[tokio::test]
async fn the_deadline_cuts_an_attempt_that_runs_past_it() {
    let server = Server::start(|_, _| Response::json(OK).after(Duration::from_secs(10))).await;
    let client = client(&server).deadline(Duration::from_millis(400)).build().unwrap();
    let start = Instant::now();
    let result = client.send(&request()).await;
    let took = start.elapsed();
    assert!(matches!(result, Err(Error::Deadline)), "{result:?}");
    assert!(took >= Duration::from_millis(390) && took < Duration::from_secs(2), "{took:?}");
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn the_deadline_bounds_the_retries_of_a_call() {
    let server = Server::start(|_, _| Response::status(503, "busy")).await;
    let retry = RetryPolicy {
        max_attempts: 1000,
        base_delay: Duration::from_millis(40),
        max_delay: Duration::from_millis(40),
        max_elapsed: Duration::from_secs(60),
    };
    let client = client(&server).retry(retry).deadline(Duration::from_millis(600)).build().unwrap();
    let start = Instant::now();
    // A read-only action: network failures and 503s are retried until the deadline.
    let result = client.send(&common::DescribeThingsRequest::default()).await;
    let took = start.elapsed();
    assert!(matches!(result, Err(Error::Status { status: 503, .. }) | Err(Error::Deadline)), "{result:?}");
    assert!(took < Duration::from_millis(900), "{took:?}");
    let attempts = server.seen().len();
    assert!((3..=40).contains(&attempts), "{attempts} attempts");
}

#[tokio::test]
async fn per_call_options_override_the_clients_for_their_calls_only() {
    let server = Server::start(|request, _| {
        if request.header("X-Slow").is_some() {
            Response::json(OK).after(Duration::from_secs(5))
        } else {
            Response::json(OK)
        }
    })
    .await;
    let client = client(&server).timeout(Duration::from_secs(30)).build().unwrap();

    let hurried = client.with_options(
        CallOptions::new().timeout(Duration::from_millis(200)).retry(RetryPolicy::none()).header("X-Slow", "1"),
    );
    let start = Instant::now();
    assert!(matches!(hurried.send(&request()).await, Err(Error::Timeout)));
    assert!(start.elapsed() < Duration::from_secs(2));
    // The handle's endpoint keeps its options, and they add up.
    let traced = hurried.with_endpoint(Endpoint::Url(server.url())).with_options(
        CallOptions::new().timeout(Duration::from_secs(10)).header("X-Trace-Id", "t-9").header("X-TC-Action", "no"),
    );
    let started = Instant::now();
    assert!(traced.send(&request()).await.is_ok());
    assert!(started.elapsed() >= Duration::from_secs(4), "the longer timeout of the later options holds");
    // The client itself is unchanged.
    assert!(client.send(&request()).await.is_ok());

    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    assert_eq!((seen[1].header("X-Slow"), seen[1].header("X-Trace-Id")), (Some("1"), Some("t-9")));
    assert_eq!(seen[1].header("X-TC-Action"), Some("AssociateAddress"));
    assert_eq!((seen[2].header("X-Slow"), seen[2].header("X-Trace-Id")), (None, None));
    assert!(seen.iter().all(|r| check(r).is_ok()));
}

#[tokio::test]
async fn any_body_is_sent_and_signed_with_its_own_content_type_and_hash() {
    let server = Server::scripted(vec![
        Response::json(r#"{"Response": {"RequestId": "req-raw"}}"#),
        Response::json(api_error("InvalidParameter", "bad log group")),
        Response::new(200, "application/octet-stream", vec![0u8, 159, 146, 150]),
    ])
    .await;
    let client = client(&server).build().unwrap();
    // Bytes that are no text (a protobuf log group, say).
    let body: Vec<u8> = vec![0x0a, 0x12, 0xff, 0x00, 0x80, 0x7f, 0xe4, 0xbd];
    let raw = RawRequest::new("cls", "2020-10-16", "UploadLog", "application/octet-stream", body.clone())
        .header("X-CLS-TopicId", "topic-1");

    let reply = client.call_raw(raw.clone()).await.unwrap();
    assert_eq!(reply.response.unwrap()["RequestId"], "req-raw");
    match client.call_raw(raw.clone()).await {
        Err(Error::Api { code, message, .. }) => {
            assert_eq!((code.0.as_str(), message.as_str()), ("InvalidParameter", "bad log group"))
        }
        other => panic!("expected an API error, got {other:?}"),
    }
    let reply = client.call_raw(raw).await.unwrap();
    assert_eq!((reply.body, reply.response), (vec![0u8, 159, 146, 150], None));

    for seen in server.seen() {
        assert_eq!(check(&seen), Ok(()), "signed with the body's own hash and content type");
        assert_eq!(seen.header("Content-Type"), Some("application/octet-stream"));
        assert_eq!(seen.header("X-CLS-TopicId"), Some("topic-1"));
        assert_eq!(seen.header("X-TC-Action"), Some("UploadLog"));
        assert_eq!(seen.body, body);
    }
}
