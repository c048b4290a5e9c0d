//! The product and version a folder's pages state, checked against the folder.

use super::warning::Warning;
use crate::error::{Error, ErrorKind, Result};
use crate::extract::{common_param_value, request_field, RawAction};

/// The product and version the pages state, checked against the folder they lie in.
///
/// A page that states no product (no domain line, no request host in its examples) or no
/// version (no `Version` row, or one holding something else) takes the folder's, with a
/// warning. A real version (`2017-03-12`, or a date written otherwise and mended) that
/// disagrees with the folder is an error, as is a product that does.
pub(super) fn product_version(
    display: &str,
    expected: Option<&(String, String)>,
    actions: &[RawAction],
    warnings: &mut Vec<Warning>,
) -> Result<(String, String)> {
    let mut found: Option<(String, String, String)> = None; // product, version, file
    for raw in actions {
        let (product, host_line) = product_of(raw, expected, warnings)?;
        let version = version_of(raw, expected, warnings)?;
        if let Some((want_product, want_version)) = expected {
            if &product != want_product {
                return Err(Error::new(
                    &raw.file,
                    host_line,
                    ErrorKind::FolderMismatch { what: "product".into(), page: product, folder: want_product.clone() },
                ));
            }
            if &version.0 != want_version {
                return Err(Error::new(
                    &raw.file,
                    version.1,
                    ErrorKind::FolderMismatch { what: "version".into(), page: version.0, folder: want_version.clone() },
                ));
            }
        }
        match &found {
            None => found = Some((product, version.0, raw.file.clone())),
            Some((p, v, other_file)) => {
                if p != &product {
                    return Err(Error::new(
                        &raw.file,
                        host_line,
                        ErrorKind::MixedFolder {
                            what: "products".into(),
                            this: product,
                            other: p.clone(),
                            other_file: other_file.clone(),
                        },
                    ));
                }
                if v != &version.0 {
                    return Err(Error::new(
                        &raw.file,
                        version.1,
                        ErrorKind::MixedFolder {
                            what: "versions".into(),
                            this: version.0,
                            other: v.clone(),
                            other_file: other_file.clone(),
                        },
                    ));
                }
            }
        }
    }
    match (found, expected) {
        (Some((p, v, _)), _) => Ok((p, v)),
        (None, Some((p, v))) => Ok((p.clone(), v.clone())),
        (None, None) => Err(Error::new(
            display,
            0,
            ErrorKind::Other { message: "no action pages: cannot tell the product and version".into() },
        )),
    }
}

fn warn(warnings: &mut Vec<Warning>, raw: &RawAction, line: u32, message: String) {
    warnings.push(Warning { file: raw.file.clone(), line, message });
}

/// The product the page's host names (`vpc` of `vpc.intl.tencentcloudapi.com`) and the
/// host's line; without a usable host, the folder's product (with a warning).
fn product_of(
    raw: &RawAction,
    expected: Option<&(String, String)>,
    warnings: &mut Vec<Warning>,
) -> Result<(String, u32)> {
    let (host, line) = match &raw.host {
        Some((host, line)) => (Some(host.as_str()), *line),
        None => (None, raw.title_line),
    };
    let product = host.and_then(|h| h.split('.').next()).unwrap_or("");
    if let (true, Some(host), Some((folder, _))) = (raw.host_from_example, host, expected) {
        if product != folder {
            let message = format!(
                "the example's request host `{host}` names no product or another one than the folder: read as the folder's product `{folder}`"
            );
            warn(warnings, raw, line, message);
            return Ok((folder.clone(), line));
        }
    }
    if is_product_name(product) {
        return Ok((product.to_string(), line));
    }
    match (host, expected) {
        (Some(host), Some((folder, _))) => {
            let message = format!("the host `{host}` names no product: read as the folder's product `{folder}`");
            warn(warnings, raw, line, message);
            Ok((folder.clone(), line))
        }
        (None, Some((folder, _))) => {
            let message = format!(
                "the page names no request host (no domain line, no host in its examples): read as the folder's product `{folder}`"
            );
            warn(warnings, raw, line, message);
            Ok((folder.clone(), line))
        }
        (Some(host), None) => Err(Error::expected(
            &raw.file,
            line,
            "a host such as `vpc.tencentcloudapi.com` (a product name of lower-case letters and digits)",
            format!("`{host}`"),
        )),
        (None, None) => Err(Error::expected(
            &raw.file,
            line,
            "the API's domain name (`Domain name for API request: <product>.tencentcloudapi.com`) in section 1",
            "none",
        )),
    }
}

