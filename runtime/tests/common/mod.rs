//! Actions written by hand for the runtime's own tests, as the generated crates write
//! them (the runtime is tested without any generated product): a write action that is not
//! safe to repeat, with documented constraints and typed error codes
//! ([`AssociateAddressRequest`]); a read-only one with a documented rate
//! ([`DescribeThingsRequest`]); a write one with an idempotency token
//! ([`CreateThingRequest`]). And a client for the loopback server.

#![allow(dead_code)]

use std::time::Duration;

use serde::{Deserialize, Serialize};
use tencentcloud_api_runtime::{
    check_bytes, check_chars, check_items, check_range, fmt_api_error, Action, ApiError, Client, ClientBuilder,
    Credentials, Documented, Endpoint, ErrorOf, Field, RetryPolicy, Shape, StreamingAction, ValidationError,
};
use test_support::http::Server;
use test_support::tc3::{SECRET_ID, SECRET_KEY};

/// A client that signs with the test key pair and sends to `server`, retrying quickly.
pub fn client(server: &Server) -> ClientBuilder {
    Client::builder()
        .credentials(Credentials::new(SECRET_ID, SECRET_KEY))
        .region("ap-guangzhou")
        .endpoint(Endpoint::Url(server.url()))
        .retry(RetryPolicy { base_delay: Duration::from_millis(20), ..RetryPolicy::default() })
}

/// The reply of a successful `AssociateAddress`.
pub const OK: &str = r#"{"Response": {"TaskId": "50121411", "RequestId": "req-ok"}}"#;

/// The reply of a successful `DescribeThings` (or `CreateThing`).
pub const THINGS: &str = r#"{"Response": {"Total": 7, "RequestId": "req-things"}}"#;

/// `AssociateAddress`, as the VPC pages document it: an EIP bound to an instance or to a
/// network interface's private IP (one or the other).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AssociateAddressRequest {
    #[serde(rename = "AddressId")]
    pub address_id: String,
    #[serde(rename = "InstanceId", default, skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    #[serde(rename = "NetworkInterfaceId", default, skip_serializing_if = "Option::is_none")]
    pub network_interface_id: Option<String>,
    #[serde(rename = "PrivateIpAddress", default, skip_serializing_if = "Option::is_none")]
    pub private_ip_address: Option<String>,
}

/// What `AssociateAddress` returns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AssociateAddressResponse {
    #[serde(rename = "TaskId")]
    pub task_id: String,
    #[serde(rename = "RequestId")]
    pub request_id: String,
}

/// `AssociateAddress` with an address and an instance.
pub fn request() -> AssociateAddressRequest {
    AssociateAddressRequest {
        address_id: "eip-11112222".into(),
        instance_id: Some("ins-1".into()),
        ..Default::default()
    }
}

impl Action for AssociateAddressRequest {
    const ACTION: &'static str = "AssociateAddress";
    const VERSION: &'static str = "2017-03-12";
    const SERVICE: &'static str = "vpc";
    type Response = AssociateAddressResponse;
    type Error = AssociateAddressError;

    fn validate_structure(&self) -> Result<(), ValidationError> {
        if self.address_id.is_empty() {
            return Err(ValidationError::Empty { param: "AddressId" });
        }
        if self.network_interface_id.is_some() && self.instance_id.is_some() {
            return Err(ValidationError::MutuallyExclusive { params: &["NetworkInterfaceId", "InstanceId"] });
        }
        if self.network_interface_id.is_some() && self.private_ip_address.is_none() {
            return Err(ValidationError::Requires { param: "NetworkInterfaceId", requires: "PrivateIpAddress" });
        }
        Ok(())
    }
}

impl Documented for AssociateAddressResponse {
    fn fields() -> &'static [Field] {
        const FIELDS: &[Field] = &[
            Field { name: "TaskId", shape: Shape::String, optional: false },
            Field { name: "RequestId", shape: Shape::String, optional: false },
        ];
        FIELDS
    }
}

/// `AssociateIPv6Address`: another action of the same product, for errors that meet in
/// the product's [`ErrorCode`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AssociateIpv6AddressRequest {
    #[serde(rename = "Ipv6AddressId")]
    pub ipv6_address_id: String,
}

