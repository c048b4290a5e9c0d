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
pub type Checks = BTreeMap<(String, String), Bounds>;

/// A limit's inclusive minimum and maximum.
pub type Bounds = (Option<f64>, Option<f64>);

/// The checks a `validate_limits` body makes, those on the fields of an input's structure
/// (inside `for item in …` / `if let Some(item) = …`) named by their wire name (`Tags.Key`).
pub(super) fn checks_of(block: &syn::Block) -> Checks {
    let mut checks = Checks::new();
    collect(&block.stmts, &mut checks);
    checks
}

fn collect(stmts: &[syn::Stmt], checks: &mut Checks) {
    for stmt in stmts {
        let syn::Stmt::Expr(expr, _) = stmt else { continue };
        match expr {
            Expr::ForLoop(f) => collect(&f.body.stmts, checks),
            Expr::If(i) => collect(&i.then_branch.stmts, checks),
            Expr::Block(b) => collect(&b.block.stmts, checks),
            Expr::Try(t) => {
                if let Some((key, bounds)) = check_call(&t.expr) {
                    checks.insert(key, bounds);
                }
            }
            _ => {}
        }
    }
}

/// `crate::check_range("Period", &self.period, Some(7.0), Some(732.0))`.
fn check_call(expr: &Expr) -> Option<((String, String), Bounds)> {
    let Expr::Call(call) = expr else { return None };
    let Expr::Path(func) = &*call.func else { return None };
    let name = func.path.segments.last()?.ident.to_string();
    let check = name.strip_prefix("check_")?;
    // `check_range_or_default` accepts the default outside the range besides: a range.
    let check = check.strip_suffix("_or_default").unwrap_or(check);
    let args: Vec<&Expr> = call.args.iter().collect();
    let (wire, value, min, max) = match args.as_slice() {
        [wire, value, min, max] | [wire, value, min, max, _] => (wire, value, min, max),
        _ => return None,
    };
    // A field of the request by its Rust name; one of its structure by its wire name.
    let field = match (field_of(value), wire) {
        (Some(field), _) => field,
        (None, Expr::Lit(syn::ExprLit { lit: Lit::Str(s), .. })) => s.value(),
        _ => return None,
    };
    Some(((field, check.to_string()), (bound(min), bound(max))))
}

/// `&self.period` → `period`.
fn field_of(expr: &Expr) -> Option<String> {
    let Expr::Reference(r) = expr else { return None };
    let Expr::Field(f) = &*r.expr else { return None };
    if !matches!(&*f.base, Expr::Path(p) if p.path.is_ident("self")) {
        return None;
    }
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
fn shown(limit: Option<&Bounds>, check: &str) -> String {
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
                for item in self.tags.iter().flatten() {
                    crate::check_chars("Tags.Key", &item.key, Some(1), Some(127))?;
                }
                if let Some(item) = &self.main {
                    crate::check_range("Main.Weight", &item.weight, Some(0.0), None)?;
                }
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
                ("Main.Weight", "range", Some(0.0), None),
                ("Tags.Key", "chars", Some(1.0), Some(127.0)),
                ("ids", "items", Some(1.0), Some(5.0)),
                ("interval", "range", Some(10.0), Some(600.0)),
                ("name", "chars", None, Some(60.0)),
                ("period", "range", Some(7.0), Some(732.0)),
                ("ratio", "range", Some(-1.5), None),
            ]
        );
    }
}
