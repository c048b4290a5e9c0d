//! The traits and types every generated crate implements or names: an API [`Action`]
//! (and a [`Paginated`] one, with its [`Paging`]), the error codes ([`ApiError`],
//! [`ErrorOf`]) and the reply envelope. Plain types: no client needed.

use serde::{de::DeserializeOwned, Deserialize, Serialize};

use crate::decode::Documented;
use crate::validation::ValidationError;
use crate::wire::Wire;

/// An API action: implemented by every generated request type.
pub trait Action: Wire + Serialize + DeserializeOwned {
    /// The action name sent as `X-TC-Action`: `AssociateAddress`.
    const ACTION: &'static str;
    /// The API version sent as `X-TC-Version`: `2017-03-12`.
    const VERSION: &'static str;
    /// The product (service) name, the first label of its host: `vpc`.
    const SERVICE: &'static str;
    /// The documented limit of requests per second, when the page states one.
    const RATE_LIMIT: Option<u32> = None;
    /// The input parameter that makes a call idempotent (`ClientToken`), when the action
    /// has one: the client fills it in when it is left empty (the same value for every
    /// attempt), so that network failures can be retried without doing the thing twice.
    const CLIENT_TOKEN: Option<&'static str> = None;
    /// What a successful call returns (the object under `Response`).
    type Response: DeserializeOwned + Documented;
    /// The action's error codes.
    type Error: ApiError;

    /// Checks everything the documentation states about the parameters before anything
    /// is sent: [`Action::validate_structure`], then [`Action::validate_limits`]. The
    /// client calls it before sending, or only `validate_structure` when it was built
    /// with `ClientBuilder::documented_limits(false)` (feature `client`).
    fn validate(&self) -> Result<(), ValidationError> {
        self.validate_structure()?;
        self.validate_limits()
    }

    /// Checks the structure of the request as documented: required strings not empty,
    /// parameters that exclude or require each other.
    fn validate_structure(&self) -> Result<(), ValidationError>;

    /// Checks the limits the descriptions state, each read from the prose: a number's
    /// range ([`ValidationError::OutOfRange`]), a string's length in characters or bytes,
    /// a list's number of items ([`ValidationError::TooShort`], [`ValidationError::TooLong`]).
    /// A page can be wrong about them: a client built with
    /// `ClientBuilder::documented_limits(false)` (feature `client`) skips them.
    /// None by default.
    fn validate_limits(&self) -> Result<(), ValidationError> {
        Ok(())
    }
}

/// A paginated action's request: generated where the pages say how results come in pages
/// (an `Offset` and a `Limit`, a page number, a token). `Client::pages` and
/// `Client::items` (the generated `…_pages` and `…_items` methods) follow it.
pub trait Paginated: Action + 'static {
    /// One item of a page: an element of the list output.
    type Item: Send + 'static;
    /// Where the position and the page size go, and which outputs hold the items and the
    /// total.
    const PAGING: Paging;
    /// A page's items (the list output).
    fn into_items(response: Self::Response) -> Vec<Self::Item>;
}

/// How a paginated action's results come in pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// How the position advances.
    pub style: PageStyle,
    /// The input that says which page: `Offset`, `PageNumber`, `NextToken`.
    pub position: PageParam,
    /// The input page size: `Limit`, `PageSize`.
    pub size: Option<PageParam>,
    /// The output list of a page's items: `AddressSet`.
    pub items: &'static str,
    /// The output total number of items: `TotalCount`.
    pub total: Option<&'static str>,
    /// The documented maximum page size: sent when the request sets no page size.
    pub max_page_size: Option<u64>,
}

/// An input of pagination: its wire name, and whether it is sent as a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageParam {
    /// The wire name: `Offset`.
    pub name: &'static str,
    /// Documented as a string (`"Offset": "20"`) rather than an integer.
    pub text: bool,
}

/// How a paginated action's position advances.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageStyle {
    /// Items skipped, advanced by each page's item count.
    Offset,
    /// A page number, starting at `first`.
    PageNumber {
        /// The first page's number (1, or 0 where the page says so).
        first: u64,
    },
    /// A token the reply hands back for the next page.
    Token {
        /// The output holding the next token: `NextToken`.
        output: &'static str,
        /// A boolean output saying the list is over: `ListOver`.
        done: Option<&'static str>,
    },
}

/// An error code enum: an action's error enum or a product's `ErrorCode`.
pub trait ApiError: std::fmt::Debug + Clone + PartialEq + Send + Sync + 'static {
    /// The variant for a code as the API sends it; an undocumented code is kept as is.
    fn from_code(code: &str) -> Self;
    /// The code as the API sends it: `FailedOperation.TaskFailed`.
    fn code(&self) -> &str;
    /// The documented description; empty for an undocumented code.
    fn description(&self) -> &'static str;
}

/// An action's error enum, which converts into its product's `ErrorCode` (`From`), and
/// `Error<Self>` into `Error<ErrorCode>` (`Error::widen`, with the `client` feature): generated.
pub trait ErrorOf: ApiError {
    /// The product-wide code type: the product version's `ErrorCode`.
    type Product: ApiError;
}

/// The wire envelope of every reply: `{"Response": {…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseEnvelope<T> {
    /// The object under `Response`.
    #[serde(rename = "Response")]
    pub response: T,
}

/// `Display` of error codes: the code, then its description when documented (used by
/// generated error enums; not part of the API a user calls).
#[doc(hidden)]
pub fn fmt_api_error(error: &impl ApiError, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
    match error.description() {
        "" => f.write_str(error.code()),
        description => write!(f, "{}: {}", error.code(), description),
    }
}
