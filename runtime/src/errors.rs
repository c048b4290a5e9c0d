//! Why a call failed: [`Error`], typed by the action's (or the product's) error codes;
//! [`AnyError`] and [`AnyCode`] for code that calls several products or undocumented
//! actions; [`BuildError`] when a client cannot be set up. A leaf: it knows nothing of
//! the client that produces these errors.

use std::fmt;

use crate::action::{ApiError, ErrorOf};
use crate::validation::ValidationError;

/// Why a call failed. `#[non_exhaustive]`: new ways to fail come with new features of the
/// client (as `Deadline` and `Stalled` came with deadlines and streamed replies).
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The request breaks what its documentation states; nothing was sent.
    Validation(ValidationError),
    /// The API answered with an error: the action's documented code, a common code, or
    /// an unknown one.
    Api {
        /// The code, typed.
        code: E,
        /// The message the API gave.
        message: String,
        /// The request id, for support.
        request_id: String,
    },
    /// No answer within the configured timeout (of one attempt).
    Timeout,
    /// The call's deadline passed ([`crate::CallOptions::deadline`],
    /// [`crate::ClientBuilder::deadline`]): attempts and waits between them took too long.
    Deadline,
    /// A streamed reply stayed silent longer than its idle timeout
    /// ([`crate::ClientBuilder::idle_timeout`]): a stalled stream, ended.
    Stalled(std::time::Duration),
    /// The request could not be sent or the answer not received (connection, TLS, I/O).
    Transport(String),
    /// The server answered with an HTTP error status.
    Status {
        /// The HTTP status code.
        status: u16,
        /// The start of the body.
        body: String,
    },
    /// The answer cannot be read as a reply: not JSON, no `Response` object, an `Error`
    /// without a `Code`; or, with strict decoding, it deviates from the documented
    /// response (see [`crate::decode_value`] for what lenient decoding forgives).
    Decode {
        /// What was wrong (with strict decoding: every deviation, one per line).
        message: String,
        /// Where: `Response.AddressSet[0].AntiDDoSPackageId` (the first deviation), or
        /// empty when the body is not a reply at all.
        path: String,
        /// The whole body, as received.
        body: String,
    },
    /// The request could not be serialized.
    Encode(String),
    /// No credentials could be had (none found, or a provider failed); nothing was sent.
    Credentials(String),
    /// A paginator stopped because the server's pages do not advance (a page the same as
    /// an earlier one, a token sent back unchanged): rather than loop forever.
    Pagination(String),
}

impl<E: ApiError> Error<E> {
    /// The API's error code, if the API answered with one.
    pub fn code(&self) -> Option<&E> {
        match self {
            Error::Api { code, .. } => Some(code),
            _ => None,
        }
    }

    /// The request id of an API error.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Error::Api { request_id, .. } => Some(request_id),
            _ => None,
        }
    }

    /// An action's error as its product's, `Error<ErrorCode>` (typed codes kept), so that
    /// the errors of several actions of a product meet in one type:
    /// `vpc.associate_address(&request).await.map_err(Error::widen)?`. (Each product is a
    /// crate of its own: Rust's orphan rule leaves no room for a `From` impl doing this
    /// for `?` alone.)
    pub fn widen(self) -> Error<E::Product>
    where
        E: ErrorOf,
    {
        self.map_code()
    }

    /// The same error with its code read as another code type: an action's error as the
    /// product's (`Error<ErrorCode>`, what [`Error::widen`] does), or as [`AnyCode`]. The
    /// code's text is kept; a code the target type documents becomes its typed variant.
    pub fn map_code<F: ApiError>(self) -> Error<F> {
        match self {
            Error::Api { code, message, request_id } => {
                Error::Api { code: F::from_code(code.code()), message, request_id }
            }
            Error::Validation(e) => Error::Validation(e),
            Error::Timeout => Error::Timeout,
            Error::Deadline => Error::Deadline,
            Error::Stalled(idle) => Error::Stalled(idle),
            Error::Transport(e) => Error::Transport(e),
            Error::Status { status, body } => Error::Status { status, body },
            Error::Decode { message, path, body } => Error::Decode { message, path, body },
            Error::Encode(e) => Error::Encode(e),
            Error::Credentials(e) => Error::Credentials(e),
            Error::Pagination(e) => Error::Pagination(e),
        }
    }

    /// The kind of error, for traces: `api`, `timeout`, `transport`, `status`…
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Error::Validation(_) => "validation",
            Error::Api { .. } => "api",
            Error::Timeout => "timeout",
            Error::Deadline => "deadline",
            Error::Stalled(_) => "stalled",
            Error::Transport(_) => "transport",
            Error::Status { .. } => "status",
            Error::Decode { .. } => "decode",
            Error::Encode(_) => "encode",
            Error::Credentials(_) => "credentials",
            Error::Pagination(_) => "pagination",
        }
    }

    /// A network failure: no answer in time, no connection, or a gateway's 502–504; what
    /// may be retried for a request safe to repeat, and what trips the breaker.
    pub(crate) fn is_network(&self) -> bool {
        matches!(self, Error::Timeout | Error::Transport(_) | Error::Status { status: 502..=504, .. })
    }
}

