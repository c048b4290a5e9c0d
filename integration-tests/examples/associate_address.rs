//! Binds an EIP: `cargo run -p tencentcloud-api --example associate_address -- --endpoint URL
//! --region REGION --address-id ID [--instance-id ID]`. Credentials come from the default
//! chain (`TENCENTCLOUD_SECRET_ID`/`TENCENTCLOUD_SECRET_KEY`, the profile file, then the CVM
//! instance role).

use std::process::ExitCode;

use clap::Parser;
use tencentcloud_api::vpc::v20170312::{AssociateAddressRequest, Client as VpcClient};
use tencentcloud_api::{ApiError, Client, Endpoint, Error};

#[derive(Debug, Parser)]
struct Args {
    /// Base URL of the API (default: https://vpc.tencentcloudapi.com).
    #[arg(long)]
    endpoint: Option<String>,
    /// Region, such as ap-guangzhou.
    #[arg(long)]
    region: String,
    /// The EIP to bind, such as eip-11112222.
    #[arg(long)]
    address_id: String,
    /// The instance to bind it to, such as ins-11112222.
    #[arg(long)]
    instance_id: Option<String>,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    let endpoint = args.endpoint.map_or(Endpoint::Default, Endpoint::Url);
    let client = match Client::builder().region(args.region).endpoint(endpoint).build() {
        Ok(client) => VpcClient::new(client),
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let request =
        AssociateAddressRequest { address_id: args.address_id, instance_id: args.instance_id, ..Default::default() };
    match client.associate_address(&request).await {
        Ok(response) => {
            println!("TaskId: {}", response.task_id);
            println!("RequestId: {}", response.request_id);
            ExitCode::SUCCESS
        }
        Err(Error::Api { code, message, request_id }) => {
            eprintln!("error code: {}", code.code());
            eprintln!("message: {message}");
            eprintln!("request id: {request_id}");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
