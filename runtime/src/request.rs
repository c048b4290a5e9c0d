//! What one attempt sends besides its body: the headers of a call (`X-TC-Action`,
//! `X-TC-Version`, `X-TC-Timestamp`, `X-TC-Region`, `X-TC-Token`, `X-TC-Language`, the
//! client's name) and its TC3-HMAC-SHA256 `Authorization`, computed afresh for every
//! attempt. No HTTP here: the client puts these on the wire.

use crate::credentials::Credentials;
use crate::sign::{sign, SignInput};

/// The language of the API's error messages (`X-TC-Language`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// `zh-CN`.
    ZhCn,
    /// `en-US`.
    EnUs,
}

impl Language {
    /// The header value: `zh-CN`, `en-US`.
    pub fn code(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::EnUs => "en-US",
        }
    }
}

/// What requests say of their client (`User-Agent`, `X-TC-RequestClient`): the bindings
/// (`tencentcloud-api`) and the runtime's version.
pub const USER_AGENT: &str = concat!("tencentcloud-api/", env!("CARGO_PKG_VERSION"));

/// The body's media type of every documented call: a JSON `POST /`.
pub(crate) const CONTENT_TYPE: &str = "application/json";

/// One call on the wire: where it goes, its body, and how it may be retried.
pub(crate) struct Call<'a> {
    pub(crate) service: &'a str,
    pub(crate) version: &'a str,
    pub(crate) action: &'a str,
    /// The action's documented requests per second.
    pub(crate) rate_limit: Option<u32>,
    /// Network failures may be retried.
    pub(crate) safe: bool,
    /// The body's `Content-Type` (signed): [`CONTENT_TYPE`] but for raw calls.
    pub(crate) content_type: &'a str,
    pub(crate) body: Vec<u8>,
    /// A streamed reply (`text/event-stream`) is asked for: handed on as it arrives.
    pub(crate) stream: bool,
}

/// What else an attempt says, besides its call.
pub(crate) struct Context<'a> {
    /// The `Host` header (and the signature's).
    pub(crate) host: &'a str,
    /// `X-TC-Region`, when not empty.
    pub(crate) region: &'a str,
    /// What to sign with; `None`: not signed (`Authorization: SKIP`).
    pub(crate) credentials: Option<&'a Credentials>,
    pub(crate) language: Option<Language>,
    /// The client's own headers ([`crate::ClientBuilder::header`]), sent last.
    pub(crate) extra: &'a [(String, String)],
    /// Unix seconds: `X-TC-Timestamp`, and the signature's date.
    pub(crate) timestamp: u64,
}

/// The headers of one attempt of `call`, in the order they are sent.
pub(crate) fn headers(call: &Call<'_>, context: &Context<'_>) -> Vec<(String, String)> {
    let authorization = match context.credentials {
        Some(credentials) => {
            let input = SignInput {
                method: "POST",
                query: "",
                headers: &[("content-type", call.content_type), ("host", context.host), ("x-tc-action", call.action)],
                payload: &call.body,
                service: call.service,
                timestamp: context.timestamp,
            };
            sign(credentials.secret_id(), credentials.secret_key(), &input).authorization
        }
        None => "SKIP".to_string(),
    };
    let mut headers: Vec<(String, String)> = vec![
        ("Host".into(), context.host.into()),
        ("Content-Type".into(), call.content_type.into()),
        ("X-TC-Action".into(), call.action.into()),
        ("X-TC-Version".into(), call.version.into()),
        ("X-TC-Timestamp".into(), context.timestamp.to_string()),
        ("Authorization".into(), authorization),
    ];
    if !context.region.is_empty() {
        headers.push(("X-TC-Region".into(), context.region.into()));
    }
    if let Some(token) = context.credentials.and_then(Credentials::token) {
        headers.push(("X-TC-Token".into(), token.into()));
    }
    if let Some(language) = context.language {
        headers.push(("X-TC-Language".into(), language.code().into()));
    }
    headers.push(("User-Agent".into(), USER_AGENT.into()));
    headers.push(("X-TC-RequestClient".into(), USER_AGENT.into()));
    headers.extend(context.extra.iter().cloned());
    headers
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call() -> Call<'static> {
        Call {
            service: "vpc",
            version: "2017-03-12",
            action: "DescribeVpcs",
            rate_limit: None,
            safe: true,
            content_type: CONTENT_TYPE,
            body: b"{}".to_vec(),
            stream: false,
        }
    }

    #[test]
    fn a_signed_attempt_says_everything_in_order() {
        let credentials = Credentials::new("AKIDexample", "key").with_token("tok");
        let extra = [("X-Trace-Id".to_string(), "t-1".to_string())];
        let context = Context {
            host: "vpc.tencentcloudapi.com",
            region: "ap-guangzhou",
            credentials: Some(&credentials),
            language: Some(Language::EnUs),
            extra: &extra,
            timestamp: 1_551_113_065,
        };
        let headers = headers(&call(), &context);
        let names: Vec<&str> = headers.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Host",
                "Content-Type",
                "X-TC-Action",
                "X-TC-Version",
                "X-TC-Timestamp",
                "Authorization",
                "X-TC-Region",
                "X-TC-Token",
                "X-TC-Language",
                "User-Agent",
                "X-TC-RequestClient",
                "X-Trace-Id"
            ]
        );
        let value = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
        assert_eq!(value("X-TC-Timestamp"), Some("1551113065"));
        assert_eq!(value("X-TC-Language"), Some("en-US"));
        let authorization = value("Authorization").unwrap();
        assert!(authorization.starts_with("TC3-HMAC-SHA256 Credential=AKIDexample/2019-02-25/vpc/tc3_request"));
        assert!(authorization.contains("SignedHeaders=content-type;host;x-tc-action"), "{authorization}");
    }

    #[test]
    fn an_unsigned_attempt_says_skip_and_no_region_when_none() {
        let context = Context {
            host: "sts.tencentcloudapi.com",
            region: "",
            credentials: None,
            language: None,
            extra: &[],
            timestamp: 0,
        };
        let headers = headers(&call(), &context);
        assert!(headers.contains(&("Authorization".to_string(), "SKIP".to_string())));
        assert!(!headers.iter().any(|(n, _)| n == "X-TC-Region" || n == "X-TC-Token" || n == "X-TC-Language"));
    }
}
