//! The client against a real HTTP server on loopback (`test_support::http`): signatures
//! checked independently (`test_support::tc3`), scripted answers for success and every
//! error class. The actions are written by hand (`common`): no generated product.

#![cfg(feature = "client")]

mod common;

use std::time::{Duration, Instant};

use common::{
    client, request, AssociateAddressError, AssociateAddressRequest, AssociateIpv6AddressRequest, CreateThingRequest,
    DescribeThingsRequest, ErrorCode, ModifyThingRequest, OK, THINGS,
};
use tencentcloud_api_runtime::{
    ApiError, Client, Credentials, Endpoint, Error, Language, RetryPolicy, ValidationError,
};
use test_support::http::{Request, Response, Server};
use test_support::tc3::{api_error, check, SECRET_ID, SECRET_KEY};

#[tokio::test]
async fn success_sends_signed_headers_and_decodes_the_response() {
    let server = Server::scripted(vec![Response::json(OK)]).await;
    let client = client(&server)
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY).with_token("tmp-token"))
        .language(Language::EnUs)
        .header("X-Trace-Id", "trace-1")
        .header("X-TC-Action", "Spoofed")
        .build()
        .unwrap();
    let response = client.send(&request()).await.unwrap();
    assert_eq!(response.task_id, "50121411");
    assert_eq!(response.request_id, "req-ok");

    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    let s = &seen[0];
    assert_eq!(check(s), Ok(()));
    assert_eq!(s.header("X-TC-Action"), Some("AssociateAddress"));
    assert_eq!(s.header("X-TC-Version"), Some("2017-03-12"));
    assert_eq!(s.header("X-TC-Region"), Some("ap-guangzhou"));
    assert_eq!(s.header("X-TC-Token"), Some("tmp-token"));
    assert_eq!(s.header("X-TC-Language"), Some("en-US"));
    assert_eq!(s.header("X-Trace-Id"), Some("trace-1"));
    assert_eq!(
        s.headers.iter().filter(|(n, _)| n.eq_ignore_ascii_case("X-TC-Action")).count(),
        1,
        "no spoofed X-TC- header"
    );
    let client_id = format!("tencentcloud-api/{}", env!("CARGO_PKG_VERSION"));
    assert_eq!(s.header("User-Agent"), Some(client_id.as_str()));
    assert_eq!(s.header("X-TC-RequestClient"), Some(client_id.as_str()));
    assert_eq!(s.header("Content-Type"), Some("application/json"));
    assert_eq!(s.header("Host"), Some(server.addr().to_string().as_str()));
    assert!(s.header("Authorization").unwrap().contains("SignedHeaders=content-type;host;x-tc-action"));
    assert_eq!(s.json(), serde_json::json!({"AddressId": "eip-11112222", "InstanceId": "ins-1"}));
}

#[tokio::test]
async fn api_errors_are_typed() {
    let server = Server::scripted(vec![
        Response::json(api_error("InvalidAddressId.NotFound", "no such EIP")),
        Response::json(api_error("Made.Up", "new code")),
    ])
    .await;
    let client = client(&server).build().unwrap();
    match client.send(&request()).await {
        Err(Error::Api { code, message, request_id }) => {
            assert_eq!(code, AssociateAddressError::InvalidAddressIdNotFound);
            assert_eq!(message, "no such EIP");
            assert_eq!(request_id, "req-InvalidAddressId.NotFound");
        }
        other => panic!("expected an API error, got {other:?}"),
    }
    let err = client.send(&request()).await.unwrap_err();
    assert_eq!(err.code(), Some(&AssociateAddressError::Unknown("Made.Up".into())));
    assert_eq!(err.request_id(), Some("req-Made.Up"));
    assert!(err.to_string().contains("Made.Up"), "{err}");
    assert_eq!(server.seen().len(), 2, "API errors other than rate limiting are not retried");
}

#[tokio::test]
async fn rate_limited_then_success_is_retried_and_signed_afresh() {
    let server =
        Server::scripted(vec![Response::json(api_error("RequestLimitExceeded", "slow down")), Response::json(OK)])
            .await;
    // A backoff over one second, so that the retry carries a new timestamp.
    let retry = RetryPolicy {
        base_delay: Duration::from_millis(2400),
        max_delay: Duration::from_secs(3),
        ..RetryPolicy::default()
    };
    let client = client(&server).retry(retry).build().unwrap();
    let response = client.send(&request()).await.unwrap();
    assert_eq!(response.task_id, "50121411");
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert!(seen.iter().all(|s| check(s).is_ok()), "{seen:?}");
    assert_ne!(
        seen[0].header("X-TC-Timestamp"),
        seen[1].header("X-TC-Timestamp"),
        "each attempt has its own timestamp"
    );
    assert_ne!(seen[0].header("Authorization"), seen[1].header("Authorization"));
}