/// What `AssociateIPv6Address` returns.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AssociateIpv6AddressResponse {
    #[serde(rename = "RequestId")]
    pub request_id: String,
}

impl Action for AssociateIpv6AddressRequest {
    const ACTION: &'static str = "AssociateIPv6Address";
    const VERSION: &'static str = "2017-03-12";
    const SERVICE: &'static str = "vpc";
    type Response = AssociateIpv6AddressResponse;
    type Error = AssociateIpv6AddressError;

    fn validate_structure(&self) -> Result<(), ValidationError> {
        Ok(())
    }
}

impl Documented for AssociateIpv6AddressResponse {
    fn fields() -> &'static [Field] {
        const FIELDS: &[Field] = &[Field { name: "RequestId", shape: Shape::String, optional: false }];
        FIELDS
    }
}

/// A read-only action (safe to repeat) with a documented rate of 4 per second.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeThingsRequest {
    #[serde(rename = "Limit", default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<i64>,
}

/// What `DescribeThings` (and `CreateThing`) return.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DescribeThingsResponse {
    #[serde(rename = "Total")]
    pub total: i64,
    #[serde(rename = "RequestId")]
    pub request_id: String,
}

impl Documented for DescribeThingsResponse {
    fn fields() -> &'static [Field] {
        const FIELDS: &[Field] = &[
            Field { name: "Total", shape: Shape::Integer, optional: false },
            Field { name: "RequestId", shape: Shape::String, optional: false },
        ];
        FIELDS
    }
}

impl Action for DescribeThingsRequest {
    const ACTION: &'static str = "DescribeThings";
    const VERSION: &'static str = "2017-03-12";
    const SERVICE: &'static str = "vpc";
    const RATE_LIMIT: Option<u32> = Some(4);
    type Response = DescribeThingsResponse;
    type Error = ErrorCode;

    fn validate_structure(&self) -> Result<(), ValidationError> {
        Ok(())
    }
}

/// A write action with an idempotency token.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CreateThingRequest {
    #[serde(rename = "ClientToken", default, skip_serializing_if = "Option::is_none")]
    pub client_token: Option<String>,
}

impl Action for CreateThingRequest {
    const ACTION: &'static str = "CreateThing";
    const VERSION: &'static str = "2017-03-12";
    const SERVICE: &'static str = "vpc";
    const CLIENT_TOKEN: Option<&'static str> = Some("ClientToken");
    type Response = DescribeThingsResponse;
    type Error = ErrorCode;

    fn validate_structure(&self) -> Result<(), ValidationError> {
        Ok(())
    }
}

/// A write action with documented limits, as `validate_limits` is generated: a period
/// of 7 to 732 days, a name of 1 to 60 characters, at most 2 tags of at most 8 bytes each.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ModifyThingRequest {
    #[serde(rename = "Name")]
    pub name: String,
    #[serde(rename = "Period", default, skip_serializing_if = "Option::is_none")]
    pub period: Option<i64>,
    #[serde(rename = "Tags", default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
}

impl Action for ModifyThingRequest {
    const ACTION: &'static str = "ModifyThing";
    const VERSION: &'static str = "2017-03-12";
    const SERVICE: &'static str = "vpc";
    type Response = DescribeThingsResponse;
    type Error = ErrorCode;

    fn validate_structure(&self) -> Result<(), ValidationError> {
        if self.name.is_empty() {
            return Err(ValidationError::Empty { param: "Name" });
        }
        Ok(())
    }

    fn validate_limits(&self) -> Result<(), ValidationError> {
        check_range("Period", &self.period, Some(7.0), Some(732.0))?;
        check_chars("Name", &self.name, Some(1), Some(60))?;
        check_items("Tags", &self.tags, None, Some(2))?;
        check_bytes("Tags", &self.tags, None, Some(8))?;
        Ok(())
    }
}

/// A streaming chat (as lkeap `ChatCompletions` is generated): `Stream: true` asks for
/// events, each the output's fields without `RequestId`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChatRequest {
    #[serde(rename = "Model")]
    pub model: String,
    #[serde(rename = "Stream", default, skip_serializing_if = "Option::is_none")]
    pub stream: Option<bool>,
}