impl<E: ApiError> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Validation(e) => write!(f, "invalid request: {e}"),
            Error::Api { code, message, request_id } => {
                write!(f, "{} (request id {request_id}): {message}", code.code())
            }
            Error::Timeout => f.write_str("no answer within the timeout"),
            Error::Deadline => f.write_str("the call's deadline passed"),
            Error::Stalled(idle) => write!(f, "the streamed reply stalled: nothing for {} ms", idle.as_millis()),
            Error::Transport(e) => write!(f, "transport error: {e}"),
            Error::Status { status, body } => write!(f, "HTTP status {status}: {body}"),
            Error::Decode { message, path, body } => {
                let at = if path.is_empty() { String::new() } else { format!(" at {path}") };
                write!(f, "undecodable answer{at} ({message}): {}", body_start(body.as_bytes()))
            }
            Error::Encode(e) => write!(f, "cannot serialize the request: {e}"),
            Error::Credentials(e) => write!(f, "no credentials: {e}"),
            Error::Pagination(e) => write!(f, "pages do not advance: {e}"),
        }
    }
}

impl<E: ApiError> std::error::Error for Error<E> {}

/// An error of any action of any product: what `?` turns every `Error<…>` into, for code
/// that calls several products. The code stays readable as text ([`AnyError::code`]);
/// match on `Error<ErrorCode>` (one product) or on the action's error for typed codes.
#[derive(Debug)]
pub struct AnyError(pub Error<AnyCode>);

impl AnyError {
    /// The API's error code, if the API answered with one: `ResourceNotFound`.
    pub fn code(&self) -> Option<&str> {
        self.0.code().map(ApiError::code)
    }

    /// The request id of an API error.
    pub fn request_id(&self) -> Option<&str> {
        self.0.request_id()
    }
}

impl<E: ApiError> From<Error<E>> for AnyError {
    fn from(error: Error<E>) -> Self {
        AnyError(error.map_code())
    }
}

impl fmt::Display for AnyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for AnyError {}

/// The client could not be built.
#[derive(Debug)]
pub enum BuildError {
    /// The HTTP stack could not be set up.
    Http(String),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Http(e) => write!(f, "cannot set up HTTP: {e}"),
        }
    }
}

impl std::error::Error for BuildError {}

/// Any error code, as the API sends it: the code type of [`Client::call_json`](crate::Client::call_json), which
/// knows no documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnyCode(pub String);

impl ApiError for AnyCode {
    fn from_code(code: &str) -> Self {
        AnyCode(code.to_string())
    }

    fn code(&self) -> &str {
        &self.0
    }

    fn description(&self) -> &'static str {
        ""
    }
}

/// How much of an unexpected body an error shows.
const BODY_SHOWN: usize = 1024;

/// The start of a body, for messages.
pub(crate) fn body_start(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    text.chars().take(BODY_SHOWN).collect()
}
