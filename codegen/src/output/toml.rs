//! A reader of the TOML regen reads: a crate's settings file, and the tables of an
//! enclosing workspace's `Cargo.toml` that say which folders are its members. It reads
//! every form of TOML a manifest uses (tables, dotted and quoted keys, strings of the four
//! kinds, arrays, inline tables, numbers, booleans, dates) into key/value entries with
//! their lines; values other than strings and arrays are kept as their text, unread.

/// A value: what regen reads, and the rest as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Value {
    /// A string of any kind, unescaped.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An inline table, a number, a boolean or a date: its text.
    Other(String),
}

/// `key = value` in a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    /// The table's name (`workspace.package`), empty before the first header.
    pub table: String,
    /// The key as written, quotes taken off (`edition.workspace`).
    pub key: String,
    /// The value.
    pub value: Value,
    /// The key's line (1-based).
    pub line: usize,
}

/// Every `key = value` of `text`, in order, and the table headers as entries whose value
/// is `Other("[table]")` with an empty key; or the line and what is wrong there.
pub(super) fn entries(text: &str) -> Result<Vec<Entry>, (usize, String)> {
    let mut reader = Reader { chars: text.chars().collect(), at: 0, line: 1 };
    let mut table = String::new();
    let mut out = Vec::new();
    loop {
        reader.skip_blank(true);
        let Some(c) = reader.peek() else { return Ok(out) };
        let line = reader.line;
        if c == '[' {
            let header = reader.until(|c| c == '\n');
            let header = header.split('#').next().unwrap_or_default().trim();
            let name = header.trim_start_matches('[').trim_end_matches(']').trim();
            if !header.ends_with(']') || name.is_empty() {
                return Err((line, format!("`{header}` is not a table header")));
            }
            table = name.replace(['"', '\''], "");
            out.push(Entry { table: table.clone(), key: String::new(), value: Value::Other(header.into()), line });
            continue;
        }
        let key = reader.until(|c| c == '=' || c == '\n');
        if reader.peek() != Some('=') {
            return Err((line, format!("expected `key = value`, found `{}`", key.trim())));
        }
        reader.at += 1;
        let key = key.trim().replace(['"', '\''], "");
        if key.is_empty() {
            return Err((line, "a key is missing before `=`".into()));
        }
        reader.skip_blank(false);
        let value = reader.value()?;
        reader.skip_blank(false);
        match reader.peek() {
            None | Some('\n') => {}
            Some(c) => return Err((reader.line, format!("unexpected `{c}` after the value of `{key}`"))),
        }
        out.push(Entry { table: table.clone(), key, value, line });
    }
}

struct Reader {
    chars: Vec<char>,
    at: usize,
    line: usize,
}

impl Reader {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.at += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn starts_with(&self, s: &str) -> bool {
        s.chars().enumerate().all(|(i, c)| self.chars.get(self.at + i) == Some(&c))
    }

