//! The text front-end on the whole VPC corpus: every table row the oracle lists, and no other.
//! Skipped with a notice when `../shared/corpus` is absent.

use std::path::PathBuf;

use codegen::pages::{PageRecord, SourceFile};

fn corpus() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("notice: ../shared/corpus is absent; corpus test skipped");
        None
    }
}

#[test]
fn text_tables_match_the_oracle() {
    let Some(corpus) = corpus() else { return };
    let dir = corpus.join("vpc/2017-03-12");
    let oracle: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("oracle.json")).unwrap()).unwrap();
    let mut mismatches = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir.join("txt")).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    let files: Vec<SourceFile> = entries.iter().map(|path| SourceFile::read(path).unwrap()).collect();
    // Read as regen reads a folder: the Data Types page's structure names tell rows from
    // description lines.
    for record in codegen::pages::extract_pages(&files).unwrap() {
        match record.record {
            PageRecord::Action(a) => {
                let want = &oracle["actions"][&a.name];
                let got_in: Vec<String> = a
                    .input
                    .iter()
                    .filter(|p| !["Action", "Version", "Region"].contains(&p.name.as_str()))
                    .map(|p| format!("{} {} {}", p.name, p.ty, p.required.unwrap()))
                    .collect();
                let want_in: Vec<String> = want["input"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| {
                        format!("{} {} {}", p["name"].as_str().unwrap(), p["type"].as_str().unwrap(), p["required"])
                    })
                    .collect();
                if got_in != want_in {
                    mismatches.push(format!("{}: input {:?} != {:?}", a.name, got_in, want_in));
                }
                let got_out: Vec<String> = a.output.iter().map(|p| format!("{} {}", p.name, p.ty)).collect();
                let want_out: Vec<String> = want["output"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|p| format!("{} {}", p["name"].as_str().unwrap(), p["type"].as_str().unwrap()))
                    .collect();
                if got_out != want_out {
                    mismatches.push(format!("{}: output {:?} != {:?}", a.name, got_out, want_out));
                }
                let got_err: Vec<&str> = a.errors.iter().map(|e| e.code.as_str()).collect();
                let want_err: Vec<&str> =
                    want["errors"].as_array().unwrap().iter().map(|e| e.as_str().unwrap()).collect();
                if got_err != want_err {
                    mismatches.push(format!("{}: errors {:?} != {:?}", a.name, got_err, want_err));
                }
            }
            PageRecord::DataTypes((_, types)) => {
                let want = oracle["data_types"].as_object().unwrap();
                let got_names: Vec<&str> = types.iter().map(|t| t.name.as_str()).collect();
                let want_names: Vec<&str> = want.keys().map(String::as_str).collect();
                if got_names != want_names {
                    mismatches.push(format!("data type names {:?} != {:?}", got_names, want_names));
                }
                for t in &types {
                    let Some(w) = want.get(&t.name) else { continue };
                    let got: Vec<String> =
                        t.fields.iter().map(|f| format!("{} {} {:?}", f.name, f.ty, f.required)).collect();
                    let wanted: Vec<String> = w["fields"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|f| {
                            format!(
                                "{} {} {:?}",
                                f["name"].as_str().unwrap(),
                                f["type"].as_str().unwrap(),
                                f["required"].as_bool()
                            )
                        })
                        .collect();
                    if got != wanted {
                        mismatches.push(format!("{}: fields {:?} != {:?}", t.name, got, wanted));
                    }
                }
            }
            PageRecord::ErrorCodes(codes) => {
                for (got, key) in [(&codes.common, "common"), (&codes.service, "service")] {
                    let got: Vec<&str> = got.iter().map(|c| c.code.as_str()).collect();
                    let want: Vec<&str> =
                        oracle["error_codes"][key].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
                    if got != want {
                        mismatches.push(format!("{key} codes differ: {} vs {}", got.len(), want.len()));
                    }
                }
            }
        }
    }
    assert!(mismatches.is_empty(), "{} mismatches:\n{}", mismatches.len(), mismatches.join("\n"));
}
