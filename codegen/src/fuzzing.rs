//! The function chains the fuzz targets (`fuzz/fuzz_targets/`) exercise, shared with the
//! regression test that replays their findings (`tests/fuzz_regressions.rs`). Errors are
//! fine answers; a panic, a hang or a runaway allocation is a bug.

use crate::source::SourceFile;

/// Any bytes (lossily decoded) → the text front-end → `extract`.
pub fn text_front_end(data: &[u8]) {
    let file = SourceFile::new("fuzz/Page.txt", "fuzz/Page.txt", String::from_utf8_lossy(data).into_owned());
    let page = crate::page::text::parse(&file);
    let _ = crate::extract::extract(&page);
}

/// Any bytes (lossily decoded) → the HTML front-end → `extract`.
pub fn html_front_end(data: &[u8]) {
    let file = SourceFile::new("fuzz/Page.html", "fuzz/Page.html", String::from_utf8_lossy(data).into_owned());
    if let Ok(page) = crate::page::html::parse(&file) {
        let _ = crate::extract::extract(&page);
    }
}

/// Any bytes (lossily decoded) → the Markdown front-end → `extract`.
pub fn markdown_front_end(data: &[u8]) {
    let file = SourceFile::new("fuzz/Page.md", "fuzz/Page.md", String::from_utf8_lossy(data).into_owned());
    if let Ok(page) = crate::page::markdown::parse(&file) {
        let _ = crate::extract::extract(&page);
    }
}

/// The whole page → IR → Rust step. The first byte picks the form (mod 3: 0 text, 1 HTML,
/// 2 Markdown; the digits `0`, `1`, `2` are those); the rest is one page, and when it holds
/// a NUL byte it is also tried as two files: an action page (before the NUL) and a Data
/// Types page (after it).
pub fn page_to_ir(data: &[u8]) {
    fn run(files: &[SourceFile]) {
        if let Ok((api, _warnings)) = crate::lower::lower_sources(files, "fuzz/vpc/2017-03-12", None) {
            let _ = crate::emit::generate(&[api]);
        }
    }
    let Some((&selector, rest)) = data.split_first() else { return };
    let ext = ["txt", "html", "md"][usize::from(selector % 3)];
    let file = |name: &str, bytes: &[u8]| {
        let path = format!("fuzz/vpc/2017-03-12/{name}.{ext}");
        SourceFile::new(path.clone(), path, String::from_utf8_lossy(bytes).into_owned())
    };
    run(&[file("Action", rest)]);
    let mut pages = rest.splitn(2, |&b| b == 0);
    if let (Some(action), Some(data_types)) = (pages.next(), pages.next()) {
        run(&[file("Action", action), file("DataTypes", data_types)]);
    }
}

/// The prose readers, one thin entry each, for the property tests (`tests/props/`): what
/// they read from any text, in any script. Private types come back as their `Debug` text.
pub mod readers {
    use std::collections::{BTreeMap, BTreeSet};

    use crate::ir::{Constraint, Type};
    use crate::lower::{constraints, error_codes, examples, naming, pagination, types, waiter};
    use crate::source::SourceFile;
    use crate::vocab;

