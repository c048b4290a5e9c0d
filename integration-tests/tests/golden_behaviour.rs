//! What the generated code for the edge-case pages does, used from outside.

use golden_demo::demo::v20200101::{
    CommonError, DefectsError, DefectsRequest, DefectsResponse, EdgeCasesError, EdgeCasesRequest, EdgeCasesResponse,
    ErrorCode, Filter, Item, PingRequest, PingResponse, TreeNode,
};
use golden_demo::{Action, ApiError, ResponseEnvelope, ValidationError};

fn request() -> EdgeCasesRequest {
    EdgeCasesRequest { name: "n".into(), port_a: Some(80), ..Default::default() }
}

#[test]
fn keywords_and_case_collisions_keep_their_wire_names() {
    let r =
        EdgeCasesRequest { type_: Some("t".into()), vpc_id: Some("a".into()), vpc_id_2: Some("b".into()), ..request() };
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        serde_json::json!({"Name": "n", "Type": "t", "VpcId": "a", "VPCId": "b", "PortA": 80})
    );
}

#[test]
fn recursive_structures_are_boxed() {
    let leaf = TreeNode { value: "leaf".into(), ..Default::default() };
    let node = TreeNode {
        value: "root".into(),
        parent: Some(Box::new(TreeNode { value: "up".into(), ..Default::default() })),
        children: Some(vec![leaf]),
    };
    let json = serde_json::to_string(&node).unwrap();
    assert_eq!(serde_json::from_str::<TreeNode>(&json).unwrap(), node);
}

#[test]
fn documented_constraints_are_checked() {
    assert_eq!(request().validate(), Ok(()));
    assert_eq!(EdgeCasesRequest::default().validate(), Err(ValidationError::Empty { param: "Name" }));
    let both = EdgeCasesRequest { mode_a: Some("a".into()), mode_b: Some("b".into()), ..request() };
    assert_eq!(both.validate(), Err(ValidationError::MutuallyExclusive { params: &["ModeA", "ModeB"] }));
    let lists = EdgeCasesRequest {
        filters: Some(vec![Filter { name: "kind".into(), values: vec!["a".into()] }]),
        ids: Some(vec!["id-1".into()]),
        ..request()
    };
    assert_eq!(lists.validate(), Err(ValidationError::MutuallyExclusive { params: &["Filters", "Ids"] }));
    let tag = EdgeCasesRequest { tag: Some("env".into()), ..request() };
    assert_eq!(tag.validate(), Err(ValidationError::Requires { param: "Tag", requires: "TagValue" }));
    // "If Ghost is specified, TagValue must also be specified": Ghost is not a parameter,
    // so nothing is enforced (and the generator warned).
    let value_only = EdgeCasesRequest { tag_value: Some("prod".into()), ..request() };
    assert_eq!(value_only.validate(), Ok(()));
    let no_port = EdgeCasesRequest { port_a: None, ..request() };
    assert_eq!(no_port.validate(), Err(ValidationError::AtLeastOne { params: &["PortA", "PortB"] }));
    assert!(no_port.validate().unwrap_err().to_string().contains("`PortA` or `PortB`"));
    assert_eq!(EdgeCasesRequest { port_a: None, port_b: Some(443), ..request() }.validate(), Ok(()));
    assert_eq!(PingRequest::default().validate(), Ok(()));
}

#[test]
fn nullable_outputs_are_options_and_required_ones_are_not() {
    let reply =
        r#"{"Response": {"Items": [{"ItemId": "i", "Size": 1, "Comment": null}], "Total": 1, "RequestId": "r"}}"#;
    let response: ResponseEnvelope<EdgeCasesResponse> = serde_json::from_str(reply).unwrap();
    assert_eq!(response.response.note, None);
    let item: &Item = &response.response.items[0];
    assert_eq!((item.item_id.as_str(), item.size, item.comment.as_deref()), ("i", 1, None));
    let without_total = r#"{"Response": {"Items": [], "RequestId": "r"}}"#;
    assert!(serde_json::from_str::<ResponseEnvelope<EdgeCasesResponse>>(without_total).is_err());
    let ping: ResponseEnvelope<PingResponse> = serde_json::from_str(r#"{"Response": {"RequestId": "r"}}"#).unwrap();
    assert_eq!(ping.response.echo, None);
}

#[test]
fn error_enums() {
    assert_eq!(EdgeCasesError::from_code("FailedOperation.Busy"), EdgeCasesError::FailedOperationBusy);
    // Listed by the action and common: the action's own variant wins.
    assert_eq!(EdgeCasesError::from_code("InvalidParameter"), EdgeCasesError::InvalidParameter);
    let common = EdgeCasesError::from_code("RequestLimitExceeded");
    assert_eq!(common, EdgeCasesError::Common(CommonError::RequestLimitExceeded));
    assert_eq!(common.code(), "RequestLimitExceeded");
    assert_eq!(common.description(), "The request rate limit was exceeded.");
    assert_eq!(EdgeCasesError::from_code("Nope"), EdgeCasesError::Unknown("Nope".into()));
    assert_eq!(ErrorCode::from(common), ErrorCode::RequestLimitExceeded);
    assert!(ErrorCode::RequestLimitExceeded.is_common());
    assert!(!ErrorCode::ResourceNotFoundDemo.is_common());
    assert_eq!(<EdgeCasesRequest as Action>::RATE_LIMIT, Some(5));
    assert_eq!(<PingRequest as Action>::RATE_LIMIT, None);
}

#[test]
fn undocumented_structures_are_json_values() {
    let request = DefectsRequest {
        instance_id: "ins-1".into(),
        key_pair: Some(serde_json::json!({"KeyId": "skey-1"})),
        labels: Some(vec![serde_json::json!({"Key": "a"}), serde_json::json!("anything")]),
        ..Default::default()
    };
    assert_eq!(request.validate(), Ok(()));
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        serde_json::json!({"InstanceId": "ins-1", "KeyPair": {"KeyId": "skey-1"}, "Labels": [{"Key": "a"}, "anything"]})
    );
    let response: DefectsResponse =
        serde_json::from_value(serde_json::json!({"Result": [1, {"a": null}], "RequestId": "r"})).unwrap();
    assert_eq!(response.result, serde_json::json!([1, {"a": null}]));
    // A required undocumented structure may be `null`, but not missing.
    assert!(serde_json::from_value::<DefectsResponse>(serde_json::json!({"Result": null, "RequestId": "r"})).is_ok());
    assert!(serde_json::from_value::<DefectsResponse>(serde_json::json!({"RequestId": "r"})).is_err());
}

#[test]
fn malformed_error_codes_are_mended() {
    assert_eq!(DefectsError::from_code("InvalidParameter"), DefectsError::InvalidParameter);
    assert_eq!(DefectsError::from_code("ResourceUnavailable"), DefectsError::ResourceUnavailable);
    assert_eq!(DefectsError::from_code("FailedOperation.Busy"), DefectsError::FailedOperationBusy);
    assert_eq!(DefectsError::from_code("InvalidParameter.").code(), "InvalidParameter.");
    assert!(matches!(DefectsError::from_code("Failed Operation"), DefectsError::Unknown(_)));
    assert_eq!(ErrorCode::from_code("ResourceUnavailable"), ErrorCode::ResourceUnavailable);
}
