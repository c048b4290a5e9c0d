//! TC3-HMAC-SHA256, Tencent Cloud API 3.0's request signature.
//!
//! The canonical request (method, URI `/`, query, canonical headers, signed headers, the
//! payload's SHA-256) is hashed into the string to sign (`TC3-HMAC-SHA256`, timestamp,
//! credential scope `date/service/tc3_request`, hashed canonical request), which is signed
//! with a key derived from the secret key, the UTC date and the service.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// The algorithm's name, as it appears in the `Authorization` header.
pub const ALGORITHM: &str = "TC3-HMAC-SHA256";

/// What goes into one signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInput<'a> {
    /// `POST` or `GET`.
    pub method: &'a str,
    /// The query string (empty for `POST`).
    pub query: &'a str,
    /// Headers to sign, `(name, value)`; names are lower-cased and sorted, values trimmed
    /// (the `x-tc-action` value lower-cased, as the algorithm requires).
    pub headers: &'a [(&'a str, &'a str)],
    /// The body, as sent.
    pub payload: &'a [u8],
    /// The product (service) name: `cvm`.
    pub service: &'a str,
    /// Seconds since the Unix epoch.
    pub timestamp: u64,
}

/// The parts of a signature, kept for checks and debugging (no secret among them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// The canonical request.
    pub canonical_request: String,
    /// Hex SHA-256 of the canonical request.
    pub hashed_canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// `content-type;host;x-tc-action`.
    pub signed_headers: String,
    /// `2019-02-25/cvm/tc3_request`.
    pub credential_scope: String,
    /// Hex signature.
    pub signature: String,
    /// The whole `Authorization` header value.
    pub authorization: String,
}

/// Signs a request.
pub fn sign(secret_id: &str, secret_key: &str, input: &SignInput<'_>) -> Signature {
    let mut headers: Vec<(String, String)> = input
        .headers
        .iter()
        .map(|(name, value)| {
            let name = name.trim().to_ascii_lowercase();
            let value =
                if name == "x-tc-action" { value.trim().to_ascii_lowercase() } else { value.trim().to_string() };
            (name, value)
        })
        .collect();
    headers.sort();
    let canonical_headers: String = headers.iter().map(|(n, v)| format!("{n}:{v}\n")).collect();
    let signed_headers = headers.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join(";");
    let canonical_request = format!(
        "{}\n/\n{}\n{canonical_headers}\n{signed_headers}\n{}",
        input.method,
        input.query,
        hex(&Sha256::digest(input.payload))
    );
    let hashed_canonical_request = hex(&Sha256::digest(canonical_request.as_bytes()));
    let date = utc_date(input.timestamp);
    let credential_scope = format!("{date}/{}/tc3_request", input.service);
    let string_to_sign = format!("{ALGORITHM}\n{}\n{credential_scope}\n{hashed_canonical_request}", input.timestamp);
    let secret_date = hmac(format!("TC3{secret_key}").as_bytes(), date.as_bytes());
    let secret_service = hmac(&secret_date, input.service.as_bytes());
    let secret_signing = hmac(&secret_service, b"tc3_request");
    let signature = hex(&hmac(&secret_signing, string_to_sign.as_bytes()));
    let authorization = format!(
        "{ALGORITHM} Credential={secret_id}/{credential_scope}, SignedHeaders={signed_headers}, Signature={signature}"
    );
    Signature {
        canonical_request,
        hashed_canonical_request,
        string_to_sign,
        signed_headers,
        credential_scope,
        signature,
        authorization,
    }
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[(b >> 4) as usize] as char);
        out.push(DIGITS[(b & 15) as usize] as char);
    }
    out
}

/// `YYYY-MM-DD` of a Unix timestamp, in UTC (the days-to-civil algorithm).
pub fn utc_date(timestamp: u64) -> String {
    let days = (timestamp / 86_400) as i64;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The published example's payload, with its `\u672a\u547d\u540d` escapes as bytes.
    const PAYLOAD: &str = r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
    const CONTENT_TYPE: &str = "application/json; charset=utf-8";

    fn input<'a>(headers: &'a [(&'a str, &'a str)]) -> SignInput<'a> {
        SignInput {
            method: "POST",
            query: "",
            headers,
            payload: PAYLOAD.as_bytes(),
            service: "cvm",
            timestamp: 1_551_113_065,
        }
    }

    #[test]
    fn payload_hash_and_date() {
        assert_eq!(
            hex(&Sha256::digest(PAYLOAD.as_bytes())),
            "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064"
        );
        assert_eq!(utc_date(1_551_113_065), "2019-02-25");
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
        assert_eq!(utc_date(4_102_444_799), "2099-12-31");
    }

    #[test]
    fn published_vector_with_content_type_and_host() {
        let headers = [("Content-Type", CONTENT_TYPE), ("Host", "cvm.tencentcloudapi.com")];
        let s = sign("AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE", "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", &input(&headers));
        assert_eq!(s.signed_headers, "content-type;host");
        assert_eq!(s.hashed_canonical_request, "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031");
        assert_eq!(s.signature, "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168");
        assert_eq!(
            s.authorization,
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        );
    }

    #[test]
    fn published_vector_with_action_header() {
        let headers =
            [("Content-Type", CONTENT_TYPE), ("Host", "cvm.tencentcloudapi.com"), ("X-TC-Action", "DescribeInstances")];
        let secret_id = format!("AKID{}", "*".repeat(32));
        let s = sign(&secret_id, &"*".repeat(32), &input(&headers));
        assert_eq!(s.signed_headers, "content-type;host;x-tc-action");
        assert!(s.canonical_request.contains("\nx-tc-action:describeinstances\n"));
        assert_eq!(s.hashed_canonical_request, "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84");
        assert_eq!(s.signature, "10b1a37a7301a02ca19a647ad722d5e43b4b3cff309d421d85b46093f6ab6c4f");
    }
}
