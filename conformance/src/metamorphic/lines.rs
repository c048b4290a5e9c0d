//! A page as lines, their ends (`\n`, `\r\n`, none) and a leading BOM kept, so that a
//! variant changes only the lines it means to.

/// One line: its text and its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub end: String,
}

/// A page's lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lines {
    bom: bool,
    pub lines: Vec<Line>,
}

impl Lines {
    /// Splits a page.
    pub fn of(page: &str) -> Lines {
        let (bom, body) = match page.strip_prefix('\u{feff}') {
            Some(rest) => (true, rest),
            None => (false, page),
        };
        let lines = body
            .split_inclusive('\n')
            .map(|raw| {
                let text = raw.strip_suffix('\n').unwrap_or(raw);
                let text = text.strip_suffix('\r').unwrap_or(text);
                Line { text: text.to_string(), end: raw.strip_prefix(text).unwrap_or_default().to_string() }
            })
            .collect();
        Lines { bom, lines }
    }

    /// The line end the page uses most (for lines a variant adds).
    pub fn usual_end(&self) -> String {
        let crlf = self.lines.iter().filter(|l| l.end == "\r\n").count();
        if crlf * 2 > self.lines.len() {
            "\r\n".to_string()
        } else {
            "\n".to_string()
        }
    }

    /// A new line with the page's usual end.
    pub fn line(&self, text: impl Into<String>) -> Line {
        Line { text: text.into(), end: self.usual_end() }
    }

    /// Puts `text` on a line of its own after line `i` (with the page's usual end; after
    /// the page's last line, when that has no end, the new line takes its place at the end).
    pub fn insert_after(&mut self, i: usize, text: impl Into<String>) {
        let mut line = self.line(text);
        if self.lines[i].end.is_empty() {
            self.lines[i].end = std::mem::take(&mut line.end);
        }
        self.lines.insert(i + 1, line);
    }

    /// The page again.
    pub fn join(&self) -> String {
        let mut out = String::new();
        if self.bom {
            out.push('\u{feff}');
        }
        for line in &self.lines {
            out.push_str(&line.text);
            out.push_str(&line.end);
        }
        out
    }
}
