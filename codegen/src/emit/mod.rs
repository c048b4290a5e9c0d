//! Emitters: IR → token streams, one module per kind of output file, all printed by
//! [`crate::format`]. The generated tree (under the output folder):
//!
//! - `src/lib.rs`: the root of the crate users depend on (re-exports the hand-written
//!   runtime crate and the products), and a block of its `Cargo.toml` (its features and
//!   the product crates);
//! - `products/<product>/Cargo.toml` and `products/<product>/src/lib.rs`: a crate per
//!   product (each builds on its own, in parallel with the others);
//! - `products/<product>/src/<vYYYYMMDD>/mod.rs`: a module per API version;
//! - `…/<vYYYYMMDD>/<action>.rs`: request, response, error enum, validation;
//! - `…/<vYYYYMMDD>/types.rs`: the structures of the Data Types page;
//! - `…/<vYYYYMMDD>/enums.rs`: an enum per documented value set;
//! - `…/<vYYYYMMDD>/error_code.rs`: the product-wide `ErrorCode`;
//! - `…/<vYYYYMMDD>/client.rs`: the product's `Client` (feature `client`);
//! - `products/<product>/tests/<vYYYYMMDD>_examples.rs`: a test per documented example;
//! - `ir/<product>-<version>.json`: the IR, for review.

mod action;
mod client;
mod enums;
mod error_code;
mod examples;
mod fields;
mod filters;
mod limits;
mod root;
mod rustdoc;
mod stream;
mod tokens;
mod types;

use std::collections::BTreeMap;

use proc_macro2::TokenStream;

use crate::format::rust_file;
use crate::generated::Generated;
use crate::ir::{self, Api};
use enums::Enums;
// The names `root.rs` takes from here (`super::{docs, ident}`).
use rustdoc::docs;
use tokens::ident;

/// One Rust file to emit: which emitter, and for what.
enum Job<'a> {
    CrateRoot(&'a [Api], &'a str),
    Product(Vec<&'a Api>, &'a str),
    Version(&'a Api, &'a Enums<'a>),
    Action(&'a Api, &'a Enums<'a>, &'a ir::Action),
    Types(&'a Api, &'a Enums<'a>),
    Enums(&'a Enums<'a>),
    Client(&'a Api, &'a Enums<'a>),
    ErrorCode(&'a Api),
    Examples(&'a Api, String),
}

impl Job<'_> {
    fn tokens(&self) -> TokenStream {
        match self {
            Job::CrateRoot(apis, crate_name) => root::crate_root(apis, crate_name),
            Job::Product(versions, crate_name) => root::product_root(versions, crate_name),
            Job::Version(api, enums) => root::version_module(api, enums),
            Job::Action(api, enums, action) => action::action_file(api, enums, action),
            Job::Types(api, enums) => types::types_file(api, enums),
            Job::Enums(enums) => enums.file(),
            Job::Client(api, enums) => client::client_file(api, enums),
            Job::ErrorCode(api) => error_code::error_code_file(api),
            Job::Examples(api, product_lib) => examples::tests_file(api, product_lib),
        }
    }
}

/// Emits every file for these product versions, for a crate named `tencentcloud_api`.
pub fn generate(apis: &[Api]) -> Result<Generated, String> {
    generate_for(apis, crate::generated::DEFAULT_CRATE_NAME)
}

/// Emits every file for these product versions, for a crate whose library is named
/// `crate_name` (the generated tests use the crate from outside). Files are emitted and
/// formatted on all cores; the result does not depend on it.
pub fn generate_for(all: &[Api], crate_name: &str) -> Result<Generated, String> {
    generate_owned(all.to_vec(), crate_name)
}

/// [`generate_for`] taking the IR by value, so that no copy of it is made (at catalog
/// scale the IR is a large part of regen's memory): the IR files are written first, with
/// every documented structure; then the structures no action uses are dropped, and the
/// code is emitted for the rest.
pub fn generate_owned(mut apis: Vec<Api>, crate_name: &str) -> Result<Generated, String> {
    let ir_files: Vec<(String, String)> =
        crate::parallel::map(&apis, |api| (format!("ir/{}-{}.json", api.product, api.version), ir::to_json(api)));
    for api in &mut apis {
        api.retain_used_structures();
    }
    let apis = &apis[..];
    let mut jobs: Vec<(String, Job)> = vec![("src/lib.rs".to_string(), Job::CrateRoot(apis, crate_name))];
    let mut products: BTreeMap<&str, Vec<&Api>> = BTreeMap::new();
    for api in apis {
        products.entry(api.rust_module.as_str()).or_default().push(api);
    }
    let mut files = BTreeMap::new();
    for (module, versions) in products {
        files.insert(format!("products/{module}/Cargo.toml"), root::product_manifest(crate_name, &versions));
        jobs.push((format!("products/{module}/src/lib.rs"), Job::Product(versions, crate_name)));
    }
    let all_enums: Vec<Enums> = apis.iter().map(Enums::of).collect();
    for (api, enums) in apis.iter().zip(&all_enums) {
        let product = format!("products/{}", api.rust_module);
        let dir = format!("{product}/src/{}", api.rust_version_module);
        jobs.push((format!("{dir}/mod.rs"), Job::Version(api, enums)));
        for action in api.actions.values() {
            jobs.push((format!("{dir}/{}.rs", action.rust.module), Job::Action(api, enums, action)));
        }
        if !api.data_types.is_empty() {
            jobs.push((format!("{dir}/types.rs"), Job::Types(api, enums)));
        }
        if !enums.is_empty() {
            jobs.push((format!("{dir}/enums.rs"), Job::Enums(enums)));
        }
        jobs.push((format!("{dir}/error_code.rs"), Job::ErrorCode(api)));
        jobs.push((format!("{dir}/client.rs"), Job::Client(api, enums)));
        jobs.push((
            format!("{product}/tests/{}_examples.rs", api.rust_version_module),
            Job::Examples(api, root::product_lib(crate_name, &api.rust_module)),
        ));
    }
    for (path, text) in jobs
        .iter()
        .map(|(p, _)| p.clone())
        .zip(crate::parallel::map(&jobs, |(path, job)| rust_file(path, job.tokens())))
    {
        files.insert(path, text?);
    }
    files.extend(ir_files);
    let blocks = [("Cargo.toml".to_string(), root::features_block(apis, crate_name))].into();
    Ok(Generated { files, warnings: Vec::new(), blocks })
}
