//! `cargo xtask diff` on real history: the VPC API as it stood on 2025-11-18 and as it
//! stands now. The changes must be exactly those between the two `oracle.json` files
//! (computed here independently), plus the nullability changes the oracle format cannot
//! express. Skipped with a notice when `../shared/corpus` is absent.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

fn corpus() -> Option<PathBuf> {
    let dir = xtask::workspace_root().join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("notice: ../shared/corpus is absent; history test skipped");
        None
    }
}

fn read(path: PathBuf) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn by_name(list: &Value) -> Vec<(String, &Value)> {
    list.as_array().unwrap().iter().map(|f| (f["name"].as_str().unwrap().to_string(), f)).collect()
}

/// The (kind, path) of every change between two oracles.
fn oracle_changes(old: &Value, new: &Value) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    let mut add = |kind: &str, path: String| {
        out.insert((kind.to_string(), path));
    };
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<BTreeSet<_>>();
    let (oa, na) = (&old["actions"], &new["actions"]);
    for name in keys(oa).union(&keys(na)) {
        let (o, n) = (&oa[name], &na[name]);
        if o.is_null() {
            add("action-added", name.clone());
            continue;
        }
        if n.is_null() {
            add("action-removed", name.clone());
            continue;
        }
        for side in ["input", "output"] {
            let (of, nf) = (by_name(&o[side]), by_name(&n[side]));
            for (field, ov) in &of {
                match nf.iter().find(|(f, _)| f == field) {
                    None => add(&format!("{side}-removed"), format!("{name}.{field}")),
                    Some((_, nv)) => {
                        if ov["type"] != nv["type"] {
                            add(&format!("{side}-type"), format!("{name}.{field}"));
                        }
                        if side == "input" && ov["required"] != nv["required"] {
                            add("input-required", format!("{name}.{field}"));
                        }
                    }
                }
            }
            for (field, _) in nf.iter().filter(|(f, _)| !of.iter().any(|(g, _)| g == f)) {
                add(&format!("{side}-added"), format!("{name}.{field}"));
            }
        }
        let codes = |v: &Value| {
            v["errors"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect::<BTreeSet<_>>()
        };
        for code in codes(n).difference(&codes(o)) {
            add("error-added", format!("{name}:{code}"));
        }
        for code in codes(o).difference(&codes(n)) {
            add("error-removed", format!("{name}:{code}"));
        }
    }
    let (ot, nt) = (&old["data_types"], &new["data_types"]);
    for name in keys(ot).union(&keys(nt)) {
        let (o, n) = (&ot[name], &nt[name]);
        if o.is_null() {
            add("type-added", name.clone());
            continue;
        }
        if n.is_null() {
            add("type-removed", name.clone());
            continue;
        }
        let (of, nf) = (by_name(&o["fields"]), by_name(&n["fields"]));
        for (field, ov) in &of {
            match nf.iter().find(|(f, _)| f == field) {
                None => add("field-removed", format!("{name}.{field}")),
                Some((_, nv)) => {
                    if ov["type"] != nv["type"] {
                        add("field-type", format!("{name}.{field}"));
                    }
                    if ov.get("required") != nv.get("required") {
                        add("field-required", format!("{name}.{field}"));
                    }
                }
            }
        }
        for (field, _) in nf.iter().filter(|(f, _)| !of.iter().any(|(g, _)| g == f)) {
            add("field-added", format!("{name}.{field}"));
        }
    }
    out
}

