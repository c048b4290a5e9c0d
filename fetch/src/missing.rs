//! Pages of a product that are not there, as the run reports them: a page the manifest
//! lists that its source no longer has is **gone** (`gone: …`, kept until the user deletes
//! it), and pages its pages link to that the site never had are **lacking** (one warning).

/// A page of a product the manifest lists that its source no longer has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gone {
    /// Its place under the docs folder.
    pub place: String,
    /// Why it is gone (`HTTP 404 Not Found`, `source file removed`).
    pub why: String,
}

impl Gone {
    /// `gone: <place> (<why>; kept, delete it to drop the action)`.
    pub fn report(&self) -> String {
        let stem = self.place.rsplit('/').next().unwrap_or("").split('.').next().unwrap_or("");
        let what = if matches!(stem, "DataTypes" | "ErrorCodes") { "page" } else { "action" };
        format!("gone: {} ({}; kept, delete it to drop the {what})", self.place, self.why)
    }
}

/// The warning for the pages of a product that its pages link to and the site lacks
/// (never kept, so nothing is gone): their ids, the first twenty.
pub fn lacking_line(overview: &str, mut ids: Vec<String>) -> String {
    ids.sort_by(|a, b| (a.len(), a).cmp(&(b.len(), b)));
    ids.dedup();
    let shown = ids.iter().take(20).map(String::as_str).collect::<Vec<_>>().join(", ");
    let more = if ids.len() > 20 { format!(" and {} more", ids.len() - 20) } else { String::new() };
    let pages = if ids.len() == 1 { "page" } else { "pages" };
    format!(
        "warning: {overview}: {} linked {pages} the site does not have (HTTP 404), never kept, not counted: {shown}{more}",
        ids.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gone_lines() {
        let gone = Gone { place: "cvm/2017-03-12/X.html".to_string(), why: "HTTP 404 Not Found".to_string() };
        assert_eq!(
            gone.report(),
            "gone: cvm/2017-03-12/X.html (HTTP 404 Not Found; kept, delete it to drop the action)"
        );
        let gone = Gone { place: "cvm/2017-03-12/DataTypes.md".to_string(), why: "source file removed".to_string() };
        assert_eq!(
            gone.report(),
            "gone: cvm/2017-03-12/DataTypes.md (source file removed; kept, delete it to drop the page)"
        );
    }

    #[test]
    fn lacking_lines() {
        let ids = |n: std::ops::Range<u32>| n.rev().map(|i| i.to_string()).collect::<Vec<_>>();
        assert_eq!(
            lacking_line("http://x/document/api/1/2", ids(99..101)),
            "warning: http://x/document/api/1/2: 2 linked pages the site does not have (HTTP 404), never kept, not counted: 99, 100"
        );
        let line = lacking_line("o", ids(1..31));
        assert!(
            line.ends_with(": 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20 and 10 more"),
            "{line}"
        );
        assert!(line.contains(": 30 linked pages"));
    }
}
