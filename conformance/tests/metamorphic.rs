//! The metamorphic variants (`cargo xtask conformance --metamorphic`): each maker on small
//! hand-written pages (the variant changes what its kind claims and nothing else), then
//! the run over `../shared/real` (skipped with a notice when absent): every kind in
//! [`GATED`] must pass on every folder, and every folder's original pages must lower.

use conformance::metamorphic::{self, make, Form, Kind, Made, Rng, Role};
use conformance::Settings;

/// The kinds that pass on every real folder with today's parser: a kind is added here when
/// the parser reads its variants (the report of the real run lists each kind's results).
const GATED: &[Kind] = &Kind::ALL;

const MD: &str = "## 1. API Description

Domain name for API request: cvm.tencentcloudapi.com.

This API (RunThing) is used to run a thing when asked to do so by someone.

## 2. Input Parameters

| Parameter Name | Required | Type | Description |
|---------|---------|---------|---------|
| Action | Yes | String | Common parameter. The value used for this API: RunThing |
| Version | Yes | String | Common parameter. The value used for this API: 2017-03-12 |
| ThingId | Yes | String | The ID of the thing to run, as returned by the listing of things. |

## 3. Output Parameters

| Parameter Name | Type | Description |
|---------|---------|---------|
| RequestId | String | The unique request ID, which is returned for each request. |

## 4. Example

### Example 1 Run a thing

```
## 9. Not a heading
| not | a | table |
```
";

const HTML: &str = "<html><head><script>var x = '<h2>1. Fake</h2>';</script></head><body>
<h1>Run a thing</h1>
<div class=\"markdown-text-box\">
<h2>1. API Description</h2><p>Domain name for API request: cvm.tencentcloudapi.com.</p>
<p>This API (RunThing) is used to run a thing when asked to do so by someone.</p>
<h2>2. Input Parameters</h2>
<table><thead><tr><th>Parameter Name</th><th>Required</th><th>Type</th><th>Description</th></tr></thead>
<tbody><tr><td>Action</td><td>Yes</td><td>String</td><td>Common parameter: RunThing</td></tr>
<tr><td>Version</td><td>Yes</td><td>String</td><td>Common parameter: 2017-03-12</td></tr>
<tr><td>ThingId</td><td>Yes</td><td>String</td><td>The ID of the thing to run, as returned by the listing.</td></tr>
</tbody></table>
<h2>3. Output Parameters</h2>
<table><tr><th>Parameter Name</th><th>Type</th><th>Description</th></tr>
<tr><td>RequestId</td><td>String</td><td>The unique request ID.</td></tr></table>
</div></body></html>
";

const TXT: &str = "Menu
1. API Description
2. Input Parameters
3. Output Parameters
1. API Description

Domain name for API request: cvm.tencentcloudapi.com.

This API (RunThing) is used to run a thing.
2. Input Parameters
Parameter Name\tRequired\tType\tDescription
Action\tYes\tString\tCommon parameter: RunThing
Version\tYes\tString\tCommon parameter: 2017-03-12
ThingId\tYes\tString\tThe ID of the thing to run, as returned by the listing of things.
3. Output Parameters
Parameter Name\tType\tDescription
RequestId\tString\tThe unique request ID.
";

fn action() -> Role {
    Role::Action("RunThing".to_string())
}

fn variant(form: Form, kind: Kind, page: &str, role: &Role) -> String {
    match make(form, kind, page, role, &mut Rng::new(7, "page", kind)) {
        Made::Variant(text) => text,
        other => panic!("{kind}: no variant: {other:?}"),
    }
}

/// The lines that differ (same number of lines).
fn changed_lines(a: &str, b: &str) -> Vec<(String, String)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    assert_eq!(a.len(), b.len(), "the variant keeps the number of lines");
    a.iter().zip(&b).filter(|(x, y)| x != y).map(|(x, y)| (x.to_string(), y.to_string())).collect()
}

/// The lines of `a` missing from `b` (in order), when `b` only removes lines.
fn removed_lines(a: &str, b: &str) -> Vec<String> {
    let mut rest = b.lines().peekable();
    let mut removed = Vec::new();
    for line in a.lines() {
        if rest.peek() == Some(&line) {
            rest.next();
        } else {
            removed.push(line.to_string());
        }
    }
    assert_eq!(rest.next(), None, "the variant only removes lines");
    removed
}

fn cells(row: &str) -> Vec<String> {
    row.trim().trim_matches('|').split('|').map(|c| c.trim().to_string()).collect()
}

#[test]
fn kinds_have_names() {
    for kind in Kind::ALL {
        assert_eq!(Kind::parse(kind.name()), Some(kind));
    }
    assert_eq!(Kind::parse_list("titles, wrap,titles").unwrap(), vec![Kind::Titles, Kind::Wrap]);
    assert!(Kind::parse_list("titles,nonsense").unwrap_err().contains("nonsense"));
}

