//! Rust tokens shown as Rust is written: what a report prints for a signature or a type.

use proc_macro2::TokenStream;

/// Tokens as one line of Rust: `Option<Vec<String>>`, `fn f(&self) -> T`.
pub(super) fn tidy(tokens: TokenStream) -> String {
    let mut text = tokens.to_string();
    for (from, to) in [
        (" :: ", "::"),
        (":: ", "::"),
        (" ::", "::"),
        (" < ", "<"),
        ("< ", "<"),
        (" <", "<"),
        (" >", ">"),
        (" ,", ","),
        ("( ", "("),
        (" )", ")"),
        ("[ ", "["),
        (" ]", "]"),
        ("& ", "&"),
        (" ;", ";"),
        (" :", ":"),
        (" !", "!"),
    ] {
        text = text.replace(from, to);
    }
    text = text.replace(",)", ")").replace(",>", ">").replace(" (", "(");
    text.replace("->", " -> ").replace("  ", " ")
}