    /// The vocabulary's words before a documented maximum, a range, a list of values.
    pub fn maximum_words() -> Vec<&'static str> {
        vocab::maximum_words()
    }
    pub fn range_words() -> Vec<&'static str> {
        vocab::range_words()
    }
    pub fn valid_values_words() -> Vec<&'static str> {
        vocab::valid_values_words()
    }

    /// The facts a description states, for a parameter of each kind of type (and a
    /// `Filters` one); and every word the facts readers look for.
    pub fn facts(description: &str) -> Vec<crate::ir::Facts> {
        let types = [
            Type::String,
            Type::Integer,
            Type::Float,
            Type::Boolean,
            Type::Array(Box::new(Type::String)),
            Type::Array(Box::new(Type::Struct("Filter".into()))),
        ];
        let mut all: Vec<crate::ir::Facts> =
            types.iter().map(|t| crate::lower::facts::read("Value", description, t)).collect();
        all.push(crate::lower::facts::read("Filters", description, &types[5]));
        all
    }
    pub fn fact_words() -> Vec<&'static str> {
        let mut all = Vec::new();
        for pick in [
            (|f| f.value_list) as vocab::FactPick,
            |f| f.open_list,
            |f| f.value_gap,
            |f| f.limit_gap,
            |f| f.default_gap,
            |f| f.only_value,
            |f| f.default_before,
            |f| f.default_after,
            |f| f.default_bare,
            |f| f.default_condition,
            |f| f.list_join,
            |f| f.not_condition,
            |f| f.condition_then,
            |f| f.negation,
            |f| f.pair_mark,
            |f| f.quantity_of,
            |f| f.quantity_is,
            |f| f.copula,
            |f| f.range,
            |f| f.maximum,
            |f| f.respectively,
            |f| f.both_join,
            |f| f.minimum,
            |f| f.maximum_after,
            |f| f.chars,
            |f| f.bytes,
            |f| f.unit_before,
        ] {
            all.extend(vocab::fact_words(pick));
        }
        all
    }

    /// The largest page size a `Limit` description documents.
    pub fn max_page_size(description: &str) -> Option<u64> {
        pagination::maximum(description)
    }
    /// The documented values of a state, with their explanations.
    pub fn state_values(description: &str) -> Vec<(String, String)> {
        waiter::documented_values(description)
    }
    pub fn sentences(text: &str) -> Vec<String> {
        constraints::sentences(text)
    }
    pub fn constraints(sentence: &str, this: &str) -> Vec<Constraint> {
        constraints::read(sentence, this)
    }
    pub fn error_code(printed: &str) -> String {
        format!("{:?}", error_codes::read(printed))
    }
    pub fn resolve_type(printed: &str, structs: &BTreeSet<String>) -> (Type, Option<String>) {
        types::resolve(printed, structs)
    }
    /// An example's input (no parameters, no structures known) and output code: whether each
    /// was read.
    pub fn example(code: &str) -> (bool, bool) {
        (examples::input(code, &[], &BTreeMap::new()).is_ok(), examples::output(code).is_ok())
    }
    /// The Rust names of a wire name: snake_case, a type name, an error variant.
    pub fn names(name: &str) -> [String; 3] {
        [naming::snake(name), naming::type_name(name), naming::error_variant(name)]
    }
    pub fn rate_limit(text: &str) -> Option<u32> {
        vocab::rate_limit(text)
    }
    /// Every yes/no and small lookup of the vocabulary on one text, as one `Debug` text.
    pub fn lookups(text: &str) -> String {
        format!(
            "{:?}",
            (
                (vocab::section(text), vocab::strip_number(text), vocab::numbered_section(text), vocab::column(text)),
                (vocab::required_word(text), vocab::state_meaning(text, text), vocab::says_counts_from_zero(text)),
                (vocab::says_nullable(text), vocab::is_example_title(text), vocab::example_part(text)),
                (vocab::is_data_types_title(text), vocab::is_error_codes_title(text), vocab::error_code_group(text)),
                (vocab::is_error_page_section(text), vocab::used_by(text), vocab::is_last_updated(text)),
                (vocab::is_toolbar(text), vocab::is_footer(text), vocab::is_explorer(text), vocab::is_param_name(text)),
                (vocab::is_basic_type(text), vocab::split_example_value(text), vocab::normalize_cell(text)),
            )
        )
    }
    /// A page of any form (`txt`, `html`, `md`) → the page's records, as `Debug` text, or the
    /// error.
    pub fn extract(ext: &str, text: &str) -> Result<String, String> {
        let path = format!("props/Page.{ext}");
        let file = SourceFile::new(path.clone(), path, text.to_string());
        let form = crate::page::Form::of(std::path::Path::new(&file.path)).unwrap_or(crate::page::Form::Text);
        let page = crate::page::parse(&file, form).map_err(|e| e.to_string())?;
        crate::extract::extract(&page).map(|e| format!("{e:?}")).map_err(|e| e.to_string())
    }
}
