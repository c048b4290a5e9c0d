//! An action page, section by section: its name, description, host, rate limit, input and
//! output tables, examples and error codes.

use super::records::{RawAction, RawExample, RawParam};
use super::sections::sections;
use super::tables::{error_rows, params};
use crate::error::{Error, ErrorKind, Result};
use crate::vocab::{self, BlockKind, Note, Page, Section};

/// The identifier in `This API (CreateKeyPair) is used to …`, `本接口 (CreateKeyPair) 用于…`.
fn name_in_description(text: &str) -> Option<String> {
    let open = text.find(['(', '（'])?;
    let rest = &text[open..];
    let rest = rest.trim_start_matches(['(', '（']).trim_start();
    let end = rest.find([')', '）'])?;
    let name = rest[..end].trim();
    is_action_name(name).then(|| name.to_string())
}

/// `CreateKeyPair`: an upper-case ASCII letter, then ASCII letters and digits.
pub fn is_action_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii_alphanumeric())
}

pub(super) fn action(page: &Page, title: Option<(String, u32)>, notes: &mut Vec<Note>) -> Result<RawAction> {
    let file = page.file.as_str();
    let title_line = title.as_ref().map_or(page.blocks.first().map_or(1, |b| b.line), |(_, l)| *l);
    let mut raw = RawAction {
        file: file.to_string(),
        name: String::new(),
        name_line: title_line,
        title: title.map(|(t, _)| t),
        title_line,
        host: None,
        host_from_example: false,
        description: Vec::new(),
        rate_limit: None,
        input: Vec::new(),
        output: Vec::new(),
        examples: Vec::new(),
        errors: Vec::new(),
        input_line: 0,
    };
    let mut section: Option<Section> = None;
    let mut seen: Vec<Section> = Vec::new();
    let mut tables_seen = [false; 6];
    let mut part: Option<bool> = None; // inside an example: Some(is_input)
    let mut example_level: Option<u8> = None; // the heading level of the first example's title
    let mut described_name: Option<(String, u32)> = None;
    let starts = sections(page, notes);
    for (index, block) in page.blocks.iter().enumerate() {
        if let Some(start) = starts.get(&index) {
            section = Some(start.section);
            seen.push(start.section);
            part = None;
            if start.heading {
                continue;
            }
        }
        let Some(current) = section else {
            if matches!(block.kind, BlockKind::Table(_)) {
                return Err(Error::expected(
                    file,
                    block.line,
                    "section `1. API Description` before any table",
                    "a table",
                ));
            }
            continue;
        };
        match (current, &block.kind) {
            (Section::Description, BlockKind::Paragraph { text }) => {
                // The domain line (a short label and the host, see `host_in`): a note that
                // mentions a host in passing is description.
                if let (None, Some(host)) = (&raw.host, host_in(text)) {
                    raw.host = Some((host, block.line));
                } else if let (None, Some(limit)) = (raw.rate_limit, vocab::rate_limit(text)) {
                    raw.rate_limit = Some(limit);
                } else if !vocab::is_explorer(text) {
                    if described_name.is_none() {
                        described_name = name_in_description(text).map(|n| (n, block.line));
                    }
                    raw.description.push(text.clone());
                }
            }
            (Section::Description, BlockKind::ListItem { text }) => raw.description.push(format!("• {text}")),
            (Section::Input | Section::Output | Section::Errors, BlockKind::Table(table)) => {
                let slot = current as usize;
                if tables_seen[slot] {
                    return Err(Error::expected(
                        file,
                        block.line,
                        format!("one table in section `{}`", current.title()),
                        "a second table",
                    ));
                }
                tables_seen[slot] = true;
                match current {
                    Section::Input => {
                        raw.input_line = block.line;
                        raw.input = params(file, block.line, table, true, notes)?;
                    }
                    Section::Output => raw.output = params(file, block.line, table, false, notes)?,
                    _ => raw.errors = error_rows(file, block.line, table, notes)?,
                }
            }
            // An example's title and its input/output headings, at whatever levels the
            // page puts them: a heading naming an input or output is a part; any other
            // heading no deeper than the first example's title starts an example.
            (Section::Examples, BlockKind::Heading { level, text }) => match vocab::example_part(text) {
                None => {
                    if example_level.is_some_and(|first| *level > first) {
                        continue;
                    }
                    example_level.get_or_insert(*level);
                    raw.examples.push(RawExample {
                        line: block.line,
                        title: text.clone(),
                        description: String::new(),
                        input: None,
                        output: None,
                    });
                    part = None;
                }
                Some(is_input) => {
                    if raw.examples.is_empty() || (is_input && raw.examples.last().is_some_and(|e| e.input.is_some())) {
                        raw.examples.push(RawExample {
                            line: block.line,
                            title: String::new(),
                            description: String::new(),
                            input: None,
                            output: None,
                        });
                    }
                    part = Some(is_input);
                }
            },
            (Section::Examples, BlockKind::Paragraph { text }) if part.is_none() => {
                if let Some(example) = raw.examples.last_mut() {
                    if !example.description.is_empty() {
                        example.description.push('\n');
                    }
                    example.description.push_str(text);
                }
            }
            (Section::Examples, BlockKind::Code { text }) => {
                let example = raw.examples.last_mut();
                match (example, part) {
                    (Some(example), Some(true)) if example.input.is_none() => {
                        example.input = Some((text.clone(), block.line))
                    }
                    (Some(example), Some(false)) if example.output.is_none() => {
                        example.output = Some((text.clone(), block.line))
                    }
                    _ => notes.push(Note {
                        line: block.line,
                        message: "example code outside an `Input Example` / `Output Example` pair: not used"
                            .to_string(),
                    }),
                }
            }
            _ => {}
        }
    }
    // Shape checks: a page must have the description and both parameter sections; a page
    // whose last block is a parameter table was cut off inside it.
    let last = page.blocks.last().map_or(title_line, |b| match &b.kind {
        BlockKind::Table(t) => t.rows.last().map_or(b.line, |r| r.line),
        _ => b.line,
    });
    if let (Some(s @ (Section::Input | Section::Output)), Some(b)) = (section, page.blocks.last()) {
        if matches!(b.kind, BlockKind::Table(_)) {
            return Err(Error::new(file, last, ErrorKind::Truncated { section: s.title().to_string() }));
        }
    }
    if !seen.contains(&Section::Description) {
        notes.push(Note {
            line: title_line,
            message: format!("the page has no section `{}`: no description", Section::Description.title()),
        });
    }
    for required in [Section::Input, Section::Output] {
        if !seen.contains(&required) {
            return Err(Error::expected(file, last, format!("section `{}`", required.title()), "end of page"));
        }
        if !tables_seen[required as usize] {
            return Err(Error::expected(
                file,
                last,
                format!("a parameter table in section `{}`", required.title()),
                "none",
            ));
        }
    }
    if raw.host.is_none() {
        // No `Domain name for API request` line (older pages): the examples' request host
        // says it; else lowering takes the folder's product.
        raw.host = example_host(page);
        raw.host_from_example = raw.host.is_some();
        if let Some((host, line)) = &raw.host {
            let message = format!(
                "section `{}` names no domain for API requests: the host `{host}` is read from the example at line {line}",
                Section::Description.title()
            );
            notes.push(Note { line: title_line, message });
        }
    }
    raw.examples.retain(|example| {
        let complete = example.input.is_some() && example.output.is_some();
        if !complete {
            let what = if example.input.is_none() { "an `Input Example`" } else { "an `Output Example`" };
            notes.push(Note {
                line: example.line,
                message: format!("example `{}` has no {what}: not used", example.title),
            });
        }
        complete
    });
    // The name: the `Action` row says it. A page without one may hold it in the `Version`
    // row (lowering warns about that row), in its examples' request, its title, its
    // description's `This API (X)`, or only in its file name: the first of them, with a
    // warning.
    let from_row = common_param_value(&raw.input, "Action").filter(|(v, _)| is_action_name(v));
    let title_name = raw.title.clone().filter(|t| is_action_name(t)).map(|t| (t, title_line));
    let fallback = || -> Option<((String, u32), &str)> {
        let version_cell = common_param_value(&raw.input, "Version").filter(|(v, _)| is_action_name(v));
        let stem = || file_stem(file).filter(|s| is_action_name(s)).map(|s| (s.to_string(), title_line));
        [
            (version_cell, "the `Version` row"),
            (example_action(page), "the example's request"),
            (title_name.clone(), "the title"),
            (described_name.clone(), "the description"),
        ]
        .into_iter()
        .find_map(|(found, what)| found.map(|f| (f, what)))
        .or_else(|| stem().map(|f| (f, "the file name")))
    };
    let found = match &from_row {
        Some(row) => Some(row.clone()),
        None => fallback().map(|(found, what)| {
            notes.push(Note {
                line: found.1,
                message: format!("the page has no `Action` row: the action's name `{}` is read from {what}", found.0),
            });
            found
        }),
    };
    let Some((name, line)) = found else {
        return Err(Error::expected(
            file,
            title_line,
            "the action's name in the `Action` row (`… The value used for this API: CreateVpc`)",
            "none",
        ));
    };
    if let (Some((row, row_line)), Some((title, _))) = (&from_row, &title_name) {
        if row != title {
            notes.push(Note {
                line: *row_line,
                message: format!("the `Action` row names `{row}` but the page is titled `{title}`: the row wins"),
            });
        }
    }
    raw.name = name;
    raw.name_line = line;
    Ok(raw)
}

