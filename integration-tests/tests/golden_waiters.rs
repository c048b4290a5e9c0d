//! The generated waiter (`describe_task_result_until_done`) and the runtime's `wait_until`
//! against a real HTTP server on loopback whose task runs for a while.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use golden_demo::demo::v20200101::{
    Client as DemoClient, DescribeMachinesRequest, DescribeTaskResultError, DescribeTaskResultRequest, MachineState,
};
use golden_demo::{Error, WaitError, WaitPolicy};
use integration_tests::loopback_client;
use serde_json::json;
use test_support::http::{Response, Server};
use test_support::tc3::{self, api_error};

fn demo_client(server: &Server) -> DemoClient {
    DemoClient::new(loopback_client(server))
}

fn task(status: &str, n: usize) -> Response {
    Response::json(json!({"Response": {"Status": status, "Output": format!("poll {n}"), "RequestId": "r"}}).to_string())
}

fn quick() -> WaitPolicy {
    WaitPolicy {
        initial_delay: Duration::from_millis(10),
        multiplier: 2.0,
        max_delay: Duration::from_millis(40),
        deadline: Duration::from_secs(10),
    }
}

fn request() -> DescribeTaskResultRequest {
    DescribeTaskResultRequest { task_id: "task-1".into() }
}

#[tokio::test]
async fn a_task_that_runs_for_three_polls_then_succeeds() {
    let server = Server::start(|_, n| task(if n < 3 { "RUNNING" } else { "SUCCESS" }, n)).await;
    let demo = demo_client(&server);
    let (request, policy) = (request(), quick());
    let done = demo.describe_task_result_until_done(&request, &policy).await.unwrap();
    assert_eq!((done.status.as_str(), done.output.as_str()), ("SUCCESS", "poll 3"));
    assert_eq!(server.seen().len(), 4);
    assert!(server.seen().iter().all(|s| s.json() == json!({"TaskId": "task-1"}) && tc3::check(s).is_ok()));
}

