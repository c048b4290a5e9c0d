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

/// [`generate_for`] taking the IR by value, so that no copy of it is made, and consuming
/// it a batch of products at a time: the whole IR and every generated file are never in
/// memory at once (at catalog scale each is a few hundred MiB). First what names every
/// product (the crate root, the features block); then for each batch the IR files, with
/// every documented structure; then, the structures no action uses dropped, the code,
/// emitted and formatted on all cores; then the batch's IR is dropped. A batch holds
/// products until it has [`BATCH_ACTIONS`] actions, enough work to keep every core busy.
pub fn generate_owned(apis: Vec<Api>, crate_name: &str) -> Result<Generated, String> {
    let mut files = BTreeMap::new();
    files.insert("src/lib.rs".to_string(), rust_file("src/lib.rs", root::crate_root(&apis, crate_name))?);
    let blocks = [("Cargo.toml".to_string(), root::features_block(&apis, crate_name))].into();
    let mut products: BTreeMap<String, Vec<Api>> = BTreeMap::new();
    for api in apis {
        products.entry(api.rust_module.clone()).or_default().push(api);
    }
    let mut batch: Vec<(String, Vec<Api>)> = Vec::new();
    let mut actions = 0;
    let count = products.len();
    for (i, (module, versions)) in products.into_iter().enumerate() {
        actions += versions.iter().map(|api| api.actions.len()).sum::<usize>();
        batch.push((module, versions));
        if actions >= BATCH_ACTIONS || i + 1 == count {
            emit_batch(std::mem::take(&mut batch), crate_name, &mut files)?;
            actions = 0;
        }
    }
    Ok(Generated { files, warnings: Vec::new(), blocks })
}

/// How many actions a batch of products holds at least (but the last): about a tenth of
/// the catalog, a few VPCs.
const BATCH_ACTIONS: usize = 800;

/// The files of a batch of products (each with its versions): the IR files; each product's
/// manifest and crate root; for each version its modules and example tests.
fn emit_batch(
    mut batch: Vec<(String, Vec<Api>)>,
    crate_name: &str,
    files: &mut BTreeMap<String, String>,
) -> Result<(), String> {
    let all: Vec<&Api> = batch.iter().flat_map(|(_, versions)| versions).collect();
    files.extend(crate::parallel::map(&all, |api| {
        (format!("ir/{}-{}.json", api.product, api.version), ir::to_json(api))
    }));
    for api in batch.iter_mut().flat_map(|(_, versions)| versions) {
        api.retain_used_structures();
    }
    let all_enums: Vec<Vec<Enums>> =
        batch.iter().map(|(_, versions)| versions.iter().map(Enums::of).collect()).collect();
    let mut jobs: Vec<(String, Job)> = Vec::new();
    for ((module, versions), enums) in batch.iter().zip(&all_enums) {
        let product = format!("products/{module}");
        let refs: Vec<&Api> = versions.iter().collect();
        files.insert(format!("{product}/Cargo.toml"), root::product_manifest(crate_name, &refs));
        jobs.push((format!("{product}/src/lib.rs"), Job::Product(refs, crate_name)));
        for (api, enums) in versions.iter().zip(enums) {
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
    }
    let texts = crate::parallel::map(&jobs, |(path, job)| rust_file(path, job.tokens()));
    for ((path, _), text) in jobs.iter().zip(texts) {
        files.insert(path.clone(), text?);
    }
    Ok(())
}