/// The value a common parameter's row states: what follows the last colon of its
/// description's first line (`Common parameter. The value used for this API: 2017-03-12.`,
/// `公共参数，本接口取值：2017-03-12。`).
pub fn common_param_value(rows: &[RawParam], name: &str) -> Option<(String, u32)> {
    let row = rows.iter().find(|p| p.name == name)?;
    let text = row.description.lines().next()?;
    let at = text.rfind([':', '：'])?;
    let value = text[at..].trim_start_matches([':', '：']).trim().trim_end_matches(['.', '。', ' ', '，', ',']).trim();
    (!value.is_empty() && !value.contains(' ')).then(|| (value.to_string(), row.line))
}

/// `DescribeZones` of `cvm/2017-03-12/DescribeZones.md`.
fn file_stem(file: &str) -> Option<&str> {
    let name = file.rsplit(['/', '\\']).next()?;
    Some(name.rsplit_once('.').map_or(name, |(stem, _)| stem))
}

/// The request host of the page's examples (`Host: cvm.tencentcloudapi.com`,
/// `https://cvm.tencentcloudapi.com/?Action=…`) and its line: the first code block naming one.
fn example_host(page: &Page) -> Option<(String, u32)> {
    page.blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Code { text } => text.lines().find_map(request_host).map(|h| (h, b.line)),
        _ => None,
    })
}