#[tokio::test]
async fn a_task_that_fails_ends_the_wait_with_its_last_reply() {
    let server = Server::start(|_, n| task(if n < 2 { "RUNNING" } else { "FAILED" }, n)).await;
    let demo = demo_client(&server);
    let (request, policy) = (request(), quick());
    match demo.describe_task_result_until_done(&request, &policy).await {
        Err(WaitError::Failed { reason, last }) => {
            assert_eq!(reason, "Status is FAILED");
            assert_eq!(last.output, "poll 2");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn values_the_page_does_not_list_are_waited_through() {
    // `paused` is not documented; `success` in another case is.
    let server = Server::start(|_, n| task(if n < 2 { "PAUSED" } else { "success" }, n)).await;
    let demo = demo_client(&server);
    let (request, policy) = (request(), quick());
    let done = demo.describe_task_result_until_done(&request, &policy).await.unwrap();
    assert_eq!(done.output, "poll 2");
}

#[tokio::test]
async fn the_deadline_ends_a_wait_that_never_finishes() {
    let server = Server::start(|_, n| task("RUNNING", n)).await;
    let demo = demo_client(&server);
    let policy = WaitPolicy { deadline: Duration::from_millis(150), ..quick() };
    let request = request();
    let start = Instant::now();
    match demo.describe_task_result_until_done(&request, &policy).await {
        Err(WaitError::TimedOut { waited, last: Some(last) }) => {
            assert!(waited >= Duration::from_millis(150), "{waited:?}");
            assert_eq!(last.status, "RUNNING");
        }
        other => panic!("{other:?}"),
    }
    assert!(start.elapsed() < Duration::from_secs(5));
    assert!(server.seen().len() >= 3, "polled several times");
}

#[tokio::test]
async fn delays_grow_by_the_multiplier_up_to_the_maximum() {
    let times = Arc::new(Mutex::new(Vec::new()));
    let t = times.clone();
    let server = Server::start(move |_, n| {
        t.lock().unwrap().push(Instant::now());
        task(if n < 5 { "RUNNING" } else { "SUCCESS" }, n)
    })
    .await;
    let demo = demo_client(&server);
    let (request, policy) = (request(), quick());
    demo.describe_task_result_until_done(&request, &policy).await.unwrap();
    let times = times.lock().unwrap();
    let gaps: Vec<Duration> = times.windows(2).map(|w| w[1] - w[0]).collect();
    // 10, 20, 40, then capped at 40 ms (lower bounds: a loaded machine only adds).
    for (gap, at_least) in gaps.iter().zip([10, 20, 40, 40, 40]) {
        assert!(*gap >= Duration::from_millis(at_least), "{gaps:?}");
    }
}

#[tokio::test]
async fn dropping_the_wait_cancels_it() {
    let server = Server::start(|_, n| task("RUNNING", n)).await;
    let demo = demo_client(&server);
    let (request, policy) = (request(), quick());
    let wait = demo.describe_task_result_until_done(&request, &policy);
    assert!(tokio::time::timeout(Duration::from_millis(100), wait).await.is_err());
    let polls = server.seen().len();
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(server.seen().len(), polls, "no poll after the wait was dropped");
}

#[tokio::test]
async fn a_failed_poll_ends_the_wait() {
    let server = Server::start(|_, _| Response::json(api_error("InvalidParameter", "no such task"))).await;
    let demo = demo_client(&server);
    let (request, policy) = (request(), quick());
    match demo.describe_task_result_until_done(&request, &policy).await {
        Err(WaitError::Poll(Error::Api { code: DescribeTaskResultError::InvalidParameter, .. })) => {}
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn wait_until_polls_anything() {
    // The generic waiter, with a poll and a test of its own: here a counter.
    let count = Arc::new(Mutex::new(0));
    let c = count.clone();
    let poll = move || {
        let c = c.clone();
        async move {
            let mut n = c.lock().unwrap();
            *n += 1;
            Ok::<u32, Error<golden_demo::AnyCode>>(*n)
        }
    };
    let decide = |n: &u32| if *n >= 3 { golden_demo::WaitState::Done } else { golden_demo::WaitState::Pending };
    assert_eq!(golden_demo::wait_until(poll, decide, &quick()).await.unwrap(), 3);
}

/// `DescribeMachines` as a server answers it: the machines' states for this poll.
fn machines(states: &[&str]) -> Response {
    let set: Vec<serde_json::Value> =
        states.iter().enumerate().map(|(i, s)| json!({"MachineId": format!("m-{i}"), "MachineState": s})).collect();
    Response::json(json!({"Response": {"MachineSet": set, "RequestId": "r"}}).to_string())
}

fn machines_request() -> DescribeMachinesRequest {
    DescribeMachinesRequest { machine_ids: vec!["m-0".into(), "m-1".into()] }
}

#[tokio::test]
async fn resources_are_waited_for_until_every_one_is_in_the_state_asked_for() {
    // Not listed yet, then one still pending, then both running.
    let server = Server::start(|_, n| match n {
        0 => machines(&[]),
        1 | 2 => machines(&["RUNNING", "PENDING"]),
        _ => machines(&["RUNNING", "running"]),
    })
    .await;
    let demo = demo_client(&server);
    let (request, policy) = (machines_request(), quick());
    let reply = demo.describe_machines_until(&request, &[MachineState::Running], &policy).await.unwrap();
    assert_eq!(reply.machine_set.len(), 2);
    assert_eq!(server.seen().len(), 4);
    assert!(server.seen().iter().all(|s| s.json() == json!({"MachineIds": ["m-0", "m-1"]})));

    // Waiting for a stop: RUNNING is under way then.
    let server = Server::start(|_, n| machines(if n < 2 { &["RUNNING"] } else { &["STOPPED"] })).await;
    let demo = demo_client(&server);
    let reply = demo.describe_machines_until(&request, &[MachineState::Stopped], &policy).await.unwrap();
    assert_eq!(reply.machine_set[0].machine_state, "STOPPED");
}

#[tokio::test]
async fn a_resource_in_a_failed_state_ends_the_wait() {
    let server =
        Server::start(|_, n| machines(if n < 2 { &["PENDING", "PENDING"] } else { &["RUNNING", "LAUNCH_FAILED"] }))
            .await;
    let demo = demo_client(&server);
    let (request, policy) = (machines_request(), quick());
    match demo.describe_machines_until(&request, &[MachineState::Running], &policy).await {
        Err(WaitError::Failed { reason, last }) => {
            assert_eq!(reason, "MachineState is LAUNCH_FAILED");
            assert_eq!(last.machine_set[1].machine_id, "m-1");
        }
        other => panic!("{other:?}"),
    }
}
