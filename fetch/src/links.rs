//! Finding a product's pages: the folder of its API overview page, and the links to pages
//! in that folder that a page carries.
//!
//! A product's pages live in one folder of the site (`/document/api/213/`, or with a
//! language prefix `/jp/document/api/213/`), each under a numeric id. A page reaches them
//! by `href` attributes (absolute paths, full URLs of the same site, sometimes with the
//! host written twice: `https://cloud.tencent.comhttps://cloud.tencent.com/document/…`)
//! and by the navigation tree the site embeds as JSON in a script
//! (`"link":"/document/api/213/15753"`): that is the only way to the Data Types and Error
//! Codes pages from the overview. No markup or JSON key is relied on: every occurrence of
//! the folder path followed by a page id is a link, when what comes before it is nothing
//! (an absolute path) or the site's own origin (a full URL); fragments and queries are
//! dropped.

use std::collections::BTreeSet;

use anyhow::{bail, Result};

/// The folder of a product's pages on one site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// `https://cloud.tencent.com` (scheme, host and port, if any).
    pub origin: String,
    /// `host[:port]`, as written in links.
    pub authority: String,
    /// `/document/api/213/` (always with both slashes).
    pub folder: String,
}

impl Site {
    /// The site and folder of a product's overview page URL: the folder is the URL's path
    /// up to its page id (`…/213/15689` → `…/213/`), or the whole path when it does not end
    /// with one (`…/213` → `…/213/`: the product's own folder). The fragment and query are
    /// ignored.
    pub fn of_overview(url: &str) -> Result<Site> {
        let Ok(parsed) = reqwest::Url::parse(url) else { bail!("`{url}` is not a URL") };
        if !matches!(parsed.scheme(), "http" | "https") {
            bail!("`{url}` is not an http or https URL");
        }
        let Some(host) = parsed.host_str() else { bail!("`{url}` names no host") };
        let authority = match parsed.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_string(),
        };
        let path = parsed.path().trim_end_matches('/');
        // Pages are numbered inside numbered product folders: the last number is a page
        // only when a number comes before it (`…/api/213/15689`, but `…/api/213`).
        let folder = match path.rsplit_once('/') {
            Some((folder, last)) if is_page_id(last) && folder.rsplit('/').next().is_some_and(is_page_id) => {
                format!("{folder}/")
            }
            _ => format!("{path}/"),
        };
        if folder == "/" {
            bail!("`{url}` names no folder of pages (expected a product's API overview, `…/document/api/213/15689`)");
        }
        Ok(Site { origin: format!("{}://{authority}", parsed.scheme()), authority, folder })
    }

    /// The URL of the page with this id.
    pub fn page_url(&self, id: &str) -> String {
        format!("{}{}{id}", self.origin, self.folder)
    }

    /// The page id of a URL of this site's folder (`…/213/15699#x` → `15699`).
    pub fn page_id<'a>(&self, url: &'a str) -> Option<&'a str> {
        let rest = url.strip_prefix(&self.origin)?.strip_prefix(&self.folder)?;
        let id = rest.split(['#', '?']).next().unwrap_or("").trim_end_matches('/');
        is_page_id(id).then_some(id)
    }

    /// The ids of the folder's pages that `text` links to, sorted and without duplicates.
    pub fn links(&self, text: &str) -> BTreeSet<String> {
        // JSON may escape its slashes (`"\/document\/api\/213\/15753"`, `\u002F`).
        let unescaped;
        let text = if ["\\/", "\\u002F", "\\u002f"].iter().any(|e| text.contains(e)) {
            unescaped = text.replace("\\/", "/").replace("\\u002F", "/").replace("\\u002f", "/");
            unescaped.as_str()
        } else {
            text
        };
        let mut ids = BTreeSet::new();
        for (at, _) in text.match_indices(self.folder.as_str()) {
            let after = &text[at + self.folder.len()..];
            let length = after.bytes().take_while(u8::is_ascii_digit).count();
            if length == 0 || after[length..].chars().next().is_some_and(continues_path) {
                continue;
            }
            let before = &text[..at];
            // Origin characters are ASCII: counting bytes back stays on a char boundary.
            let start = before.len() - before.bytes().rev().take_while(|&b| is_origin_char(b as char)).count();
            if self.is_site_prefix(&before[start..]) {
                ids.insert(after[..length].to_string());
            }
        }
        ids
    }

    /// Whether what precedes a folder path makes it a link of this site: nothing (an
    /// absolute path), or the site's origin (`https://host`, `http://host`, `//host`),
    /// possibly written more than once (`https://hosthttps://host`, `//host/host`).
    fn is_site_prefix(&self, prefix: &str) -> bool {
        if prefix.is_empty() {
            return true;
        }
        let mut rest = prefix;
        let mut first = true;
        loop {
            let scheme = ["https://", "http://", "//"].iter().find_map(|s| strip_prefix_ignore_case(rest, s));
            rest = match (scheme, first) {
                (Some(r), _) => r,
                // The host repeated after a slash: `//host/host/document/…`.
                (None, false) => match rest.strip_prefix('/') {
                    Some(r) => r,
                    None => return false,
                },
                (None, true) => return false,
            };
            match strip_prefix_ignore_case(rest, &self.authority) {
                Some("") => return true,
                Some(r) => rest = r,
                None => return false,
            }
            first = false;
        }
    }
}