#[tokio::test]
async fn rate_limiting_gives_up_after_the_last_attempt() {
    let limited = || Response::json(api_error("RequestLimitExceeded.UinLimitExceeded", "slow down"));
    let server = Server::scripted(vec![limited(), limited(), limited(), limited()]).await;
    let client = client(&server)
        .retry(RetryPolicy { max_attempts: 3, base_delay: Duration::from_millis(10), ..RetryPolicy::default() })
        .build()
        .unwrap();
    let err = client.send(&request()).await.unwrap_err();
    assert_eq!(err.code().map(|c| c.code()), Some("RequestLimitExceeded.UinLimitExceeded"));
    assert_eq!(server.seen().len(), 3);
}

#[tokio::test]
async fn a_slow_answer_times_out_and_an_unsafe_request_is_not_repeated() {
    let server = Server::scripted(vec![Response::json(OK).after(Duration::from_secs(3))]).await;
    let client = client(&server).timeout(Duration::from_millis(300)).build().unwrap();
    let started = Instant::now();
    let err = client.send(&request()).await.unwrap_err();
    assert!(matches!(err, Error::Timeout), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(server.seen().len(), 1, "AssociateAddress is not safe to repeat");
}

#[tokio::test]
async fn safe_requests_are_retried_after_network_failures() {
    let server = Server::scripted(vec![
        Response::json(THINGS).after(Duration::from_secs(3)),
        Response::status(503, "unavailable"),
        Response::json(THINGS),
    ])
    .await;
    let client = client(&server).timeout(Duration::from_millis(300)).build().unwrap();
    let response = client.send(&DescribeThingsRequest::default()).await.unwrap();
    assert_eq!(response.total, 7);
    assert_eq!(server.seen().len(), 3);
}

#[tokio::test]
async fn http_status_and_malformed_bodies_are_distinct_errors() {
    let server = Server::scripted(vec![
        Response::status(500, "internal"),
        Response::json("{not json"),
        Response::json(r#"{"NoResponse": {}}"#),
        Response::json(r#"{"Response": {"RequestId": "r"}}"#),
    ])
    .await;
    let client = client(&server).build().unwrap();
    match client.send(&request()).await {
        Err(Error::Status { status: 500, body }) => assert_eq!(body, "internal"),
        other => panic!("expected a status error, got {other:?}"),
    }
    for (expected, whole_body) in [("not JSON", "{not json"), ("no `Response` object", r#"{"NoResponse": {}}"#)] {
        match client.send(&request()).await {
            Err(Error::Decode { message, path, body }) => {
                assert!(message.contains(expected), "{message}");
                assert_eq!((path.as_str(), body.as_str()), ("", whole_body));
            }
            other => panic!("expected a decode error, got {other:?}"),
        }
    }
    // A reply without the documented `TaskId`: forgiven (the default), and reported.
    let reply = client.send_with_report(&request()).await.unwrap();
    assert_eq!((reply.response.task_id.as_str(), reply.response.request_id.as_str()), ("", "r"));
    assert_eq!(reply.deviations.len(), 1);
    assert_eq!(reply.deviations[0].to_string(), "Response.TaskId: missing: expected String, found absent");
    assert_eq!(reply.raw, serde_json::json!({"RequestId": "r"}));
}

#[tokio::test]
async fn validation_runs_before_anything_is_sent() {
    let server = Server::scripted(vec![Response::json(OK)]).await;
    let client = client(&server).build().unwrap();
    let invalid = AssociateAddressRequest { network_interface_id: Some("eni-1".into()), ..request() };
    match client.send(&invalid).await {
        Err(Error::Validation(e)) => assert!(e.to_string().contains("NetworkInterfaceId"), "{e}"),
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert!(server.seen().is_empty());
}

#[tokio::test]
async fn documented_limits_are_checked_before_sending_unless_turned_off() {
    let out_of_range = ModifyThingRequest { name: "thing".into(), period: Some(800), tags: None };
    let server = Server::scripted(vec![Response::json(THINGS)]).await;
    let checking = client(&server).build().unwrap();
    match checking.send(&out_of_range).await {
        Err(Error::Validation(e)) => {
            assert!(e.is_documented_limit());
            assert_eq!(e.to_string(), "`Period` is 800, outside its documented range 7 to 732");
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    let too_many = ModifyThingRequest {
        period: Some(7),
        tags: Some(vec!["a".into(), "b".into(), "c".into()]),
        ..out_of_range.clone()
    };
    assert_eq!(
        checking.validate(&too_many).unwrap_err().to_string(),
        "`Tags` has 3 items, more than the documented maximum of 2"
    );
    let long_tag =
        ModifyThingRequest { period: None, tags: Some(vec!["a".into(), "ééééé".into()]), ..out_of_range.clone() };
    assert_eq!(
        checking.validate(&long_tag).unwrap_err().to_string(),
        "`Tags[1]` is 10 bytes long, more than the documented maximum of 8"
    );
    assert!(server.seen().is_empty(), "nothing is sent");

    // The page may be wrong: with the documented limits off, the request goes out.
    let lenient = client(&server).documented_limits(false).build().unwrap();
    let response = lenient.send(&out_of_range).await.unwrap();
    assert_eq!(response.total, 7);
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].json(), serde_json::json!({"Name": "thing", "Period": 800}));
    // The structure is still checked.
    let unnamed = ModifyThingRequest { name: String::new(), ..out_of_range };
    assert!(matches!(lenient.send(&unnamed).await, Err(Error::Validation(ValidationError::Empty { param: "Name" }))));
    assert_eq!(server.seen().len(), 1);
}

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let client = Client::builder()
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .endpoint(Endpoint::Url(url))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let err = client.send(&request()).await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
}

#[tokio::test]
async fn the_documented_rate_is_kept_when_asked() {
    let server = Server::scripted((0..6).map(|_| Response::json(THINGS)).collect()).await;
    let client = client(&server).rate_limit(true).build().unwrap();
    let started = Instant::now();
    for _ in 0..6 {
        client.send(&DescribeThingsRequest::default()).await.unwrap();
    }
    // 4 per second: the first 4 at once, the next 2 a quarter of a second apart.
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(450), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let builder = Client::builder().credentials(Credentials::new(SECRET_ID, SECRET_KEY).with_token("tok"));
    let shown = format!("{builder:?}");
    assert!(!shown.contains(SECRET_KEY) && !shown.contains("tok\"") && !shown.contains(SECRET_ID), "{shown}");
    let client = builder.build().unwrap();
    let shown = format!("{client:?}");
    assert!(!shown.contains(SECRET_KEY) && !shown.contains("tok\"") && !shown.contains(SECRET_ID), "{shown}");
}

/// `call_json`: any action, undocumented ones included, signed like the others; the raw
/// `Response` object comes back as it was sent, and API errors keep their code.
#[tokio::test]
async fn call_json_sends_any_action_and_returns_the_raw_response() {
    let raw = r#"{"Response": {"TotalCount": "2", "VpcSet": [null, {"VpcId": "vpc-1", "New": true}], "RequestId": "req-raw"}}"#;
    let server = Server::scripted(vec![
        Response::json(raw),
        Response::json(api_error("RequestLimitExceeded", "slow down")),
        Response::json(api_error("ResourceNotFound", "none")),
    ])
    .await;
    let client = client(&server).build().unwrap();
    let reply =
        client.call_json("vpc", "2017-03-12", "DescribeVpcs", serde_json::json!({"Limit": "10"})).await.unwrap();
    let sent: serde_json::Value = serde_json::from_str(raw).unwrap();
    assert_eq!(reply, sent["Response"], "the reply as it came: nothing dropped or converted");

    // Rate-limited: retried; then the code as sent.
    let err = client.call_json("cvm", "2017-03-12", "MadeUpAction", serde_json::json!({})).await.unwrap_err();
    assert_eq!(err.code().map(|c| c.code()), Some("ResourceNotFound"));
    assert_eq!(err.request_id(), Some("req-ResourceNotFound"));

    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    assert!(seen.iter().all(|s| check(s) == Ok(())), "every call is signed");
    assert_eq!(seen[0].header("X-TC-Action"), Some("DescribeVpcs"));
    assert_eq!(seen[0].header("X-TC-Version"), Some("2017-03-12"));
    assert_eq!(seen[0].json(), serde_json::json!({"Limit": "10"}));
    assert_eq!(seen[2].header("X-TC-Action"), Some("MadeUpAction"));
}

/// Replies as servers send them: `null`, a missing field, numbers and booleans in other
/// spellings, undocumented fields. Lenient by default; strict decoding names the path.
#[tokio::test]
async fn replies_are_decoded_leniently_and_strict_decoding_names_the_path() {
    let sloppy = r#"{"Response": {"Total": "7", "RequestId": null, "Extra": {"New": 1}}}"#;
    let server = Server::scripted(vec![Response::json(sloppy), Response::json(sloppy), Response::json(THINGS)]).await;
    let lenient = client(&server).build().unwrap();
    let response = lenient.send(&DescribeThingsRequest::default()).await.unwrap();
    assert_eq!((response.total, response.request_id.as_str()), (7, ""));

    let strict = client(&server).strict_decoding(true).build().unwrap();
    match strict.send(&DescribeThingsRequest::default()).await {
        Err(Error::Decode { message, path, body }) => {
            assert_eq!(path, "Response.Total");
            assert_eq!(
                message,
                "Response.Total: reformatted: expected Integer, found \"7\"\n\
                 Response.RequestId: null: expected String, found null\n\
                 Response.Extra: undocumented: expected no such field, found {\"New\":1}"
            );
            assert_eq!(body, sloppy, "the whole body is kept");
        }
        other => panic!("expected a strict decode error, got {other:?}"),
    }
    // A reply as documented passes strict decoding.
    assert_eq!(strict.send(&DescribeThingsRequest::default()).await.unwrap().total, 7);
}

/// Two actions, one error type: `Error::widen` turns each action's error into the product's
/// `Error<ErrorCode>` (a code the product documents typed, even where the action's own enum
/// did not know it), and any `Error<…>` into the crate-wide `AnyError`.
#[tokio::test]
async fn errors_of_several_actions_meet_in_one_type() {
    use tencentcloud_api_runtime::AnyError;

    async fn both(client: &Client) -> Result<String, Error<ErrorCode>> {
        let first = client.send(&request()).await.map_err(Error::widen)?;
        let request = AssociateIpv6AddressRequest { ipv6_address_id: "eipv6-1".into() };
        let second = client.send(&request).await.map_err(Error::widen)?;
        Ok(format!("{} {}", first.task_id, second.request_id))
    }

    async fn across_products(client: &Client) -> Result<serde_json::Value, AnyError> {
        client.send(&request()).await?;
        Ok(client.call_json("cvm", "2017-03-12", "DescribeKeyPairs", serde_json::json!({})).await?)
    }

    let server = Server::scripted(vec![
        Response::json(OK),
        Response::json(api_error("InvalidAddressId.NotFound", "no such EIPv6")),
        Response::json(OK),
        Response::json(api_error("InvalidKeyPair.NotSupported", "no")),
        Response::json(api_error("InvalidAddressId.NotFound", "no such EIP")),
    ])
    .await;
    let client = client(&server).build().unwrap();
    let err = both(&client).await.unwrap_err();
    assert_eq!(err.code(), Some(&ErrorCode::InvalidAddressIdNotFound), "the typed code, from the second action");
    assert_eq!(err.request_id(), Some("req-InvalidAddressId.NotFound"));

    let err = across_products(&client).await.unwrap_err();
    assert_eq!(err.code(), Some("InvalidKeyPair.NotSupported"));
    let err = across_products(&client).await.unwrap_err();
    assert_eq!(err.code(), Some("InvalidAddressId.NotFound"));
    assert!(err.to_string().contains("no such EIP"), "{err}");
}

fn client_token(seen: &Request) -> String {
    seen.json()["ClientToken"].as_str().unwrap_or_default().to_string()
}

/// An empty `ClientToken` is filled in with a UUID, the same for every attempt, which makes
/// a network failure of a write safe to retry; a token the caller gives is kept.
#[tokio::test]
async fn client_token_is_filled_in_and_stable_across_retries() {
    let server = Server::scripted(vec![
        Response::status(503, "unavailable"),
        Response::json(THINGS),
        Response::json(THINGS),
        Response::status(503, "unavailable"),
        Response::json(THINGS),
    ])
    .await;
    let client = client(&server).build().unwrap();
    assert_eq!(client.send(&CreateThingRequest::default()).await.unwrap().total, 7);
    client.send(&CreateThingRequest::default()).await.unwrap();
    let given = CreateThingRequest { client_token: Some("mine-1".into()) };
    client.send(&given).await.unwrap();
    let seen = server.seen();
    assert_eq!(seen.len(), 5, "the 503 was retried each time");
    let (first, retried, second) = (client_token(&seen[0]), client_token(&seen[1]), client_token(&seen[2]));
    assert_eq!(first, retried, "one token for every attempt of a call");
    assert_ne!(first, second, "a new token for a new call");
    let is_uuid_v4 = |t: &str| {
        let parts: Vec<&str> = t.split('-').collect();
        parts.iter().map(|p| p.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
            && t.chars().all(|c| c == '-' || c.is_ascii_hexdigit())
            && parts[2].starts_with('4')
            && parts[3].starts_with(['8', '9', 'a', 'b'])
    };
    assert!(is_uuid_v4(&first) && is_uuid_v4(&second), "{first} {second}");
    assert!(seen.iter().all(|s| check(s) == Ok(())));
    assert_eq!((client_token(&seen[3]), client_token(&seen[4])), ("mine-1".into(), "mine-1".into()));
}

/// Both rate-limit families are retried with backoff.
#[tokio::test]
async fn both_rate_limit_families_are_retried() {
    let server = Server::scripted(vec![
        Response::json(api_error("LimitExceeded.RequestFrequency", "too often")),
        Response::json(api_error("RequestLimitExceeded.UinLimitExceeded", "too many")),
        Response::json(OK),
        Response::json(api_error("LimitExceeded.AddressQuota", "a quota, not a rate")),
    ])
    .await;
    let client = client(&server).build().unwrap();
    assert_eq!(client.send(&request()).await.unwrap().task_id, "50121411");
    assert_eq!(server.seen().len(), 3);
    let err = client.send(&request()).await.unwrap_err();
    assert_eq!(err.code().map(|c| c.code()), Some("LimitExceeded.AddressQuota"), "not retried");
    assert_eq!(server.seen().len(), 4);
    assert!(tencentcloud_api_runtime::is_rate_limit_code("LimitExceeded.RequestFrequency"));
    assert!(!tencentcloud_api_runtime::is_rate_limit_code("LimitExceeded.AddressQuota"));
}

/// The backup endpoint: after two network failures in a row on the primary, requests go to
/// the backup; once the breaker's time is up the primary is tried again, and kept.
#[tokio::test]
async fn the_backup_endpoint_takes_over_and_hands_back() {
    use tencentcloud_api_runtime::BreakerPolicy;
    let primary = Server::scripted(vec![
        Response::status(503, "down"),
        Response::status(502, "down"),
        Response::json(OK),
        Response::json(OK),
    ])
    .await;
    let backup = Server::scripted(vec![Response::json(OK)]).await;
    let policy = BreakerPolicy { failures: 2, open_for: Duration::from_millis(300) };
    let client = client(&primary)
        .retry(RetryPolicy::none())
        .backup_endpoint(Endpoint::Url(backup.url()), policy)
        .build()
        .unwrap();
    assert!(matches!(client.send(&request()).await, Err(Error::Status { status: 503, .. })));
    assert!(matches!(client.send(&request()).await, Err(Error::Status { status: 502, .. })));
    assert_eq!(client.send(&request()).await.unwrap().task_id, "50121411", "the backup answers");
    assert_eq!((primary.seen().len(), backup.seen().len()), (2, 1));
    assert_eq!(check(&backup.seen()[0]), Ok(()));
    tokio::time::sleep(Duration::from_millis(350)).await;
    client.send(&request()).await.unwrap();
    client.send(&request()).await.unwrap();
    assert_eq!((primary.seen().len(), backup.seen().len()), (4, 1), "the primary again, and kept");
}

/// `with_endpoint`: some calls elsewhere, on the same client.
#[tokio::test]
async fn an_endpoint_for_some_calls() {
    let server = Server::scripted(vec![Response::json(OK)]).await;
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let client = Client::builder()
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .endpoint(Endpoint::Url(format!("http://{closed}")))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    assert!(matches!(client.send(&request()).await, Err(Error::Transport(_))));
    let elsewhere = client.with_endpoint(Endpoint::Url(server.url()));
    assert_eq!(elsewhere.send(&request()).await.unwrap().task_id, "50121411");
    assert_eq!(check(&server.seen()[0]), Ok(()));
}
