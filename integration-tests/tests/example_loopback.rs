//! The `associate_address` example (`examples/associate_address.rs`), run as a user would,
//! against the loopback server.

use std::path::PathBuf;
use std::process::{Command, Output};

use test_support::http::{Response, Server};
use test_support::metadata::MetadataServer;
use test_support::tc3::{self, api_error, SECRET_ID, SECRET_KEY};

/// `target/<profile>/examples/associate_address`, which `cargo test` builds.
fn example() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let profile_dir = exe.parent().and_then(|deps| deps.parent()).unwrap();
    profile_dir.join("examples").join(format!("associate_address{}", std::env::consts::EXE_SUFFIX))
}

/// Where the credentials come from.
#[derive(Clone)]
enum From {
    /// `TENCENTCLOUD_SECRET_ID` / `TENCENTCLOUD_SECRET_KEY`, and no profile file.
    Environment,
    /// No variables; `~/.tencentcloud/credentials` with the profile `TENCENTCLOUD_PROFILE`.
    ProfileFile,
    /// Neither: the CVM role, from the metadata service at this URL
    /// (`TENCENTCLOUD_METADATA_ENDPOINT`).
    CvmRole(String),
}

/// Runs the example in a blocking task (the server keeps answering meanwhile).
async fn run(url: String, extra: &'static [&'static str], from: From) -> Output {
    tokio::task::spawn_blocking(move || {
        static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let home = std::env::temp_dir().join(format!("example-home-{}-{run}", std::process::id()));
        let _ = std::fs::remove_dir_all(&home);
        std::fs::create_dir_all(home.join(".tencentcloud")).unwrap();
        let mut command = Command::new(example());
        command
            .args(["--endpoint", &url, "--region", "ap-guangzhou", "--address-id", "eip-11112222"])
            .args(extra)
            .env_remove("TENCENTCLOUD_SECRET_ID")
            .env_remove("TENCENTCLOUD_SECRET_KEY")
            .env_remove("TENCENTCLOUD_SESSION_TOKEN")
            .env_remove("TENCENTCLOUD_PROFILE")
            .env_remove("TENCENTCLOUD_CREDENTIALS_FILE")
            .env_remove("TENCENTCLOUD_METADATA_ENDPOINT")
            .env("HOME", &home);
        match &from {
            From::Environment => {
                command.env("TENCENTCLOUD_SECRET_ID", SECRET_ID).env("TENCENTCLOUD_SECRET_KEY", SECRET_KEY);
            }
            From::ProfileFile => {
                let file = format!("[default]\nsecret_id = wrong\nsecret_key = wrong\n\n[loopback]\nsecret_id = {SECRET_ID}\nsecret_key = {SECRET_KEY}\n");
                std::fs::write(home.join(".tencentcloud/credentials"), file).unwrap();
                command.env("TENCENTCLOUD_PROFILE", "loopback");
            }
            From::CvmRole(metadata) => {
                command.env("TENCENTCLOUD_METADATA_ENDPOINT", metadata);
            }
        }
        let output = command.output().unwrap();
        let _ = std::fs::remove_dir_all(&home);
        output
    })
    .await
    .unwrap()
}

fn built() -> bool {
    let exists = example().exists();
    if !exists {
        eprintln!("notice: {} is not built (`cargo test` builds it); test skipped", example().display());
    }
    exists
}

#[tokio::test]
async fn prints_the_task_id() {
    if !built() {
        return;
    }
    let server =
        Server::scripted(vec![Response::json(r#"{"Response": {"TaskId": "50121411", "RequestId": "req-1"}}"#)]).await;
    let output = run(server.url(), &["--instance-id", "ins-1"], From::Environment).await;
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8_lossy(&output.stdout), "TaskId: 50121411\nRequestId: req-1\n");
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(tc3::check(&seen[0]), Ok(()));
    let body: serde_json::Value = serde_json::from_slice(&seen[0].body).unwrap();
    assert_eq!(body, serde_json::json!({"AddressId": "eip-11112222", "InstanceId": "ins-1"}));
}

#[tokio::test]
async fn prints_the_error_code_message_and_request_id() {
    if !built() {
        return;
    }
    let server =
        Server::scripted(vec![Response::json(api_error("InvalidAddressId.NotFound", "The EIP does not exist"))]).await;
    let output = run(server.url(), &[], From::Environment).await;
    assert!(!output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error code: InvalidAddressId.NotFound\nmessage: The EIP does not exist\nrequest id: req-InvalidAddressId.NotFound\n"
    );
}

#[tokio::test]
async fn reads_credentials_from_the_profile_file() {
    if !built() {
        return;
    }
    let server = Server::scripted(vec![Response::json(r#"{"Response": {"TaskId": "7", "RequestId": "req-2"}}"#)]).await;
    let output = run(server.url(), &["--instance-id", "ins-2", "--"], From::ProfileFile).await;
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(tc3::check(&server.seen()[0]), Ok(()), "signed with the `loopback` profile's key");
}

/// No environment credentials and no profile file, but a metadata service: the example
/// signs with the CVM role's temporary key and sends its token (the default chain).
#[tokio::test]
async fn uses_the_cvm_role_when_nothing_else_is_configured() {
    if !built() {
        return;
    }
    let metadata = MetadataServer::start(std::time::Duration::from_secs(3600)).await;
    let server = Server::scripted(vec![Response::json(r#"{"Response": {"TaskId": "9", "RequestId": "req-3"}}"#)]).await;
    let output = run(server.url(), &["--instance-id", "ins-3"], From::CvmRole(metadata.url())).await;
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let seen = server.seen();
    assert_eq!(tc3::check(&seen[0]), Ok(()), "signed with the role's temporary key");
    assert_eq!(seen[0].header("X-TC-Token"), Some("role-token-1"));
    assert_eq!(metadata.fetches(), 1);
}
