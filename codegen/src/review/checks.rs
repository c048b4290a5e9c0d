//! The documented limits a generated request checks (its `validate_limits`: one
//! `crate::check_range("Period", &self.period, Some(7.0), Some(732.0))?;` per limit), read
//! with syn, and how they change: a limit tightened refuses requests that were sent before
//! (a behaviour change, **major**); one loosened sends requests that were refused
//! (**minor**). Either way the public items stay the same.

use std::collections::BTreeMap;

use syn::{Expr, Lit};

use super::rust_change::{Bump, RustChange, RustKind};

/// The checks of one request: (field, check) → (minimum, maximum); `check` is `range`,
/// `chars`, `bytes` or `items`.
pub type Checks = BTreeMap<(String, String), (Option<f64>, Option<f64>)>;

/// The checks a `validate_limits` body makes.
pub(super) fn checks_of(block: &syn::Block) -> Checks {
    let mut checks = Checks::new();
    for stmt in &block.stmts {
        let syn::Stmt::Expr(Expr::Try(t), _) = stmt else { continue };
        let Expr::Call(call) = &*t.expr else { continue };
        let Expr::Path(func) = &*call.func else { continue };
        let Some(name) = func.path.segments.last().map(|s| s.ident.to_string()) else { continue };
        let Some(check) = name.strip_prefix("check_") else { continue };
        // `check_range_or_default` accepts the default outside the range besides: a range.
        let check = check.strip_suffix("_or_default").unwrap_or(check);
        let args: Vec<&Expr> = call.args.iter().collect();
        let (value, min, max) = match args.as_slice() {
            [_, value, min, max] | [_, value, min, max, _] => (value, min, max),
            _ => continue,
        };
        let Some(field) = field_of(value) else { continue };
        checks.insert((field, check.to_string()), (bound(min), bound(max)));
    }
    checks
}

/// `&self.period` → `period`.
fn field_of(expr: &Expr) -> Option<String> {
    let Expr::Reference(r) = expr else { return None };
    let Expr::Field(f) = &*r.expr else { return None };
    match &f.member {
        syn::Member::Named(id) => Some(id.to_string()),
        syn::Member::Unnamed(i) => Some(i.index.to_string()),
    }
}

/// `Some(7.0)`, `Some(-1.5)`, `Some(60)` → the number; `None` → none.
fn bound(expr: &Expr) -> Option<f64> {
    let Expr::Call(call) = expr else { return None };
    let inner = call.args.first()?;
    let (negative, literal) = match inner {
        Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => (true, &*u.expr),
        other => (false, other),
    };
    let Expr::Lit(l) = literal else { return None };
    let n = match &l.lit {
        Lit::Float(f) => f.base10_parse::<f64>().ok()?,
        Lit::Int(i) => i.base10_parse::<f64>().ok()?,
        _ => return None,
    };
    Some(if negative { -n } else { n })
}

/// The limits that changed, request by request (public path, old checks, new checks), field
/// by field.
pub(super) fn limit_changes<'a>(
    requests: impl Iterator<Item = (&'a str, &'a Checks, &'a Checks)>,
    out: &mut Vec<RustChange>,
) {
    for (path, oc, nc) in requests {
        if oc == nc {
            continue;
        }
        let keys: std::collections::BTreeSet<&(String, String)> = oc.keys().chain(nc.keys()).collect();
        for key in keys {
            let (before, after) = (oc.get(key), nc.get(key));
            if before == after {
                continue;
            }
            let (field, check) = key;
            let tighter = match (before, after) {
                (None, Some(_)) => true,
                (Some(_), None) => false,
                (Some((omin, omax)), Some((nmin, nmax))) => {
                    raised(*omin, *nmin) || raised(omax.map(|m| -m), nmax.map(|m| -m))
                }
                (None, None) => continue,
            };
            let what = if check == "range" { "range" } else { "length" };
            let note = if tighter {
                format!("{what} tightened: a request the old limit let through is refused before it is sent (unless the client is built with `documented_limits(false)`)")
            } else {
                format!("{what} loosened: a request the old limit refused is sent")
            };
            out.push(RustChange {
                path: format!("{path}::{field}"),
                kind: RustKind::Behaviour,
                item: "validation",
                bump: if tighter { Bump::Major } else { Bump::Minor },
                old: Some(shown(before, check)),
                new: Some(shown(after, check)),
                note: Some(note),
                decoded: Vec::new(),
            });
        }
    }
}

/// Whether a minimum went up (or appeared).
fn raised(old: Option<f64>, new: Option<f64>) -> bool {
    match (old, new) {
        (None, Some(_)) => true,
        (Some(o), Some(n)) => n > o,
        _ => false,
    }
}

/// `7 to 732`, `at most 60 characters`, `none`.
fn shown(limit: Option<&(Option<f64>, Option<f64>)>, check: &str) -> String {
    let unit = match check {
        "range" => String::new(),
        "chars" => " characters".to_string(),
        other => format!(" {other}"),
    };
    match limit {
        Some((Some(min), Some(max))) => format!("{min} to {max}{unit}"),
        Some((Some(min), None)) => format!("at least {min}{unit}"),
        Some((None, Some(max))) => format!("at most {max}{unit}"),
        _ => "none".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_are_read_from_the_calls() {
        let block: syn::Block = syn::parse_str(
            r#"{
                crate::check_range("Period", &self.period, Some(7.0), Some(732.0))?;
                crate::check_range("Ratio", &self.ratio, Some(-1.5), None)?;
                crate::check_range_or_default("Interval", &self.interval, Some(10.0), Some(600.0), 0.0)?;
                crate::check_chars("Name", &self.name, None, Some(60))?;
                crate::check_items("Ids", &self.ids, Some(1), Some(5))?;
                Ok(())
            }"#,
        )
        .unwrap();
        let checks = checks_of(&block);
        let got: Vec<(&str, &str, Option<f64>, Option<f64>)> =
            checks.iter().map(|((f, c), (min, max))| (f.as_str(), c.as_str(), *min, *max)).collect();
        assert_eq!(
            got,
            [
                ("ids", "items", Some(1.0), Some(5.0)),
                ("interval", "range", Some(10.0), Some(600.0)),
                ("name", "chars", None, Some(60.0)),
                ("period", "range", Some(7.0), Some(732.0)),
                ("ratio", "range", Some(-1.5), None),
            ]
        );
    }
}