#[test]
fn markdown_titles_renames_numbered_headings_only() {
    let v = variant(Form::Markdown, Kind::Titles, MD, &action());
    let changed = changed_lines(MD, &v);
    assert_eq!(changed.len(), 4, "{changed:?}");
    for (old, new) in &changed {
        let number = old.trim_start_matches('#').trim().split_once(". ").unwrap().0;
        assert!(new.starts_with(&format!("## {number}. ")), "{new}");
        assert_ne!(old, new);
    }
    assert!(v.contains("## 9. Not a heading"), "code is left alone");
}

#[test]
fn markdown_levels_change_levels_not_texts() {
    let v = variant(Form::Markdown, Kind::Levels, MD, &action());
    let changed = changed_lines(MD, &v);
    assert!(!changed.is_empty());
    for (old, new) in &changed {
        assert_eq!(old.trim_start_matches('#'), new.trim_start_matches('#'));
        assert_ne!(old.chars().take_while(|&c| c == '#').count(), new.chars().take_while(|&c| c == '#').count());
    }
    assert!(v.contains("## 9. Not a heading"), "code is left alone");
}

#[test]
fn markdown_headers_replace_header_cells() {
    let v = variant(Form::Markdown, Kind::Headers, MD, &action());
    let changed = changed_lines(MD, &v);
    assert_eq!(changed.len(), 2);
    for (old, new) in &changed {
        assert!(old.starts_with("| Parameter Name"));
        assert_eq!(cells(old).len(), cells(new).len());
        assert!(cells(new).iter().all(|c| !MD.contains(c.as_str())), "{new}");
    }
}

#[test]
fn markdown_columns_permute_consistently() {
    let v = variant(Form::Markdown, Kind::Columns, MD, &action());
    let changed = changed_lines(MD, &v);
    assert!(!changed.is_empty());
    let (old_header, new_header) = (cells("| Parameter Name | Required | Type | Description |"), {
        let line = v.lines().find(|l| l.contains("Required")).unwrap();
        cells(line)
    });
    let order: Vec<usize> = new_header.iter().map(|c| old_header.iter().position(|o| o == c).unwrap()).collect();
    for (old, new) in changed.iter().filter(|(o, _)| cells(o).len() == 4 && !o.contains("---")) {
        let (old, new) = (cells(old), cells(new));
        assert_eq!(order.iter().map(|&k| old[k].clone()).collect::<Vec<_>>(), new);
    }
}

#[test]
fn markdown_domain_removes_the_domain_line() {
    let v = variant(Form::Markdown, Kind::Domain, MD, &action());
    assert_eq!(removed_lines(MD, &v), vec!["Domain name for API request: cvm.tencentcloudapi.com."]);
    let data_types = make(Form::Markdown, Kind::Domain, MD, &Role::DataTypes, &mut Rng::new(1, "p", Kind::Domain));
    assert_eq!(data_types, Made::Nothing, "only action pages");
}

#[test]
fn markdown_versions() {
    let date = variant(Form::Markdown, Kind::VersionDate, MD, &action());
    let changed = changed_lines(MD, &date);
    assert_eq!(changed.len(), 1);
    assert!(changed[0].1.contains("3/12/2017") && !changed[0].1.contains("2017-03-12"));
    // With the Action row removed on some seeds, kept on others.
    let mut removed_action = false;
    for seed in 0..8 {
        let v =
            match make(Form::Markdown, Kind::VersionName, MD, &action(), &mut Rng::new(seed, "p", Kind::VersionName)) {
                Made::Variant(v) => v,
                other => panic!("{other:?}"),
            };
        let version = v.lines().find(|l| l.starts_with("| Version")).unwrap();
        assert!(version.ends_with("The value used for this API: RunThing |"), "{version}");
        removed_action |= !v.contains("| Action |");
        assert_eq!(v.lines().count() + usize::from(!v.contains("| Action |")), MD.lines().count());
    }
    assert!(removed_action);
}

#[test]
fn markdown_no_intro_removes_section_1() {
    let v = variant(Form::Markdown, Kind::NoIntro, MD, &action());
    let removed = removed_lines(MD, &v);
    assert_eq!(removed.first().map(String::as_str), Some("## 1. API Description"));
    assert!(v.starts_with("## 2. Input Parameters"));
}

#[test]
fn markdown_wrap_moves_words_to_a_raw_line() {
    let v = variant(Form::Markdown, Kind::Wrap, MD, &action());
    assert!(v.lines().count() > MD.lines().count());
    let raw: Vec<&str> = v.lines().filter(|l| !MD.lines().any(|m| m == *l) && !l.contains('|')).collect();
    assert!(!raw.is_empty());
    let fold = |s: &str| s.replace(['|', '\n'], " ").split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(fold(&v), fold(MD), "the same words in the same order");
}

#[test]
fn markdown_error_headings_only_on_the_error_codes_page() {
    let page = "## Feature Description\n\ntext\n\n## Error Code List\n\n### Common Error Codes\n\n| Error Code | Description |\n|---|---|\n| A.B | x |\n";
    assert_eq!(
        make(Form::Markdown, Kind::ErrorHeadings, page, &action(), &mut Rng::new(1, "p", Kind::Titles)),
        Made::Nothing
    );
    let v = variant(Form::Markdown, Kind::ErrorHeadings, page, &Role::ErrorCodes);
    let changed = changed_lines(page, &v);
    assert_eq!(changed.len(), 3);
    assert!(changed.iter().all(|(o, n)| o.split(' ').next() == n.split(' ').next()), "levels kept");
}