#[test]
fn diff_of_the_vpc_history_matches_the_oracles() {
    let Some(corpus) = corpus() else { return };
    let old_dir = corpus.join("vpc-history/2025-11-18");
    let new_dir = corpus.join("vpc/2017-03-12");
    let expected = oracle_changes(&read(old_dir.join("oracle.json")), &read(new_dir.join("oracle.json")));
    assert_eq!(expected.iter().filter(|(k, _)| k == "action-added").count(), 13);

    let (_, changes) =
        xtask::diff::changes(old_dir.join("txt").to_str().unwrap(), new_dir.join("txt").to_str().unwrap()).unwrap();
    let got: BTreeSet<(String, String)> =
        changes.iter().map(|c| (c.kind.as_str().to_string(), c.path.clone())).collect();
    let missing: Vec<_> = expected.difference(&got).collect();
    assert!(missing.is_empty(), "changes the oracles show but the diff misses: {missing:?}");
    // Beyond the oracles: fields of output structures whose "may return null" note came or
    // went. The generated type changes (`Option<T>` ↔ `T`), so the diff reports them.
    let extra: Vec<_> =
        changes.iter().filter(|c| !expected.contains(&(c.kind.as_str().to_string(), c.path.clone()))).collect();
    for c in &extra {
        let (old, new) = (c.old.as_deref().unwrap_or(""), c.new.as_deref().unwrap_or(""));
        assert_eq!(c.kind.as_str(), "field-type", "{c:?}");
        assert!(c.breaking);
        assert!(
            old.strip_suffix(", may be null") == Some(new) || new.strip_suffix(", may be null") == Some(old),
            "{c:?}"
        );
    }
    let extra_paths: Vec<&str> = extra.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(
        extra_paths,
        [
            "Address.TagSet",
            "Address.UnVpcId",
            "EndPoint.ServiceName",
            "ItemPrice.ChargeUnit",
            "ItemPrice.DiscountPrice",
            "ItemPrice.OriginalPrice",
            "ItemPrice.UnitPrice"
        ]
    );
    // Additions are not breaking; the nullability changes are.
    assert_eq!(changes.iter().filter(|c| c.breaking).count(), extra.len());
}

fn xtask(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xtask")).args(args).current_dir(xtask::workspace_root()).output().unwrap()
}

#[test]
fn diff_command_formats_and_exit_codes() {
    let Some(corpus) = corpus() else { return };
    let old = corpus.join("vpc-history/2025-11-18/txt");
    let new = corpus.join("vpc/2017-03-12/txt");
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());

    let json = xtask(&["diff", "--old", old, "--new", new, "--format", "json"]);
    assert_eq!(json.status.code(), Some(1), "changes: exit 1");
    let list: Value = serde_json::from_slice(&json.stdout).unwrap();
    let first = &list.as_array().unwrap()[0];
    assert_eq!(first["kind"], "action-added");
    assert_eq!(first["breaking"], false);
    assert!(first["path"].is_string());
    let retyped = list.as_array().unwrap().iter().find(|c| c["path"] == "Address.TagSet").unwrap();
    assert_eq!(
        (&retyped["old"], &retyped["new"]),
        (&Value::from("Array of Tag, may be null"), &Value::from("Array of Tag"))
    );

    let markdown = xtask(&["diff", "--old", old, "--new", new]);
    assert_eq!(markdown.status.code(), Some(1));
    let text = String::from_utf8(markdown.stdout).unwrap();
    assert!(text.starts_with("## API changes: vpc 2017-03-12\n"), "{text}");
    assert!(text.contains("| actions added | 13 | 0 |"), "{text}");
    assert!(text.contains("#### `CreateVpnGateway`\n\n- input `BgpAsn` added (Integer, optional)\n"), "{text}");
    assert!(text.contains("\n### Actions added (13)\n\n`CheckTrafficMirror`, `CreateTrafficMirror`, "), "{text}");

    let same = xtask(&["diff", "--old", new, "--new", new]);
    assert_eq!(same.status.code(), Some(0), "no changes: exit 0");
    assert!(String::from_utf8_lossy(&same.stdout).contains("No API changes."));

    let ir = xtask::workspace_root().join("generated/ir/vpc-2017-03-12.json");
    let against_git = xtask(&["diff", "--old", "git:HEAD", "--new", ir.to_str().unwrap()]);
    assert_eq!(against_git.status.code(), Some(0), "{}", String::from_utf8_lossy(&against_git.stderr));

    let error = xtask(&["diff", "--old", "no/such/thing", "--new", new]);
    assert_eq!(error.status.code(), Some(2), "errors: exit 2");
    assert!(String::from_utf8_lossy(&error.stderr).contains("no/such/thing"));
}