/// The action an example's request names (`X-TC-Action: DescribeZones`,
/// `https://…/?Action=DescribeZones&…`) and the line of its code block.
fn example_action(page: &Page) -> Option<(String, u32)> {
    page.blocks.iter().find_map(|b| match &b.kind {
        BlockKind::Code { text } => text.lines().find_map(request_action).map(|a| (a, b.line)),
        _ => None,
    })
}

/// `X-TC-Action: DescribeZones` → `DescribeZones`; `…?Action=DescribeZones&Version=…` too.
fn request_action(line: &str) -> Option<String> {
    request_field(line, "X-TC-Action", "Action").filter(|v| is_action_name(v)).map(str::to_string)
}

/// A field of an example's request: the header `header` (`X-TC-Version: 2017-03-12`,
/// any case) or the query parameter `key` (`…?Action=X&Version=2017-03-12`).
pub fn request_field<'a>(line: &'a str, header: &str, key: &str) -> Option<&'a str> {
    let line = line.trim();
    match line.split_once(':') {
        Some((name, value)) if name.trim().eq_ignore_ascii_case(header) => Some(value.trim()),
        _ => {
            let (_, rest) = line.split_once(&format!("?{key}=")).or_else(|| line.split_once(&format!("&{key}=")))?;
            rest.split(['&', ' ', '\'', '"']).next()
        }
    }
}

/// The host an example's request line names: `Host: cvm.tencentcloudapi.com`, or a URL
/// `https://cvm.tencentcloudapi.com/?Action=…` (`curl … 'https://…'`). Hosts in a request's
/// body are not its host.
fn request_host(line: &str) -> Option<String> {
    let line = line.trim();
    let header = line.split_once(':').filter(|(name, _)| name.trim().eq_ignore_ascii_case("host"));
    if let Some((_, value)) = header {
        return host_in(value);
    }
    let (_, rest) = line.split_once("://")?;
    let authority = rest.split(['/', '?', '\'', '"', ' ']).next()?;
    host_in(authority)
}

