//! The enums of documented value sets, typed filters and waiters on enums, from the golden
//! fixture generated from an IR with hand-set facts (`codegen/tests/golden-typed/`),
//! against a real HTTP server on loopback.

use std::time::Duration;

use golden_typed::typed::v20210101::{
    AddressStatus, Client as TypedClient, CreateThingRequest, DescribeAddressesFilter, DescribeAddressesRequest,
    Engine, Filter, Kinds, Mode, StatusValue,
};
use golden_typed::{Client, DeviationKind, Error, WaitPolicy};
use integration_tests::loopback_client;
use serde_json::json;
use test_support::http::{Response, Server};

fn addresses(statuses: &[&str]) -> Response {
    let set: Vec<_> = statuses
        .iter()
        .enumerate()
        .map(|(i, s)| {
            json!({"AddressId": format!("eip-{i}"), "AddressStatus": s, "AddressType": "EIP",
            "InternetChargeType": "BANDWIDTH_PACKAGE", "Bandwidth": 1, "Tags": null})
        })
        .collect();
    Response::json(json!({"Response": {"TotalCount": set.len(), "AddressSet": set, "RequestId": "r"}}).to_string())
}

#[tokio::test]
async fn unbound_eips_with_a_typed_filter_and_a_typed_status() {
    let server = Server::start(|_, _| addresses(&["UNBIND", "BIND"])).await;
    let vpc = TypedClient::new(loopback_client(&server));
    let request = DescribeAddressesRequest {
        filters: Some(vec![DescribeAddressesFilter::address_status([AddressStatus::Unbind])]),
        ..Default::default()
    };
    let reply = vpc.describe_addresses(&request).await.unwrap();
    let unbound: Vec<&str> = reply
        .address_set
        .iter()
        .filter(|a| a.address_status == AddressStatus::Unbind)
        .map(|a| a.address_id.as_str())
        .collect();
    assert_eq!(unbound, ["eip-0"]);
    assert_eq!(server.seen()[0].json(), json!({"Filters": [{"Name": "address-status", "Values": ["UNBIND"]}]}));
    // Any other filter, by name; filters without a value set take strings.
    let other = Filter { name: "address-name".into(), values: vec!["web".into()] };
    let by_id = DescribeAddressesFilter::address_id(["eip-1"]);
    assert_eq!((by_id.name.as_str(), by_id.values), ("address-id", vec!["eip-1".to_string()]));
    assert_eq!(DescribeAddressesFilter::tag_tag_key([String::from("k")]).name, "tag:tag-key");
    assert_eq!(other.name, "address-name");
}

#[tokio::test]
async fn a_value_outside_the_set_decodes_into_other_and_is_reported() {
    let server = Server::start(|_, _| addresses(&["MOVING"])).await;
    let client = loopback_client(&server);
    let reply = client.send_with_report(&DescribeAddressesRequest::default()).await.unwrap();
    assert_eq!(reply.response.address_set[0].address_status, AddressStatus::Other("MOVING".into()));
    let found: Vec<String> =
        reply.deviations.iter().filter(|d| d.kind == DeviationKind::UndocumentedValue).map(|d| d.to_string()).collect();
    assert_eq!(
        found,
        ["Response.AddressSet[0].AddressStatus: undocumented value: expected one of CREATING, BIND, UNBIND, BIND_ENI, found \"MOVING\""]
    );
    // An open set ("values include …") reports nothing: its list is examples.
    assert!(reply.deviations.iter().all(|d| !d.path.ends_with("InternetChargeType")));
    let strict: Client = Client::builder()
        .credentials(golden_typed::Credentials::new("AKIDEXAMPLE", "key"))
        .region("ap-guangzhou")
        .endpoint(golden_typed::Endpoint::Url(server.url()))
        .strict_decoding(true)
        .build()
        .unwrap();
    match strict.send(&DescribeAddressesRequest::default()).await {
        Err(Error::Decode { message, .. }) => {
            assert!(message.contains("Response.AddressSet[0].AddressStatus: undocumented value"), "{message}")
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn the_resource_waiter_takes_the_enum() {
    let server = Server::start(|_, n| addresses(&[if n < 2 { "BINDING" } else { "BIND" }])).await;
    let vpc = TypedClient::new(loopback_client(&server));
    let request = DescribeAddressesRequest { address_ids: Some(vec!["eip-0".into()]), ..Default::default() };
    let policy =
        WaitPolicy { initial_delay: Duration::from_millis(5), deadline: Duration::from_secs(10), ..Default::default() };
    let done = vpc.describe_addresses_until(&request, &[AddressStatus::Bind], &policy).await.unwrap();
    assert_eq!(done.address_set[0].address_status, AddressStatus::Bind);
    assert_eq!(server.seen().len(), 3);
}

#[test]
fn enums_read_write_and_carry_any_value() {
    assert_eq!(Mode::from(-1), Mode::Minus1);
    assert_eq!("5.6".parse::<Engine>(), Ok(Engine::V5_6));
    assert_eq!(Kinds::from("按量计费").as_str(), "按量计费");
    assert_eq!(StatusValue::VALUES, ["SUCCESS", "FAILED", "RUNNING"]);
    let request = CreateThingRequest {
        mode: Some(Mode::Other(7)),
        engine: Some(Engine::from("9.0")),
        kinds: Some(vec![Kinds::TagTagKey, Kinds::OtherValue, Kinds::OtherValue2]),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&request).unwrap(),
        json!({"Mode": 7, "Engine": "9.0", "Kinds": ["tag:tag-key", "other", "Other"]})
    );
    let back: CreateThingRequest = serde_json::from_value(json!({"Mode": 1, "Kinds": ["self"]})).unwrap();
    assert_eq!((back.mode, back.kinds), (Some(Mode::V1), Some(vec![Kinds::SelfValue])));
}