    /// Skips spaces, tabs, `\r` and comments; line breaks too when `newlines`.
    fn skip_blank(&mut self, newlines: bool) {
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | '\r' => self.at += 1,
                '\n' if newlines => {
                    self.next();
                }
                '#' => {
                    self.until(|c| c == '\n');
                }
                _ => return,
            }
        }
    }

    /// The text up to (not including) the first `stop` character, or the end.
    fn until(&mut self, stop: impl Fn(char) -> bool) -> String {
        let mut text = String::new();
        while let Some(c) = self.peek().filter(|&c| !stop(c)) {
            text.push(c);
            self.next();
        }
        text
    }

    fn value(&mut self) -> Result<Value, (usize, String)> {
        let line = self.line;
        match self.peek() {
            Some('"') | Some('\'') => self.string().map(Value::String),
            Some('[') => {
                self.next();
                let mut items = Vec::new();
                loop {
                    self.skip_blank(true);
                    match self.peek() {
                        Some(']') => {
                            self.next();
                            return Ok(Value::Array(items));
                        }
                        None => return Err((line, "an array is not closed".into())),
                        _ => items.push(self.value()?),
                    }
                    self.skip_blank(true);
                    match self.next() {
                        Some(',') => {}
                        Some(']') => return Ok(Value::Array(items)),
                        None => return Err((line, "an array is not closed".into())),
                        _ => return Err((self.line, "expected `,` or `]` in an array".into())),
                    }
                }
            }
            Some('{') => {
                let mut text = String::new();
                let mut depth = 0;
                while let Some(c) = self.peek() {
                    if c == '"' || c == '\'' {
                        let s = self.string()?;
                        text.push_str(&format!("{s:?}"));
                        continue;
                    }
                    self.next();
                    text.push(c);
                    depth += match c {
                        '{' | '[' => 1,
                        '}' | ']' => -1,
                        _ => 0,
                    };
                    if depth == 0 {
                        return Ok(Value::Other(text));
                    }
                }
                Err((line, "an inline table is not closed".into()))
            }
            _ => {
                let text = self.until(|c| matches!(c, ',' | ']' | '}' | '#' | '\n'));
                let text = text.trim().to_string();
                if text.is_empty() {
                    return Err((line, "a value is missing".into()));
                }
                Ok(Value::Other(text))
            }
        }
    }

    /// A string of any of the four kinds, unescaped.
    fn string(&mut self) -> Result<String, (usize, String)> {
        let line = self.line;
        let quote = self.next().unwrap_or('"');
        let triple: String = [quote; 3].iter().collect();
        let multi = self.starts_with(&triple[1..]);
        if multi {
            self.at += 2;
            if self.peek() == Some('\n') {
                self.next();
            } else if self.starts_with("\r\n") {
                self.at += 1;
                self.next();
            }
        }
        let mut text = String::new();
        loop {
            if multi && self.starts_with(&triple) {
                self.at += 3;
                return Ok(text);
            }
            match self.next() {
                None => return Err((line, "a string is not closed".into())),
                Some('\n') if !multi => return Err((line, "a string is not closed on its line".into())),
                Some(c) if c == quote && !multi => return Ok(text),
                Some('\\') if quote == '"' => text.push(self.escape(line)?),
                Some(c) => text.push(c),
            }
        }
    }

    fn escape(&mut self, line: usize) -> Result<char, (usize, String)> {
        let hex = |reader: &mut Reader, n: usize| {
            let digits: String = (0..n).filter_map(|_| reader.next()).collect();
            u32::from_str_radix(&digits, 16).ok().and_then(char::from_u32)
        };
        let c = match self.next() {
            Some('n') => Some('\n'),
            Some('t') => Some('\t'),
            Some('r') => Some('\r'),
            Some('b') => Some('\u{8}'),
            Some('f') => Some('\u{c}'),
            Some('e') => Some('\u{1b}'),
            Some('"') => Some('"'),
            Some('\\') => Some('\\'),
            Some('u') => hex(self, 4),
            Some('U') => hex(self, 8),
            _ => None,
        };
        c.ok_or((line, "a string holds an unknown escape".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Value {
        Value::String(text.into())
    }

    #[test]
    fn reads_tables_keys_strings_and_arrays() {
        let text = "# top\nname = \"a \\\"b\\\"\" # note\n\n[workspace]\nmembers = [\n  \"x\", # one\n  'y',\n]\n\
                    [workspace.package]\nedition.workspace = true\n\"quoted\" = { a = \"}\", b = [1] }\n\
                    d = \"\"\"\nmulti\nline\"\"\"\nafter = 1\n";
        let got = entries(text).unwrap();
        let seen: Vec<(&str, &str, &Value, usize)> =
            got.iter().map(|e| (e.table.as_str(), e.key.as_str(), &e.value, e.line)).collect();
        assert_eq!(seen[0], ("", "name", &s("a \"b\""), 2));
        assert_eq!(seen[1], ("workspace", "", &Value::Other("[workspace]".into()), 4));
        assert_eq!(seen[2], ("workspace", "members", &Value::Array(vec![s("x"), s("y")]), 5));
        assert_eq!(seen[3].0, "workspace.package");
        assert_eq!(seen[4], ("workspace.package", "edition.workspace", &Value::Other("true".into()), 10));
        assert_eq!(seen[5].1, "quoted");
        assert_eq!(seen[6], ("workspace.package", "d", &s("multi\nline"), 12));
        assert_eq!(seen[7], ("workspace.package", "after", &Value::Other("1".into()), 15));
    }

    #[test]
    fn says_which_line_is_wrong() {
        for (text, line, what) in [
            ("a = 1\nb\n", 2, "expected `key = value`"),
            ("a = \"x\n", 1, "not closed on its line"),
            ("a = [\"x\"\nb = 2\n", 2, "expected `,` or `]`"),
            ("\n\na = \"x\" y\n", 3, "unexpected `y`"),
            ("[]\n", 1, "not a table header"),
            ("a = \"\\q\"\n", 1, "unknown escape"),
            ("a =\n", 1, "a value is missing"),
        ] {
            let (at, message) = entries(text).unwrap_err();
            assert_eq!(at, line, "{text:?}: {message}");
            assert!(message.contains(what), "{text:?}: {message}");
        }
    }
}
