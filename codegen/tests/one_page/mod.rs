//! One action page lowered alone, as the tests of pages never seen read it.

use codegen::ir::Action;
use codegen::pages::SourceFile;
use codegen::{lower_sources, Warning};

/// Lowers one page as `demo/2020-01-01/Run.<ext>`: the action `Run` and the warnings,
/// without the file name.
pub fn lower(ext: &str, text: String) -> (Action, Vec<String>) {
    let file = format!("demo/2020-01-01/Run.{ext}");
    let page = SourceFile::new(file.clone(), file.clone(), text);
    let expected = Some(("demo".to_string(), "2020-01-01".to_string()));
    let (api, warnings) = lower_sources(&[page], "demo/2020-01-01", expected).unwrap_or_else(|e| panic!("{ext}: {e}"));
    let prefix = format!("{file}:");
    let warnings = warnings.iter().map(Warning::to_string).map(|w| w.strip_prefix(&prefix).unwrap_or(&w).to_string());
    let action = api.actions.get("Run").cloned().unwrap_or_else(|| panic!("no action `Run`: {:?}", api.actions.keys()));
    (action, warnings.collect())
}
