//! The crate's public surface, used from outside exactly as a user would.

use std::convert::Infallible;
use std::str::FromStr;

use tencentcloud_api::vpc::v20170312::{
    AssociateAddressError, AssociateAddressRequest, AssociateAddressResponse, AssociateIPv6AddressError,
    AssociateIPv6AddressRequest, AssociateIPv6AddressResponse, ErrorCode,
};
use tencentcloud_api::{Action, ApiError, ResponseEnvelope, ValidationError};

fn constants<A: Action>() -> (&'static str, &'static str, &'static str, Option<u32>) {
    (A::ACTION, A::VERSION, A::SERVICE, A::RATE_LIMIT)
}

#[test]
fn requests_implement_action() {
    assert_eq!(constants::<AssociateAddressRequest>(), ("AssociateAddress", "2017-03-12", "vpc", Some(10)));
    assert_eq!(constants::<AssociateIPv6AddressRequest>(), ("AssociateIPv6Address", "2017-03-12", "vpc", Some(20)));
    fn types<A: Action<Response = R, Error = E>, R, E>() {}
    types::<AssociateAddressRequest, AssociateAddressResponse, AssociateAddressError>();
    types::<AssociateIPv6AddressRequest, AssociateIPv6AddressResponse, AssociateIPv6AddressError>();
}

fn request() -> AssociateAddressRequest {
    AssociateAddressRequest { address_id: "eip-11112222".into(), ..Default::default() }
}

#[test]
fn validation_names_the_parameters() {
    assert_eq!(request().validate(), Ok(()));

    let empty = AssociateAddressRequest::default().validate().unwrap_err();
    assert_eq!(empty, ValidationError::Empty { param: "AddressId" });
    assert!(empty.to_string().contains("AddressId"));

    let both = AssociateAddressRequest {
        instance_id: Some("ins-1".into()),
        network_interface_id: Some("eni-1".into()),
        private_ip_address: Some("10.0.0.1".into()),
        ..request()
    };
    let err = both.validate().unwrap_err();
    let message = err.to_string();
    assert!(message.contains("NetworkInterfaceId") && message.contains("InstanceId"), "{message}");
    assert_eq!(err.params(), ["NetworkInterfaceId", "InstanceId"]);

    let without_ip = AssociateAddressRequest { network_interface_id: Some("eni-1".into()), ..request() };
    let err = without_ip.validate().unwrap_err();
    assert_eq!(err, ValidationError::Requires { param: "NetworkInterfaceId", requires: "PrivateIpAddress" });
    assert!(err.to_string().contains("PrivateIpAddress"));

    let eni = AssociateAddressRequest {
        network_interface_id: Some("eni-1".into()),
        private_ip_address: Some("10.0.0.1".into()),
        ..request()
    };
    assert_eq!(eni.validate(), Ok(()));

    let v6 = AssociateIPv6AddressRequest {
        ipv6_address_id: "eipv6-1".into(),
        network_interface_id: Some("eni-1".into()),
        ..Default::default()
    };
    assert_eq!(
        v6.validate(),
        Err(ValidationError::Requires { param: "NetworkInterfaceId", requires: "PrivateIPv6Address" })
    );

    fn is_error<E: std::error::Error>(_: &E) {}
    is_error(&err);
}

#[test]
fn error_codes_parse_and_describe() {
    fn parse<T: FromStr<Err = Infallible>>(s: &str) -> T {
        match s.parse() {
            Ok(v) => v,
            Err(never) => match never {},
        }
    }
    let known: ErrorCode = parse("InvalidAddressId.NotFound");
    assert_eq!(known, ErrorCode::InvalidAddressIdNotFound);
    assert_eq!(known.as_str(), "InvalidAddressId.NotFound");
    assert_eq!(known.description(), "The specified EIP does not exist.");

    let unknown: ErrorCode = parse("Made.Up");
    assert_eq!(unknown, ErrorCode::Unknown("Made.Up".to_string()));
    assert_eq!(unknown.as_str(), "Made.Up");
    assert_eq!(unknown.description(), "");

    let action = AssociateAddressError::from_code("InvalidAddressId.NotFound");
    assert_eq!(action, AssociateAddressError::InvalidAddressIdNotFound);
    assert_eq!(action.code(), "InvalidAddressId.NotFound");
    assert_eq!(ErrorCode::from(action.clone()), known);
    assert_eq!(action.to_string(), "InvalidAddressId.NotFound: The specified EIP does not exist.");
    // A product code that this action does not list is unknown to the action, known to the product.
    let other = AssociateAddressError::from_code("InvalidParameterValue.NetworkInterfaceInstanceNotSupport");
    assert!(matches!(other, AssociateAddressError::Unknown(_)));
    assert_eq!(ErrorCode::from(other), ErrorCode::InvalidParameterValueNetworkInterfaceInstanceNotSupport);
}

#[test]
fn wire_format() {
    let json = serde_json::to_value(request()).unwrap();
    assert_eq!(json, serde_json::json!({"AddressId": "eip-11112222"}), "None fields are omitted");

    let full = AssociateAddressRequest { eip_direct_connection: Some(true), ..request() };
    assert_eq!(
        serde_json::to_value(full).unwrap(),
        serde_json::json!({"AddressId": "eip-11112222", "EipDirectConnection": true})
    );

    let missing_required = serde_json::from_str::<AssociateAddressRequest>(r#"{"InstanceId": "ins-1"}"#);
    assert!(missing_required.unwrap_err().to_string().contains("AddressId"));

    let reply = r#"{"Response": {"TaskId": "50121411", "RequestId": "3c140219"}}"#;
    let envelope: ResponseEnvelope<AssociateAddressResponse> = serde_json::from_str(reply).unwrap();
    assert_eq!(envelope.response.task_id, "50121411");
    assert_eq!(envelope.response.request_id, "3c140219");
    // A field the documentation does not list yet is ignored: additions are not breaking.
    let newer = r#"{"Response": {"TaskId": "1", "RequestId": "r", "NewField": 3}}"#;
    assert!(serde_json::from_str::<ResponseEnvelope<AssociateAddressResponse>>(newer).is_ok());
}
