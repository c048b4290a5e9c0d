//! The oracle: what a faithful parser must extract from a product version's pages
//! (`oracle.json`; format: `../shared/corpus/README.md`).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

/// What the oracle says of a product version.
#[derive(Debug, Deserialize)]
pub struct Oracle {
    pub product: String,
    pub version: String,
    pub actions: BTreeMap<String, OracleAction>,
    pub data_types: BTreeMap<String, OracleType>,
    pub error_codes: OracleCodes,
}

#[derive(Debug, Deserialize)]
pub struct OracleAction {
    pub input: Vec<OracleField>,
    pub output: Vec<OracleField>,
    pub errors: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct OracleType {
    pub has_required_column: bool,
    pub fields: Vec<OracleField>,
}

#[derive(Debug, Deserialize)]
pub struct OracleField {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default)]
    pub required: Option<bool>,
}

#[derive(Debug, Deserialize)]
pub struct OracleCodes {
    pub common: Vec<String>,
    pub service: Vec<String>,
}

/// Reads an `oracle.json` file.
pub fn load_oracle(path: &Path) -> Result<Oracle> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read the oracle", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{}: not an oracle file", path.display()))
}