/// The whole reply of `Chat` (not streamed).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChatResponse {
    #[serde(rename = "Content")]
    pub content: String,
    #[serde(rename = "RequestId")]
    pub request_id: String,
}

/// One event of a streamed `Chat`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChatEvent {
    #[serde(rename = "Content")]
    pub content: String,
    #[serde(rename = "Index")]
    pub index: i64,
}

impl Action for ChatRequest {
    const ACTION: &'static str = "Chat";
    const VERSION: &'static str = "2024-05-22";
    const SERVICE: &'static str = "lkeap";
    type Response = ChatResponse;
    type Error = ErrorCode;

    fn validate_structure(&self) -> Result<(), ValidationError> {
        if self.model.is_empty() {
            return Err(ValidationError::Empty { param: "Model" });
        }
        Ok(())
    }
}

impl StreamingAction for ChatRequest {
    type Event = ChatEvent;
    const STREAM_INPUT: Option<&'static str> = Some("Stream");
}

impl Documented for ChatResponse {
    fn fields() -> &'static [Field] {
        const FIELDS: &[Field] = &[
            Field { name: "Content", shape: Shape::String, optional: false },
            Field { name: "RequestId", shape: Shape::String, optional: false },
        ];
        FIELDS
    }
}

impl Documented for ChatEvent {
    fn fields() -> &'static [Field] {
        const FIELDS: &[Field] = &[
            Field { name: "Content", shape: Shape::String, optional: false },
            Field { name: "Index", shape: Shape::Integer, optional: false },
        ];
        FIELDS
    }
}

tencentcloud_api_runtime::wire_by_serde!(
    ChatRequest,
    ChatResponse,
    ChatEvent,
    ModifyThingRequest,
    AssociateAddressRequest,
    AssociateAddressResponse,
    AssociateIpv6AddressRequest,
    AssociateIpv6AddressResponse,
    DescribeThingsRequest,
    DescribeThingsResponse,
    CreateThingRequest
);

/// Error codes as generated: documented ones typed, any other kept as `Unknown`; each
/// action's enum converts into the product's ([`ErrorOf`]).
macro_rules! error_codes {
    ($(#[$doc:meta])* $name:ident, product: $product:ty { $($variant:ident = $code:literal: $description:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum $name {
            $(#[doc = $description] $variant,)*
            /// A code not documented for it.
            Unknown(String),
        }

        impl ApiError for $name {
            fn from_code(code: &str) -> Self {
                match code {
                    $($code => Self::$variant,)*
                    other => Self::Unknown(other.to_string()),
                }
            }

            fn code(&self) -> &str {
                match self {
                    $(Self::$variant => $code,)*
                    Self::Unknown(code) => code,
                }
            }

            fn description(&self) -> &'static str {
                match self {
                    $(Self::$variant => $description,)*
                    Self::Unknown(_) => "",
                }
            }
        }

        impl ErrorOf for $name {
            type Product = $product;
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                fmt_api_error(self, f)
            }
        }
    };
}

error_codes! {
    /// The product's error codes: every action's.
    ErrorCode, product: ErrorCode {
        InvalidAddressIdNotFound = "InvalidAddressId.NotFound": "The address does not exist.",
        InvalidParameterValueAddressIdMalformed = "InvalidParameterValue.AddressIdMalformed": "Malformed address ID.",
        RequestLimitExceeded = "RequestLimitExceeded": "Too many requests.",
    }
}

error_codes! {
    /// `AssociateAddress`'s error codes.
    AssociateAddressError, product: ErrorCode {
        InvalidAddressIdNotFound = "InvalidAddressId.NotFound": "The address does not exist.",
        RequestLimitExceeded = "RequestLimitExceeded": "Too many requests.",
    }
}

error_codes! {
    /// `AssociateIPv6Address`'s error codes.
    AssociateIpv6AddressError, product: ErrorCode {
        InvalidParameterValueAddressIdMalformed = "InvalidParameterValue.AddressIdMalformed": "Malformed address ID.",
    }
}