#[test]
fn markdown_keeps_bom_and_crlf() {
    let page = format!("\u{feff}{}", MD.replace('\n', "\r\n"));
    let v = variant(Form::Markdown, Kind::Titles, &page, &action());
    assert!(v.starts_with("\u{feff}## 1. "));
    assert_eq!(v.matches("\r\n").count(), page.matches("\r\n").count());
}

#[test]
fn html_variants() {
    let titles = variant(Form::Html, Kind::Titles, HTML, &action());
    assert!(titles.contains("'<h2>1. Fake</h2>'"), "scripts are left alone");
    assert!(!titles.contains("1. API Description") && titles.contains("<h1>Run a thing</h1>"));
    let levels = variant(Form::Html, Kind::Levels, HTML, &action());
    assert!(levels.contains("<h1>Run a thing</h1>"), "the title before the article is left alone");
    assert!(levels.matches("<h2>").count() < HTML.matches("<h2>").count());
    let domain = variant(Form::Html, Kind::Domain, HTML, &action());
    assert_eq!(domain, HTML.replace("<p>Domain name for API request: cvm.tencentcloudapi.com.</p>", ""));
    let date = variant(Form::Html, Kind::VersionDate, HTML, &action());
    assert_eq!(date, HTML.replace("Common parameter: 2017-03-12", "Common parameter: 3/12/2017"));
    let columns = variant(Form::Html, Kind::Columns, HTML, &action());
    let header = columns.split("<tbody>").next().unwrap();
    for name in ["Parameter Name", "Required", "Type", "Description"] {
        assert!(header.contains(&format!("<th>{name}</th>")));
    }
    assert_eq!(columns.len(), HTML.len(), "cells moved, none changed");
    let no_intro = variant(Form::Html, Kind::NoIntro, HTML, &action());
    assert!(!no_intro.contains("This API (RunThing)") && no_intro.contains("<h2>2. Input Parameters</h2>"));
    let wrap = variant(Form::Html, Kind::Wrap, HTML, &action());
    assert_eq!(wrap.replace('\n', " "), HTML.replace('\n', " "));
}

#[test]
fn text_variants() {
    assert!(matches!(
        make(Form::Text, Kind::Levels, TXT, &action(), &mut Rng::new(1, "p", Kind::Levels)),
        Made::NotForForm(_)
    ));
    let titles = variant(Form::Text, Kind::Titles, TXT, &action());
    let changed = changed_lines(TXT, &titles);
    assert_eq!(changed.len(), 6, "contents and article alike");
    let new_1: Vec<&str> = changed.iter().filter(|(o, _)| o.starts_with("1. ")).map(|(_, n)| n.as_str()).collect();
    assert_eq!(new_1[0], new_1[1], "the same new title in both places");
    let domain = variant(Form::Text, Kind::Domain, TXT, &action());
    assert_eq!(removed_lines(TXT, &domain), vec!["Domain name for API request: cvm.tencentcloudapi.com."]);
    let columns = variant(Form::Text, Kind::Columns, TXT, &action());
    for (old, new) in changed_lines(TXT, &columns) {
        let (mut a, mut b): (Vec<&str>, Vec<&str>) = (old.split('\t').collect(), new.split('\t').collect());
        a.sort_unstable();
        b.sort_unstable();
        assert_eq!(a, b);
    }
    let no_intro = variant(Form::Text, Kind::NoIntro, TXT, &action());
    let removed = removed_lines(TXT, &no_intro);
    assert_eq!(removed.first().map(String::as_str), Some("1. API Description"));
    assert!(no_intro.starts_with("Menu\n1. API Description\n"), "the contents stay");
}

/// Every folder under `real/`: the originals lower, and every gated kind passes on every
/// page (in a debug build at most 6 action pages per folder, chosen with the seed). The
/// unpacked `html-en-md` archive (90 pages of 1.3 MB: minutes in a debug build) is left to
/// the release run in CI, `cargo xtask conformance --metamorphic --real`, which covers every
/// page of every real folder.
#[test]
fn real_folders_keep_their_ir() {
    let Some(real) = test_support::shared::dir("real", "the metamorphic run over the real pages") else { return };
    let settings = Settings { tree: vec![real], ..Settings::default() };
    let sample = cfg!(debug_assertions).then_some(6);
    let options = metamorphic::Options { kinds: GATED.to_vec(), seed: 20, sample };
    let outcomes = metamorphic::run_sets(&settings, &options).unwrap();
    eprintln!("{}", metamorphic::report::render(&outcomes, false));
    assert!(outcomes.len() >= 20, "the real folders: {}", outcomes.len());
    for folder in &outcomes {
        assert_eq!(folder.error, None, "{}: the original pages lower", folder.folder);
        for outcome in folder.kinds.iter().filter(|o| GATED.contains(&o.kind)) {
            assert!(outcome.passes(), "{} {}: {:?}", folder.folder, outcome.kind, outcome.failures.first());
        }
    }
}
