//! The oracle: what a faithful parser must extract from a product version's pages
//! (`oracle.json`; format: `../shared/corpus/README.md`).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result};
use serde::Deserialize;

/// What the oracle says of a product version.
#[derive(Debug, Deserialize)]
pub struct Oracle {
    /// The product (`vpc`).
    pub product: String,
    /// The API version (`2017-03-12`).
    pub version: String,
    /// Every action, by name.
    pub actions: BTreeMap<String, OracleAction>,
    /// Every structure of the Data Types page, by name.
    pub data_types: BTreeMap<String, OracleType>,
    /// The codes of the Error Codes page.
    pub error_codes: OracleCodes,
}

/// An action: its parameters in page order, and the error codes its page lists.
#[derive(Debug, Deserialize)]
pub struct OracleAction {
    /// The input parameters.
    pub input: Vec<OracleField>,
    /// The output parameters.
    pub output: Vec<OracleField>,
    /// The error codes of its page.
    pub errors: Vec<String>,
}

/// A structure of the Data Types page.
#[derive(Debug, Deserialize)]
pub struct OracleType {
    /// Whether its table has a Required column.
    pub has_required_column: bool,
    /// Its fields, in page order.
    pub fields: Vec<OracleField>,
}

/// A parameter or a field.
#[derive(Debug, Deserialize)]
pub struct OracleField {
    /// Its name.
    pub name: String,
    /// Its type as the page writes it (`Array of String`).
    #[serde(rename = "type")]
    pub ty: String,
    /// Whether it is required (input parameters and fields of a table with a Required
    /// column).
    #[serde(default)]
    pub required: Option<bool>,
}

/// The error codes of a product version.
#[derive(Debug, Deserialize)]
pub struct OracleCodes {
    /// The common codes (every product's).
    pub common: Vec<String>,
    /// The codes of this product.
    pub service: Vec<String>,
}

/// Reads an `oracle.json` file.
pub fn load_oracle(path: &Path) -> Result<Oracle> {
    let text = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read the oracle", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{}: not an oracle file", path.display()))
}
