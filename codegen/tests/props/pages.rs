//! The page front-ends (text, HTML, Markdown) and the whole page → IR → Rust chain: pages
//! of each form whose table cells and lines are junk.

use codegen::fuzzing::{self, readers};
use proptest::prelude::*;

use super::{any_junk, junk};

/// A parameter row: a name and a junk description.
fn rows() -> impl Strategy<Value = Vec<(String, String)>> {
    proptest::collection::vec(
        (
            "[A-Z][a-z]{2,8}(Id|Name|Set)?",
            junk(24, |c| !matches!(c, '\t' | '\n' | '\r' | '|' | '<' | '>' | '&' | '\\' | '`')),
        ),
        1..5,
    )
}

/// One action page, with `rows` as its optional inputs and `extra` as a line of the
/// description, in the form `ext`.
fn page(ext: &str, rows: &[(String, String)], extra: &str) -> String {
    let inputs: Vec<[&str; 4]> = [
        ["Action", "Yes", "String", "Common parameter. The value for this API: DescribeWidgets."],
        ["Version", "Yes", "String", "Common parameter. The value for this API: 2017-03-12."],
    ]
    .into_iter()
    .chain(rows.iter().map(|(name, description)| [name.as_str(), "No", "String", description.as_str()]))
    .collect();
    let outputs = [["WidgetSet", "Array of String", "The widgets."], ["RequestId", "String", "The request ID."]];
    let example_in = "POST / HTTP/1.1\nHost: cvm.tencentcloudapi.com\n\n{}";
    let example_out = "{\"Response\": {\"WidgetSet\": [], \"RequestId\": \"r-1\"}}";
    match ext {
        "txt" => {
            let mut t = String::from("DescribeWidgets\n\nLast updated: 2026-01-01 00:00:00\n\n1. API Description\n\n");
            t += &format!("Domain name for API request: cvm.tencentcloudapi.com.\n\nLists widgets. {extra}\n\n");
            t += "2. Input Parameters\n\nParameter Name\tRequired\tType\tDescription\n";
            inputs.iter().for_each(|r| t += &format!("{}\n", r.join("\t")));
            t += "\n3. Output Parameters\n\nParameter Name\tType\tDescription\n";
            outputs.iter().for_each(|r| t += &format!("{}\n", r.join("\t")));
            t + &format!("\n4. Example\n\nExample1 Listing\n\nInput Example\n\n{example_in}\n\nOutput Example\n\n{example_out}\n")
        }
        "html" => {
            let row = |cells: &[&str], tag: &str| {
                let cells: String = cells.iter().map(|c| format!("<{tag}>{c}</{tag}>")).collect();
                format!("<tr>{cells}</tr>\n")
            };
            let mut t = String::from("<html><body><main><h1>DescribeWidgets</h1><div class=\"markdown-body\">\n");
            t += &format!("<h2>1. API Description</h2>\n<p>Domain name for API request: cvm.tencentcloudapi.com.</p>\n<p>Lists widgets. {extra}</p>\n");
            t += "<h2>2. Input Parameters</h2>\n<table><thead>";
            t += &row(&["Parameter Name", "Required", "Type", "Description"], "th");
            t += "</thead><tbody>\n";
            inputs.iter().for_each(|r| t += &row(r, "td"));
            t += "</tbody></table>\n<h2>3. Output Parameters</h2>\n<table><thead>";
            t += &row(&["Parameter Name", "Type", "Description"], "th");
            t += "</thead><tbody>\n";
            outputs.iter().for_each(|r| t += &row(r, "td"));
            t += "</tbody></table>\n<h2>4. Example</h2>\n<h3>Example1 Listing</h3>\n";
            t + &format!("<h4>Input Example</h4>\n<pre><code>{example_in}</code></pre>\n<h4>Output Example</h4>\n<pre><code>{example_out}</code></pre>\n</div></main></body></html>\n")
        }
        _ => {
            let row = |cells: &[&str]| format!("| {} |\n", cells.join(" | "));
            let mut t =
                String::from("## 1. API Description\n\nDomain name for API request: cvm.tencentcloudapi.com.\n\n");
            t += &format!("Lists widgets. {extra}\n\n## 2. Input Parameters\n\n");
            t += &row(&["Parameter Name", "Required", "Type", "Description"]);
            t += "|---|---|---|---|\n";
            inputs.iter().for_each(|r| t += &row(r));
            t += "\n## 3. Output Parameters\n\n";
            t += &row(&["Parameter Name", "Type", "Description"]);
            t += "|---|---|---|\n";
            outputs.iter().for_each(|r| t += &row(r));
            t + &format!("\n## 4. Example\n\n### Example1 Listing\n\n#### Input Example\n\n```\n{example_in}\n```\n\n#### Output Example\n\n```\n{example_out}\n```\n")
        }
    }
}

/// `text` with `junk` put in at a line break (the `at`-th, counting round).
fn with_junk_line(text: &str, junk: &str, at: usize) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let at = at % lines.len();
    let mut out: Vec<&str> = lines[..at].to_vec();
    out.push(junk);
    out.extend(&lines[at..]);
    out.join("\n")
}

const FORMS: [&str; 3] = ["txt", "html", "md"];

#[test]
fn the_page_template_reads_in_every_form() {
    let rows = [("WidgetId".to_string(), "最大值为100。返回数量".to_string())];
    for ext in FORMS {
        let read = readers::extract(ext, &page(ext, &rows, "")).unwrap_or_else(|e| panic!("{ext}: {e}"));
        assert!(read.contains("\"WidgetId\"") && read.contains("最大值为100"), "{ext}: {read}");
    }
}

proptest! {
    #![proptest_config(super::config(48))]

    /// Junk in the description cells: each row is still read, with its name, in every form.
    #[test]
    fn rows_with_junk_cells_are_read(rows in rows(), extra in any_junk(20).prop_map(|e| e.replace('\n', " "))) {
        for ext in FORMS {
            let text = page(ext, &rows, if ext == "txt" { &extra } else { "" });
            let read = readers::extract(ext, &text);
            prop_assert!(read.is_ok(), "{}: {:?}\n{}", ext, read, text);
            let read = read.unwrap_or_default();
            for (name, _) in &rows {
                prop_assert!(read.contains(&format!("\"{name}\"")), "{}: {} missing from {}", ext, name, read);
            }
        }
    }

    /// A junk line anywhere in a page of any form, and the junk page alone: the front-ends
    /// and the whole chain to Rust come back (Ok or Err) without a panic.
    #[test]
    fn junk_lines_anywhere_never_panic(rows in rows(), line in any_junk(40), at in any::<usize>()) {
        for (selector, ext) in FORMS.iter().enumerate() {
            let text = with_junk_line(&page(ext, &rows, ""), &line, at);
            let _ = readers::extract(ext, &text);
            let mut bytes = vec![b'0' + selector as u8];
            bytes.extend(text.as_bytes());
            fuzzing::page_to_ir(&bytes);
            bytes.truncate(1);
            bytes.extend(line.as_bytes());
            fuzzing::page_to_ir(&bytes);
        }
        fuzzing::text_front_end(line.as_bytes());
        fuzzing::html_front_end(line.as_bytes());
        fuzzing::markdown_front_end(line.as_bytes());
    }
}
