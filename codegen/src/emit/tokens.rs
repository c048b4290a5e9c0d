//! Small token helpers every emitter uses: identifiers, raw string literals, the pattern
//! of an error code.

use std::collections::BTreeMap;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

/// An identifier; raw (`r#…`) never: names were made safe when lowered. Should a
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

/// A string as a raw string literal (`r#"…"#`), with as many `#` as it needs.
pub(crate) fn raw_str(s: &str) -> Literal {
    let mut hashes = 1;
    while s.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let h = "#".repeat(hashes);
    format!("r{h}\"{s}\"{h}").parse().unwrap_or_else(|_| Literal::string(s))
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
    fn raw_strings_get_enough_hashes() {
        assert_eq!(raw_str("{\"a\": 1}").to_string(), "r#\"{\"a\": 1}\"#");
        assert_eq!(raw_str("\"#").to_string(), "r##\"\"#\"##");
    }
}
