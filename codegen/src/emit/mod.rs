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
//! - `…/<vYYYYMMDD>/error_code.rs`: the product-wide `ErrorCode`;
//! - `…/<vYYYYMMDD>/client.rs`: the product's `Client` (feature `client`);
//! - `products/<product>/tests/<vYYYYMMDD>_examples.rs`: a test per documented example;
//! - `ir/<product>-<version>.json`: the IR, for review.

mod action;
mod client;
mod error_code;
mod examples;
mod root;
mod types;

use std::collections::BTreeMap;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

use crate::format::rust_file;
use crate::ir::{self, Api, Type};
use crate::Generated;

/// One Rust file to emit: which emitter, and for what.
enum Job<'a> {
    CrateRoot(&'a [Api], &'a str),
    Product(Vec<&'a Api>, &'a str),
    Version(&'a Api),
    Action(&'a Api, &'a ir::Action),
    Types(&'a Api),
    Client(&'a Api),
    ErrorCode(&'a Api),
    Examples(&'a Api, String),
}

impl Job<'_> {
    fn tokens(&self) -> TokenStream {
        match self {
            Job::CrateRoot(apis, crate_name) => root::crate_root(apis, crate_name),
            Job::Product(versions, crate_name) => root::product_root(versions, crate_name),
            Job::Version(api) => root::version_module(api),
            Job::Action(api, action) => action::action_file(api, action),
            Job::Types(api) => types::types_file(api),
            Job::Client(api) => client::client_file(api),
            Job::ErrorCode(api) => error_code::error_code_file(api),
            Job::Examples(api, product_lib) => examples::tests_file(api, product_lib),
        }
    }
}

/// Emits every file for these product versions, for a crate named `tencentcloud_api`.
pub fn generate(apis: &[Api]) -> Result<Generated, String> {
    generate_for(apis, crate::DEFAULT_CRATE_NAME)
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
        crate::lower::retain_used_structures(api);
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
    for api in apis {
        let product = format!("products/{}", api.rust_module);
        let dir = format!("{product}/src/{}", api.rust_version_module);
        jobs.push((format!("{dir}/mod.rs"), Job::Version(api)));
        for action in api.actions.values() {
            jobs.push((format!("{dir}/{}.rs", action.rust.module), Job::Action(api, action)));
        }
        if !api.data_types.is_empty() {
            jobs.push((format!("{dir}/types.rs"), Job::Types(api)));
        }
        jobs.push((format!("{dir}/error_code.rs"), Job::ErrorCode(api)));
        jobs.push((format!("{dir}/client.rs"), Job::Client(api)));
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

/// An identifier; raw (`r#…`) never: names were made safe by `lower::naming`. Should a
/// name still not be an ASCII identifier, it is mended rather than panicked on.
pub(crate) fn ident(name: &str) -> Ident {
    let valid = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_";
    if valid {
        return Ident::new(name, Span::call_site());
    }
    let mut mended: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    if !mended.starts_with(|c: char| c.is_ascii_alphabetic()) {
        mended.insert(0, 'X');
    }
    Ident::new(&mended, Span::call_site())
}

/// A `#[doc = "…"]` attribute per line of a description, made safe for rustdoc: list
/// bullets become Markdown items, `<`, `>`, `[`, `]` are escaped, bare URLs are wrapped.
pub(crate) fn docs(text: &str) -> TokenStream {
    // A line after a list item that is not an item itself starts a new paragraph (Markdown
    // would read it as the item's lazy continuation): a blank line goes between.
    let mut lines: Vec<String> = Vec::new();
    let mut after_item = false;
    for line in text.lines().map(doc_line) {
        let item = is_list_item(&line);
        if after_item && !item && !line.is_empty() {
            lines.push(String::new());
        }
        after_item = item;
        lines.push(line);
    }
    let lines = lines.iter().map(|l| if l.is_empty() { String::new() } else { format!(" {l}") });
    quote! { #( #[doc = #lines] )* }
}

/// Like [`docs`], followed by an empty line and more (already Markdown) lines.
pub(crate) fn docs_then(text: &str, more: &[String]) -> TokenStream {
    let first = docs(text);
    let sep = (!text.is_empty() && !more.is_empty()).then(|| quote! { #[doc = ""] });
    let more = more.iter().map(|l| format!(" {l}"));
    quote! { #first #sep #( #[doc = #more] )* }
}

/// Whether a Markdown line is a list item: `- a`, `* a`, `+ a`, `1. a`, `1) a`.
fn is_list_item(line: &str) -> bool {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &line[digits..];
    if digits > 0 {
        rest.starts_with(". ") || rest.starts_with(") ")
    } else {
        ["- ", "* ", "+ "].iter().any(|p| line.starts_with(p))
    }
}

pub(crate) fn doc_line(line: &str) -> String {
    let line = line.trim();
    let (prefix, body) = match line.strip_prefix('•') {
        Some(rest) => ("- ", rest.trim()),
        None => ("", line),
    };
    let mut out = String::with_capacity(body.len() + 8);
    out.push_str(prefix);
    let mut rest = body;
    while !rest.is_empty() {
        let url_at = ["https://", "http://"].iter().filter_map(|p| rest.find(p)).min();
        let (plain, url) = match url_at {
            Some(at) => {
                let end = rest[at..]
                    .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | ')' | '）' | '，' | '。'))
                    .map_or(rest.len(), |e| at + e);
                (&rest[..at], Some(&rest[at..end]))
            }
            None => (rest, None),
        };
        for c in plain.chars() {
            match c {
                '<' | '>' | '[' | ']' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
        if let Some(url) = url {
            out.push('<');
            out.push_str(url.trim_end_matches(['.', ',']));
            out.push('>');
            let consumed = plain.len() + url.len();
            // Put back the trailing punctuation trimmed from the URL.
            out.push_str(&url[url.trim_end_matches(['.', ',']).len()..]);
            rest = &rest[consumed..];
        } else {
            rest = "";
        }
    }
    out
}

/// A string as a raw string literal (`r#"…"#`), with as many `#` as it needs.
pub(crate) fn raw_str(s: &str) -> Literal {
    let mut hashes = 1;
    while s.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let h = "#".repeat(hashes);
    format!("r{h}\"{s}\"{h}").parse().unwrap_or_else(|_| Literal::string(s))
}

/// The Rust type of a resolved type. `boxed` wraps a structure in `Box` (recursion).
pub(crate) fn rust_type(api: &Api, ty: &Type) -> TokenStream {
    match ty {
        Type::String | Type::Timestamp | Type::Date => quote! { String },
        Type::Integer => quote! { i64 },
        Type::Float => quote! { f64 },
        Type::Boolean => quote! { bool },
        Type::Array(inner) => {
            let inner = rust_type(api, inner);
            quote! { Vec<#inner> }
        }
        Type::Struct(name) => {
            let rust = api.data_types.get(name).map_or(name.as_str(), |d| d.rust_name.as_str());
            let id = ident(rust);
            quote! { super::#id }
        }
        Type::Json => quote! { serde_json::Value },
    }
}

/// The fields of a request, response or structure.
pub(crate) fn fields(api: &Api, params: &[ir::Param], boxed: &dyn Fn(&ir::Param) -> bool) -> TokenStream {
    let fields = params.iter().map(|p| {
        let ir::Param { name, rust_name, required, doc_type, ty, nullable: _, description, example_value } = p;
        let id = ident(rust_name);
        let mut ty_tokens = rust_type(api, ty);
        if boxed(p) {
            ty_tokens = quote! { Box<#ty_tokens> };
        }
        let mut notes =
            vec![format!("Wire name `{name}`, type `{doc_type}`{}.", if *required { ", required" } else { "" })];
        if ty.has_json() {
            notes.push("No structure of that name is documented: kept as JSON (`serde_json::Value`).".to_string());
        }
        if let Some(v) = example_value {
            notes.push(format!("Example value: `{}`.", v.replace('`', "'")));
        }
        let doc = docs_then(description, &notes);
        if *required {
            quote! {
                #doc
                pub #id: #ty_tokens,
            }
        } else {
            quote! {
                #doc
                pub #id: Option<#ty_tokens>,
            }
        }
    });
    quote! { #(#fields)* }
}

/// `impl Wire` (the JSON form: one line per field, reading and writing through shared
/// runtime code) and `Serialize` / `Deserialize` through it, for a request, response or
/// structure. Much cheaper to compile than serde's derives (see the runtime's `wire`).
pub(crate) fn wire_impl(id: &Ident, params: &[ir::Param]) -> TokenStream {
    let (to, from) = if params.is_empty() {
        (
            quote! { crate::wire::Object::new().finish() },
            quote! {
                crate::wire::Fields::of(value)?;
                Ok(Self {})
            },
        )
    } else {
        let ids: Vec<Ident> = params.iter().map(|p| ident(&p.rust_name)).collect();
        let names = params.iter().map(|p| &p.name);
        let puts = ids.iter().zip(names.clone()).map(|(id, name)| quote! { object.put(#name, &self.#id); });
        let gets = ids.iter().zip(names).map(|(id, name)| quote! { #id: fields.get(#name)?, });
        (
            quote! {
                let mut object = crate::wire::Object::new();
                #(#puts)*
                object.finish()
            },
            quote! {
                let fields = crate::wire::Fields::of(value)?;
                Ok(Self { #(#gets)* })
            },
        )
    };
    quote! {
        impl crate::Wire for #id {
            #[inline]
            fn to_wire(&self) -> serde_json::Value {
                #to
            }

            #[inline]
            fn from_wire(value: &serde_json::Value) -> Result<Self, crate::WireError> {
                #from
            }
        }

        crate::wire::serde_by_wire!(#id);
    }
}

/// `impl Documented` for a response or structure: its documented fields and their shapes,
/// which the runtime's lenient decoding brings a reply to.
pub(crate) fn documented_impl(api: &Api, id: &Ident, params: &[ir::Param]) -> TokenStream {
    let fields = params.iter().map(|p| {
        let name = &p.name;
        let shape = shape(api, &p.ty);
        let optional = !p.required;
        quote! { crate::Field::new(#name, #shape, #optional) }
    });
    quote! {
        impl crate::Documented for #id {
            #[inline]
            fn fields() -> &'static [crate::Field] {
                const FIELDS: &[crate::Field] = &[#(#fields),*];
                FIELDS
            }
        }
    }
}

/// The runtime's `Shape` of a resolved type.
fn shape(api: &Api, ty: &Type) -> TokenStream {
    match ty {
        Type::String | Type::Timestamp | Type::Date => quote! { crate::Shape::String },
        Type::Integer => quote! { crate::Shape::Integer },
        Type::Float => quote! { crate::Shape::Float },
        Type::Boolean => quote! { crate::Shape::Boolean },
        Type::Json => quote! { crate::Shape::Any },
        Type::Array(inner) => {
            let inner = shape(api, inner);
            quote! { crate::Shape::List(&#inner) }
        }
        Type::Struct(_) => {
            let rust = rust_type(api, ty);
            quote! { crate::Shape::Object(<#rust as crate::Documented>::fields) }
        }
    }
}

/// The pattern matching a documented error code in `from_code`: the code itself, and for a
/// code the page prints with a trailing dot (`UnsupportedOperation.`), the code without it
/// too, when the product documents no such code (a server may send either).
pub(crate) fn code_pattern(code: &str, documented: &BTreeMap<String, crate::ir::ErrorCodeInfo>) -> TokenStream {
    match code.strip_suffix('.') {
        Some(bare) if !bare.is_empty() && !documented.contains_key(bare) => quote! { #code | #bare },
        _ => quote! { #code },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_lines_are_safe_markdown() {
        assert_eq!(doc_line("• Only EIP in the UNBIND status"), "- Only EIP in the UNBIND status");
        assert_eq!(doc_line("<Common request parameters> [x]"), "\\<Common request parameters\\> \\[x\\]");
        assert_eq!(doc_line("See https://cloud.tencent.com/a."), "See <https://cloud.tencent.com/a>.");
        assert_eq!(doc_line("a_b *c* `d`"), "a_b *c* `d`");
    }

    #[test]
    fn a_line_after_a_list_is_a_new_paragraph() {
        let text = docs("Intro\n• one\n• two\nAfter the list\n1. first\nafter\n\n- x\n\ny").to_string();
        let lines: Vec<&str> = text.split("# [doc = ").skip(1).map(|l| l.trim().trim_end_matches(']').trim()).collect();
        assert_eq!(
            lines,
            [
                "\" Intro\"",
                "\" - one\"",
                "\" - two\"",
                "\"\"",
                "\" After the list\"",
                "\" 1. first\"",
                "\"\"",
                "\" after\"",
                "\"\"",
                "\" - x\"",
                "\"\"",
                "\" y\""
            ]
        );
        assert!(is_list_item("12) a") && !is_list_item("12 a") && !is_list_item("-a"));
    }

    #[test]
    fn raw_strings_get_enough_hashes() {
        assert_eq!(raw_str("{\"a\": 1}").to_string(), "r#\"{\"a\": 1}\"#");
        assert_eq!(raw_str("\"#").to_string(), "r##\"\"#\"##");
    }
}
