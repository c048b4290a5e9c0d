//! A reply whose value is outside the set its page documents, through the client: a lenient
//! client decodes it into the enum's `Other` and reports an `undocumented value`; a strict
//! one refuses it naming the path. The action and its enum are written as generated code
//! writes them.
#![cfg(feature = "client")]

mod common;

use common::client;
use serde::{Deserialize, Serialize};
use tencentcloud_api_runtime::{Action, DeviationKind, Documented, Error, Field, Shape, ValidationError, Wire};
use test_support::http::{Response, Server};

/// A documented value set, as generated.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ThingState {
    /// `RUNNING`.
    Running,
    /// `STOPPED`.
    Stopped,
    /// Any other value.
    Other(String),
}

tencentcloud_api_runtime::enums::string_enum!(ThingState { Running = "RUNNING", Stopped = "STOPPED" });

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DescribeStateRequest {}

#[derive(Debug, Clone, PartialEq)]
pub struct DescribeStateResponse {
    pub state: ThingState,
    pub request_id: String,
}

tencentcloud_api_runtime::wire_by_serde!(DescribeStateRequest);

// As generated: the enum has no serde impls, the structure reads and writes through `Wire`.
impl Wire for DescribeStateResponse {
    fn to_wire(&self) -> serde_json::Value {
        let mut object = tencentcloud_api_runtime::wire::Object::new();
        object.put("State", &self.state);
        object.put("RequestId", &self.request_id);
        object.finish()
    }

    fn from_wire(value: &serde_json::Value) -> Result<Self, tencentcloud_api_runtime::WireError> {
        let fields = tencentcloud_api_runtime::wire::Fields::of(value)?;
        Ok(Self { state: fields.get("State")?, request_id: fields.get("RequestId")? })
    }
}

tencentcloud_api_runtime::wire::serde_by_wire!(DescribeStateResponse);

impl Documented for DescribeStateResponse {
    fn fields() -> &'static [Field] {
        const FIELDS: &[Field] = &[
            Field { name: "State", shape: Shape::StringIn(ThingState::VALUES), optional: false },
            Field { name: "RequestId", shape: Shape::String, optional: false },
        ];
        FIELDS
    }
}

impl Action for DescribeStateRequest {
    const ACTION: &'static str = "DescribeState";
    const VERSION: &'static str = "2017-03-12";
    const SERVICE: &'static str = "vpc";
    type Response = DescribeStateResponse;
    type Error = common::ErrorCode;

    fn validate_structure(&self) -> Result<(), ValidationError> {
        Ok(())
    }
}

#[tokio::test]
async fn an_undocumented_value_is_kept_reported_and_refused_when_strict() {
    let moving = r#"{"Response": {"State": "MOVING", "RequestId": "r"}}"#;
    let documented = r#"{"Response": {"State": "STOPPED", "RequestId": "r"}}"#;
    let server =
        Server::scripted(vec![Response::json(moving), Response::json(moving), Response::json(documented)]).await;
    let reply = client(&server).build().unwrap().send_with_report(&DescribeStateRequest {}).await.unwrap();
    assert_eq!(reply.response.state, ThingState::Other("MOVING".into()));
    assert_eq!(reply.response.state.to_wire(), serde_json::json!("MOVING"));
    let found: Vec<String> = reply.deviations.iter().map(ToString::to_string).collect();
    assert_eq!(found, ["Response.State: undocumented value: expected one of RUNNING, STOPPED, found \"MOVING\""]);
    assert_eq!(reply.deviations[0].kind, DeviationKind::UndocumentedValue);
    assert!(reply.deviations[0].kind.is_contradiction());

    let strict = client(&server).strict_decoding(true).build().unwrap();
    match strict.send(&DescribeStateRequest {}).await {
        Err(Error::Decode { path, message, .. }) => {
            assert_eq!(path, "Response.State");
            assert!(message.starts_with("Response.State: undocumented value"), "{message}");
        }
        other => panic!("expected a strict decode error, got {other:?}"),
    }
    // A documented value passes strict decoding.
    assert_eq!(strict.send(&DescribeStateRequest {}).await.unwrap().state, ThingState::Stopped);
}