/// A page id: digits only.
fn is_page_id(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// Characters of a scheme, host and port: what a link's origin is made of.
fn is_origin_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '/' | '-' | '_')
}

/// A character after a page id that makes it part of a longer path or name
/// (`/213/15689.html`, `/213/15689/x`, `/213/15689abc`).
fn continues_path(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '-' | '_' | '%')
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(url: &str) -> Site {
        Site::of_overview(url).unwrap()
    }

    fn links(site: &Site, text: &str) -> Vec<String> {
        site.links(text).into_iter().collect()
    }

    #[test]
    fn the_folder_of_an_overview_url() {
        let s = site("https://cloud.tencent.com/document/api/213/15689");
        assert_eq!(s.origin, "https://cloud.tencent.com");
        assert_eq!(s.folder, "/document/api/213/");
        assert_eq!(s.page_url("15699"), "https://cloud.tencent.com/document/api/213/15699");
        let s = site("https://www.tencentcloud.com/document/api/213/15689#top");
        assert_eq!((s.origin.as_str(), s.folder.as_str()), ("https://www.tencentcloud.com", "/document/api/213/"));
        let s = site("https://www.tencentcloud.com/jp/document/api/213/15689?lang=ja");
        assert_eq!(s.folder, "/jp/document/api/213/");
        assert_eq!(s.page_url("15753"), "https://www.tencentcloud.com/jp/document/api/213/15753");
        let s = site("http://127.0.0.1:8080/document/api/213");
        assert_eq!((s.origin.as_str(), s.authority.as_str()), ("http://127.0.0.1:8080", "127.0.0.1:8080"));
        assert_eq!(s.folder, "/document/api/213/");
        assert_eq!(site("https://cloud.tencent.com/document/api/213/").folder, "/document/api/213/");
        assert!(Site::of_overview("https://cloud.tencent.com").is_err());
        assert!(Site::of_overview("https://cloud.tencent.com/").is_err());
        assert!(Site::of_overview("ftp://cloud.tencent.com/document/api/213/1").is_err());
        assert!(Site::of_overview("cvm").is_err());
        assert!(Site::of_overview("").is_err());
    }

    #[test]
    fn page_ids_of_urls() {
        let s = site("https://cloud.tencent.com/document/api/213/15689");
        assert_eq!(s.page_id("https://cloud.tencent.com/document/api/213/15699#x"), Some("15699"));
        assert_eq!(s.page_id("https://cloud.tencent.com/document/api/215/15699"), None);
        assert_eq!(s.page_id("https://cloud.tencent.com/document/api/213/"), None);
    }

    #[test]
    fn href_forms() {
        let s = site("https://cloud.tencent.com/document/api/213/15689");
        let page = r#"
            <a href="/document/api/213/15699">absolute path</a>
            <a href='https://cloud.tencent.com/document/api/213/15700'>full URL</a>
            <a href="//cloud.tencent.com/document/api/213/15701">scheme-relative</a>
            <a href="http://CLOUD.tencent.com/document/api/213/15702">http, upper case host</a>
            <a href="https://cloud.tencent.comhttps://cloud.tencent.com/document/api/213/15703">doubled host</a>
            <a href="//cloud.tencent.com/cloud.tencent.com/document/api/213/15704">doubled after a slash</a>
            [markdown](https://cloud.tencent.com/document/api/213/15705)
            <a href="/document/api/213/15753#Filter">fragment</a>
            <a href="/document/api/213/15753#KeyPair">the same page again</a>
            <a href="/document/api/213/15692?lang=zh#x">query</a>
        "#;
        assert_eq!(links(&s, page), ["15692", "15699", "15700", "15701", "15702", "15703", "15704", "15705", "15753"]);
    }

    #[test]
    fn the_navigation_tree_in_json() {
        let s = site("https://cloud.tencent.com/document/api/213/15689");
        let script = r#"<script>window.__NAV__={"children":[{"id":15753,"title":"数据结构","categoryId":213,"link":"/document/api/213/15753"},{"id":30435,"title":"错误码","link":"/document/api/213/30435"}],"escaped":"\/document\/api\/213\/15728","html":"&quot;/document/api/213/15729&quot;","u":"\u002Fdocument\u002Fapi\u002F213\u002F15730"}</script>"#;
        assert_eq!(links(&s, script), ["15728", "15729", "15730", "15753", "30435"]);
    }

    #[test]
    fn other_pages_are_not_links() {
        let s = site("https://cloud.tencent.com/document/api/213/15689");
        let page = r#"
            <a href="/document/api/215/15753">another product</a>
            <a href="/document/product/213/15689">the product documentation, not the API</a>
            <a href="https://www.tencentcloud.com/document/api/213/15699">another site</a>
            <a href="https://evil.example/cloud.tencent.com/document/api/213/15700">another host first</a>
            <a href="https://cloud.tencent.com.evil.example/document/api/213/15701">a longer host</a>
            <a href="/jp/document/api/213/15702">another language</a>
            <a href="/document/api/213">the folder itself</a>
            <a href="/document/api/213/">the folder with a slash</a>
            <a href="/document/api/213/15703.html">not a page id</a>
            <a href="/document/api/213/15704/more">a deeper path</a>
            <a href="/document/api/213/abc">letters</a>
            <a href="/document/api/2133/15705">a longer product id</a>
            <a href="x/document/api/213/15706">relative</a>
            cloud.tencent.com/document/api/213/15707 in prose
        "#;
        assert_eq!(links(&s, page), Vec::<String>::new());
    }

    #[test]
    fn a_language_folder_keeps_its_prefix() {
        let s = site("https://www.tencentcloud.com/jp/document/api/213/15689");
        let page = r#"<a href="/jp/document/api/213/15699">ja</a> <a href="/document/api/213/15700">en</a>
            <a href="https://www.tencentcloud.com/jp/document/api/213/15701">full</a>
            "link":"/jp/document/api/213/15753""#;
        assert_eq!(links(&s, page), ["15699", "15701", "15753"]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        let s = site("https://cloud.tencent.com/document/api/213/15689");
        for text in ["", "/document/api/213/", "é/document/api/213/1", "/document/api/213/1é", "\\/\\/", "https:"] {
            let _ = s.links(text);
        }
        assert_eq!(links(&s, "é/document/api/213/1é"), ["1"]);
    }
}
