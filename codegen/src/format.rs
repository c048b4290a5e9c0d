//! The one formatter: token streams are parsed with syn and printed with prettyplease,
//! behind the generated-file header.

use proc_macro2::TokenStream;

use crate::generated::GENERATED_HEADER;

/// Formats a Rust file. Emitters only produce valid Rust, so a parse failure is a bug in
/// an emitter: it is returned as a message naming the file, never a panic.
pub fn rust_file(path: &str, tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens).map_err(|e| format!("generated code for {path} does not parse: {e}"))?;
    let body = separate_items(&prettyplease::unparse(&file));
    Ok(format!("{GENERATED_HEADER}\n\n{body}"))
}

/// Puts a blank line between top-level items (prettyplease leaves none), so that a
/// reviewer reads one item at a time.
fn separate_items(code: &str) -> String {
    #[derive(PartialEq)]
    enum Prev {
        Start,
        InnerAttr,
        Use,
        ClosedItem,
        Other,
    }
    let mut out = String::with_capacity(code.len() + code.len() / 20);
    let mut prev = Prev::Start;
    let mut closed_member = false;
    for line in code.lines() {
        // Members of an impl or trait (indented once) are separated too.
        let member = line.starts_with("    ") && !line.starts_with("     ") && line.len() > 4;
        if closed_member && member && !line.trim_start().starts_with('}') {
            out.push('\n');
        }
        closed_member = line == "    }";
        let top_level = !line.is_empty() && !line.starts_with(char::is_whitespace);
        if top_level {
            let is_use = line.starts_with("use ") || line.starts_with("pub use ");
            let is_inner = line.starts_with("#![") || line.starts_with("//!");
            let blank = match prev {
                Prev::InnerAttr => !is_inner,
                Prev::Use => !is_use,
                Prev::ClosedItem => true,
                Prev::Start | Prev::Other => false,
            };
            if blank {
                out.push('\n');
            }
            // A doc comment belongs to the item below it, whatever it ends with.
            let is_doc = line.starts_with("//") && !is_inner;
            prev = if is_inner {
                Prev::InnerAttr
            } else if is_doc {
                Prev::Other
            } else if is_use && line.ends_with(';') {
                Prev::Use
            } else if line.starts_with('}') || line.ends_with(';') || line.ends_with("{}") {
                Prev::ClosedItem
            } else {
                Prev::Other
            };
        } else if !line.is_empty() && prev != Prev::Other {
            prev = Prev::Other;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn a_doc_line_ending_with_a_semicolon_keeps_to_its_item() {
        let out = rust_file("x.rs", quote! { #[doc = " a;"] #[doc = " b"] pub struct A; pub struct B; }).unwrap();
        assert_eq!(out, format!("{GENERATED_HEADER}\n\n/// a;\n/// b\npub struct A;\n\npub struct B;\n"));
    }

    #[test]
    fn header_then_pretty_code() {
        let out = rust_file("x.rs", quote! { pub struct A { pub b: u8 } }).unwrap();
        assert_eq!(out, format!("{GENERATED_HEADER}\n\npub struct A {{\n    pub b: u8,\n}}\n"));
        let members = rust_file("x.rs", quote! { impl A { fn a() {} fn b() { x(); } } }).unwrap();
        assert_eq!(
            members,
            format!("{GENERATED_HEADER}\n\nimpl A {{\n    fn a() {{}}\n    fn b() {{\n        x();\n    }}\n}}\n")
        );
        let members = rust_file("x.rs", quote! { impl A { fn a() { x(); } fn b() {} } }).unwrap();
        assert_eq!(
            members,
            format!("{GENERATED_HEADER}\n\nimpl A {{\n    fn a() {{\n        x();\n    }}\n\n    fn b() {{}}\n}}\n")
        );
        let two =
            rust_file("x.rs", quote! { #![deny(warnings)] use a::b; use c::d; pub struct A; pub struct B; mod c; })
                .unwrap();
        assert_eq!(two, format!("{GENERATED_HEADER}\n\n#![deny(warnings)]\n\nuse a::b;\nuse c::d;\n\npub struct A;\n\npub struct B;\n\nmod c;\n"));
        let empty = rust_file("x.rs", quote! { fn a() {} fn b() {} }).unwrap();
        assert_eq!(empty, format!("{GENERATED_HEADER}\n\nfn a() {{}}\n\nfn b() {{}}\n"));
        assert!(rust_file("x.rs", quote! { pub struct }).is_err());
    }
}
