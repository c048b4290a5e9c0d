//! TC3-HMAC-SHA256 as Tencent Cloud publishes it, written again here (not the runtime's
//! code) so that the client tests check the client's signatures independently, and the
//! test key pair the loopback clients sign with.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use crate::http::Request;

/// The test key pair's id.
pub const SECRET_ID: &str = "AKIDloopbacktestid000000000000000000";
/// The test key pair's secret.
pub const SECRET_KEY: &str = "loopback-test-secret-key-00000000";

/// `{"Response": {"Error": {"Code": …, "Message": …}, "RequestId": "req-<code>"}}`.
pub fn api_error(code: &str, message: &str) -> String {
    format!(r#"{{"Response": {{"Error": {{"Code": "{code}", "Message": "{message}"}}, "RequestId": "req-{code}"}}}}"#)
}

/// `Ok` when the request is signed with the test key pair by the published algorithm
/// (within five minutes of now), else why not.
pub fn check(request: &Request) -> Result<(), String> {
    let get = |name: &str| request.header(name).map(str::to_string).ok_or(format!("no {name} header"));
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
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
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
    let canonical =
        format!("POST\n/\n\n{canonical_headers}\n{signed_headers}\n{}", hex(&Sha256::digest(&request.body)));
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

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}
