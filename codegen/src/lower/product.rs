//! The product and version a folder's pages state, checked against the folder.

use super::warning::Warning;
use crate::error::{Error, ErrorKind, Result};
use crate::extract::{common_param_value, RawAction};

/// The product and version the pages state, checked against the folder they lie in.
pub(super) fn product_version(
    display: &str,
    expected: Option<&(String, String)>,
    actions: &[RawAction],
    warnings: &mut Vec<Warning>,
) -> Result<(String, String)> {
    let mut found: Option<(String, String, String)> = None; // product, version, file
    for raw in actions {
        let (host, host_line) = raw.host.clone().unwrap_or_default();
        let product = host.split('.').next().unwrap_or("").to_string();
        let version = version_of(raw, &mut *warnings)?.ok_or_else(|| {
            Error::expected(&raw.file, raw.input_line, "a `Version` row stating the API version", "none")
        })?;
        if !is_product_name(&product) {
            return Err(Error::expected(
                &raw.file,
                host_line,
                "a host such as `vpc.tencentcloudapi.com` (a product name of lower-case letters and digits)",
                format!("`{host}`"),
            ));
        }
        if !is_version(&version.0) {
            return Err(Error::expected(
                &raw.file,
                version.1,
                "a version such as `2017-03-12` in the `Version` row",
                format!("`{}`", version.0),
            ));
        }
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

/// The version the `Version` row states. A date written with other separators
/// (`2017/03/20`) is read as the version it means, with a warning.
fn version_of(raw: &RawAction, warnings: &mut Vec<Warning>) -> Result<Option<(String, u32)>> {
    let Some((stated, line)) = common_param_value(&raw.input, "Version") else { return Ok(None) };
    if is_version(&stated) {
        return Ok(Some((stated, line)));
    }
    let mended: String = stated.chars().map(|c| if matches!(c, '/' | '.' | '_') { '-' } else { c }).collect();
    if is_version(&mended) {
        warnings.push(Warning {
            file: raw.file.clone(),
            line,
            message: format!("the `Version` row writes the version `{stated}`: read as `{mended}`"),
        });
        return Ok(Some((mended, line)));
    }
    Ok(Some((stated, line)))
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
    fn names_are_checked() {
        assert!(is_version("2017-03-12"));
        assert!(!is_version("2017-03-1x") && !is_version("2017-03-122") && !is_version("2017\u{fffd}03-12"));
        assert!(is_product_name("vpc") && is_product_name("cvm2"));
        assert!(
            !is_product_name("Vpc") && !is_product_name("") && !is_product_name("v-pc") && !is_product_name("\u{fffd}")
        );
    }
}