/// The version the page states and its line. A date written otherwise (`2017/03/20`,
/// `2/28/2018`, `2018-2-28`) is read as the version it means; a `Version` row holding
/// something else (the action's name), or none, gives the folder's version; each with a
/// warning.
fn version_of(
    raw: &RawAction,
    expected: Option<&(String, String)>,
    warnings: &mut Vec<Warning>,
) -> Result<(String, u32)> {
    let stated = common_param_value(&raw.input, "Version");
    if let Some((stated, line)) = &stated {
        if is_version(stated) {
            return Ok((stated.clone(), *line));
        }
        if let Some(mended) = mend_date(stated) {
            let message = format!("the `Version` row writes the version `{stated}`: read as `{mended}`");
            warn(warnings, raw, *line, message);
            return Ok((mended, *line));
        }
    }
    let line = stated.as_ref().map_or(raw.input_line, |(_, l)| *l);
    let what = match &stated {
        Some((value, _)) => format!("the `Version` row holds `{value}`, not a version"),
        None => "the page states no version (no `Version` row)".to_string(),
    };
    // The folder's version; in a folder that names none, the examples' requests'.
    match (expected, example_version(raw)) {
        (Some((_, folder)), _) => {
            warn(warnings, raw, line, format!("{what}: read as the folder's version `{folder}`"));
            Ok((folder.clone(), line))
        }
        (None, Some((version, example_line))) => {
            warn(
                warnings,
                raw,
                line,
                format!("{what}: read as the version `{version}` of the example at line {example_line}"),
            );
            Ok((version, line))
        }
        (None, None) => match &stated {
            Some((value, line)) => Err(Error::expected(
                &raw.file,
                *line,
                "a version such as `2017-03-12` in the `Version` row",
                format!("`{value}`"),
            )),
            None => Err(Error::expected(&raw.file, line, "a `Version` row stating the API version", "none")),
        },
    }
}

/// The version the examples' requests state (`X-TC-Version: 2017-03-12`,
/// `…&Version=2017-03-12`) and the line of the example.
fn example_version(raw: &RawAction) -> Option<(String, u32)> {
    raw.examples
        .iter()
        .filter_map(|e| e.input.as_ref())
        .find_map(|(code, line)| code.lines().find_map(request_version).map(|v| (v, *line)))
}

/// `X-TC-Version: 2017-03-12` → `2017-03-12`; `…?Action=X&Version=2017-03-12` too.
fn request_version(line: &str) -> Option<String> {
    request_field(line, "X-TC-Version", "Version").filter(|v| is_version(v)).map(str::to_string)
}

/// A date written other than `YYYY-MM-DD`, as the version it means: `2018/02/28`,
/// `2018.2.28`, `2018-2-28`, `2/28/2018` (month first, as the English pages write it; day
/// first when the first number cannot be a month: `28/2/2018`).
pub fn mend_date(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.trim().split(['-', '/', '.', '_']).collect();
    let [a, b, c] = parts.as_slice() else { return None };
    if ![a, b, c].iter().all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let num = |p: &str| p.parse::<u32>().ok();
    let (year, month, day) = if a.len() == 4 {
        (num(a)?, num(b)?, num(c)?)
    } else if c.len() == 4 {
        let (x, y) = (num(a)?, num(b)?);
        if x > 12 {
            (num(c)?, y, x)
        } else {
            (num(c)?, x, y)
        }
    } else {
        return None;
    };
    ((1..=12).contains(&month) && (1..=31).contains(&day) && year >= 1000)
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// `vpc`, `cvm`, `tke`: what may name a product (the first label of its host).
pub fn is_product_name(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase()) && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

/// `2017-03-12`.
pub fn is_version(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_of_example_requests() {
        assert_eq!(request_version("X-TC-Version: 2017-03-12").as_deref(), Some("2017-03-12"));
        assert_eq!(request_version("https://x/?Action=A&Version=2017-03-12&Region=b").as_deref(), Some("2017-03-12"));
        assert_eq!(request_version("https://x/?Version=2017-03-12").as_deref(), Some("2017-03-12"));
        assert_eq!(request_version("X-TC-Version: latest"), None);
        assert_eq!(request_version("\"Version\": \"1\""), None);
        assert_eq!(request_version("版本: 2017-03-12"), None);
    }

    #[test]
    fn dates_are_mended() {
        for (written, read) in [
            ("2/28/2018", "2018-02-28"),
            ("28/2/2018", "2018-02-28"),
            ("2018/02/28", "2018-02-28"),
            ("2018-2-28", "2018-02-28"),
            ("2018.02.28", "2018-02-28"),
            ("2017_03_12", "2017-03-12"),
            (" 12/1/2019 ", "2019-12-01"),
        ] {
            assert_eq!(mend_date(written).as_deref(), Some(read), "{written}");
        }
        for odd in [
            "DescribeZones",
            "2018-13-01",
            "13/13/2018",
            "2018/02",
            "2018-02-28-1",
            "18/2/28",
            "",
            "2018-0x-01",
            "２０１８/1/1",
            "2018//1",
        ] {
            assert_eq!(mend_date(odd), None, "{odd}");
        }
    }

    #[test]
    fn names_are_checked() {
        assert!(is_version("2017-03-12"));
        assert!(!is_version("2017-03-1x") && !is_version("2017-03-122") && !is_version("2017\u{fffd}03-12"));
        assert!(is_product_name("vpc") && is_product_name("cvm2"));
        assert!(
            !is_product_name("Vpc") && !is_product_name("") && !is_product_name("v-pc") && !is_product_name("\u{fffd}")
        );
    }
}