/// The host of a domain line, or of a request's `Host:` value or URL authority.
fn host_in(text: &str) -> Option<String> {
    // A domain line: a short label, then the host at the end (`Domain name for API request:
    // vpc.tencentcloudapi.com.`, `接口请求域名： cvm.tencentcloudapi.com 。`). A sentence that
    // names a host among other words (a note on the finance regions' hosts) is none.
    let text = text.trim().trim_end_matches(|c: char| c == '.' || c == '。' || c.is_whitespace());
    let is_host_char = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    let start = text.char_indices().rev().take_while(|(_, c)| is_host_char(*c)).last().map(|(i, _)| i)?;
    let (label, host) = text.split_at(start);
    let host = host.trim_start_matches(['.', '-']);
    let short_label = label.chars().count() <= 60
        && label.split_whitespace().count() <= 8
        && !label.contains(['。', '，', ','])
        && !label.contains(". ");
    (short_label && host.ends_with(".tencentcloudapi.com") && host.len() > ".tencentcloudapi.com".len())
        .then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(
            host_in("Domain name for API request: vpc.intl.tencentcloudapi.com.").as_deref(),
            Some("vpc.intl.tencentcloudapi.com")
        );
        assert_eq!(host_in("接口请求域名： cvm.tencentcloudapi.com 。").as_deref(), Some("cvm.tencentcloudapi.com"));
        assert_eq!(host_in("API 요청 도메인 이름: as.tencentcloudapi.com.").as_deref(), Some("as.tencentcloudapi.com"));
        assert_eq!(host_in("Domain name for API request:"), None);
        assert_eq!(host_in("vpc.tencentcloudapi.com").as_deref(), Some("vpc.tencentcloudapi.com"));
        // A note naming another host is no domain line.
        assert_eq!(
            host_in("Note: This API supports Finance regions. Use a domain such as vpc.ap-shanghai-fsi.tencentcloudapi.com."),
            None
        );
        assert_eq!(host_in("注意：本接口支持金融区地域，例如：tke.ap-shanghai-fsi.tencentcloudapi.com。"), None);
        assert_eq!(host_in("Domain name for API request: 域名 ★ ü"), None);
    }

    #[test]
    fn hosts_of_examples() {
        assert_eq!(request_host("Host: cvm.tencentcloudapi.com").as_deref(), Some("cvm.tencentcloudapi.com"));
        assert_eq!(request_host("host:cvm.intl.tencentcloudapi.com ").as_deref(), Some("cvm.intl.tencentcloudapi.com"));
        assert_eq!(
            request_host("https://cvm.tencentcloudapi.com/?Action=DescribeZones&Version=2017-03-12").as_deref(),
            Some("cvm.tencentcloudapi.com")
        );
        assert_eq!(
            request_host("curl -X POST 'https://vpc.tencentcloudapi.com' -d '{}'").as_deref(),
            Some("vpc.tencentcloudapi.com")
        );
        assert_eq!(request_host("\"Domain\": \"cvm.tencentcloudapi.com\","), None);
        assert_eq!(request_host("Host: example.com"), None);
        assert_eq!(request_host("https://"), None);
        assert_eq!(request_host("Ĥost: 主机"), None);
    }

    #[test]
    fn actions_of_examples() {
        assert_eq!(request_action("X-TC-Action: DescribeZones").as_deref(), Some("DescribeZones"));
        assert_eq!(
            request_action("https://cvm.tencentcloudapi.com/?Action=DescribeZones&Version=2017-03-12").as_deref(),
            Some("DescribeZones")
        );
        assert_eq!(request_action("https://x/?Region=a&Action=RunIt").as_deref(), Some("RunIt"));
        assert_eq!(request_action("X-TC-Action: describe zones"), None);
        assert_eq!(request_action("?Action="), None);
        assert_eq!(request_action("Ação: 名前"), None);
    }

    #[test]
    fn file_stems() {
        assert_eq!(file_stem("cvm/2017-03-12/DescribeZones.md"), Some("DescribeZones"));
        assert_eq!(file_stem("DescribeZones"), Some("DescribeZones"));
        assert_eq!(file_stem("a\\b\\Run.txt"), Some("Run"));
    }

    #[test]
    fn names_from_the_description() {
        assert_eq!(name_in_description("本接口 (CreateKeyPair) 用于创建").as_deref(), Some("CreateKeyPair"));
        assert_eq!(name_in_description("This API (CreateVpc) is used to create VPCs.").as_deref(), Some("CreateVpc"));
        assert_eq!(
            name_in_description("본 API(CreateLaunchConfiguration)는").as_deref(),
            Some("CreateLaunchConfiguration")
        );
        assert_eq!(name_in_description("Note (such as ap-shanghai-fsi)"), None);
    }

    #[test]
    fn common_param_values() {
        let row = |d: &str| RawParam {
            line: 3,
            name: "Version".into(),
            list_suffix: false,
            required: Some(true),
            ty: "String".into(),
            description: d.into(),
        };
        for d in [
            "Common parameter. The value used for this API: 2017-03-12.",
            "公共参数，本接口取值：2017-03-12。",
            "共通パラメータ。本インターフェースの値：2017-03-12",
            "공통 매개변수, 본 API 값: 2017-03-12",
        ] {
            assert_eq!(common_param_value(&[row(d)], "Version"), Some(("2017-03-12".to_string(), 3)), "{d}");
        }
    }
}
