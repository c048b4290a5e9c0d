//! The kinds of variant, what each may change in the IR, and the seeded randomness the
//! makers share (random words no vocabulary has seen, permutations, split points).

use std::fmt;

/// A kind of variant: one way a real site could write the same page differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Section titles (after `N. `) replaced by unseen words.
    Titles,
    /// Heading levels changed, mixed per section.
    Levels,
    /// Table column headers replaced by unseen words.
    Headers,
    /// Table columns reordered (consistently within a table).
    Columns,
    /// The "Domain name for API request" line removed.
    Domain,
    /// The Version row's value replaced by the action's name (on every other page, the
    /// Action row removed too).
    VersionName,
    /// The Version row's value written `M/D/YYYY`.
    VersionDate,
    /// Section 1 (the description) removed.
    NoIntro,
    /// A description cell's text wrapped onto raw following lines.
    Wrap,
    /// The Error Codes page's headings renamed.
    ErrorHeadings,
}

impl Kind {
    /// Every kind, in report order.
    pub const ALL: [Kind; 10] = [
        Kind::Titles,
        Kind::Levels,
        Kind::Headers,
        Kind::Columns,
        Kind::Domain,
        Kind::VersionName,
        Kind::VersionDate,
        Kind::NoIntro,
        Kind::Wrap,
        Kind::ErrorHeadings,
    ];

    /// The kind's name on the command line and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Titles => "titles",
            Kind::Levels => "levels",
            Kind::Headers => "headers",
            Kind::Columns => "columns",
            Kind::Domain => "domain",
            Kind::VersionName => "version-name",
            Kind::VersionDate => "version-date",
            Kind::NoIntro => "no-intro",
            Kind::Wrap => "wrap",
            Kind::ErrorHeadings => "error-headings",
        }
    }

    /// The kind named `name`.
    pub fn parse(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name.trim())
    }

    /// A comma-separated list of kinds (`titles,levels`); an unknown name is an error
    /// naming the known ones.
    pub fn parse_list(list: &str) -> Result<Vec<Kind>, String> {
        let mut kinds = Vec::new();
        for name in list.split(',').filter(|n| !n.trim().is_empty()) {
            let kind = Kind::parse(name).ok_or_else(|| {
                let known: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
                format!("unknown kind `{}` (known: {})", name.trim(), known.join(", "))
            })?;
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        Ok(kinds)
    }

    /// The fields of an action the variant removes, left out of the comparison: section 1
    /// holds the description, the request domain and the rate limit.
    pub fn removed_fields(self) -> &'static [&'static str] {
        match self {
            Kind::Domain => &["host"],
            Kind::NoIntro => &["description", "host", "rate_limit"],
            _ => &[],
        }
    }

    /// The variant removes or falsifies a fact, so the parser must warn on the page.
    pub fn expects_warning(self) -> bool {
        matches!(self, Kind::Domain | Kind::NoIntro | Kind::VersionName)
    }

    /// Descriptions are compared with white space folded (a line break in a cell is a
    /// space).
    pub fn folds_white_space(self) -> bool {
        self == Kind::Wrap
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a page is to the product version, from reading the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// An action page, with the action's name.
    Action(String),
    /// The Data Types page.
    DataTypes,
    /// The Error Codes page.
    ErrorCodes,
}

/// What a maker gives for a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Made {
    /// The page as the variant writes it.
    Variant(String),
    /// The page has nothing the kind changes (no table, no Version row, …).
    Nothing,
    /// The kind cannot apply to pages of this form; why.
    NotForForm(&'static str),
}

/// A small seeded generator (splitmix64): the same seed, page and kind give the same
/// variant whatever the order pages are made in.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for one page and kind of a run seeded with `seed`.
    pub fn new(seed: u64, page: &str, kind: Kind) -> Rng {
        // FNV-1a over the page's name and the kind's.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed;
        for b in page.bytes().chain([0]).chain(kind.name().bytes()) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        Rng(h)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }

    /// A coin toss.
    pub fn coin(&mut self) -> bool {
        self.next_u64() & 1 == 1
    }

    /// A made-up word no page uses: `Zorvek`.
    pub fn word(&mut self) -> String {
        const START: &[&str] = &["z", "q", "v", "x", "k", "j", "gr", "pl", "th", "br"];
        const VOWEL: &[&str] = &["a", "e", "i", "o", "u", "y"];
        const END: &[&str] = &["rk", "nd", "lt", "x", "sh", "mp", "z", "v"];
        let syllables = 2 + self.below(2);
        let mut word = String::new();
        for _ in 0..syllables {
            word.push_str(START[self.below(START.len())]);
            word.push_str(VOWEL[self.below(VOWEL.len())]);
        }
        word.push_str(END[self.below(END.len())]);
        let mut chars = word.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
    }

    /// One to three made-up words: a section title no page uses.
    pub fn title(&mut self) -> String {
        let n = 1 + self.below(3);
        (0..n).map(|_| self.word()).collect::<Vec<_>>().join(" ")
    }

    /// A permutation of `0..n` that moves something when `n > 1`.
    pub fn permutation(&mut self, n: usize) -> Vec<usize> {
        let mut order: Vec<usize> = (0..n).collect();
        if n < 2 {
            return order;
        }
        loop {
            for i in (1..n).rev() {
                let j = self.below(i + 1);
                order.swap(i, j);
            }
            if order.iter().enumerate().any(|(i, &o)| i != o) {
                return order;
            }
        }
    }
}

/// Splits a cell's text at a space near its middle (never inside a word, a link or code:
/// only spaces outside `[]()` and backticks count): the two halves, trimmed. None when
/// the text has no such space or is short.
pub fn split_for_wrap(text: &str, rng: &mut Rng) -> Option<(String, String)> {
    let text = text.trim();
    let mut spaces = Vec::new();
    let (mut depth, mut code) = (0i32, false);
    for (i, c) in text.char_indices() {
        match c {
            '`' => code = !code,
            '[' | '(' | '<' => depth += 1,
            ']' | ')' | '>' => depth -= 1,
            ' ' if depth <= 0 && !code => spaces.push(i),
            _ => {}
        }
    }
    // Leave a few words on each side.
    if spaces.len() < 4 {
        return None;
    }
    let at = spaces[1 + rng.below(spaces.len() - 2)];
    let (first, rest) = text.split_at(at);
    let (first, rest) = (first.trim(), rest.trim());
    if first.is_empty() || rest.is_empty() {
        return None;
    }
    Some((first.to_string(), rest.to_string()))
}

/// Rewrites the first `YYYY-MM-DD` in `text` with `with(year, month, day)`; None when
/// there is none.
pub fn rewrite_date(text: &str, with: impl Fn(&str, &str, &str) -> String) -> Option<String> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let digit = |k: usize| chars.get(k).is_some_and(|(_, c)| c.is_ascii_digit());
    let dash = |k: usize| chars.get(k).is_some_and(|(_, c)| *c == '-');
    for start in 0..chars.len() {
        let shape = (0..4).all(|k| digit(start + k))
            && dash(start + 4)
            && digit(start + 5)
            && digit(start + 6)
            && dash(start + 7)
            && digit(start + 8)
            && digit(start + 9);
        let before_ok = start == 0 || !digit(start - 1);
        if shape && before_ok && !digit(start + 10) {
            let from = chars[start].0;
            let to = chars.get(start + 10).map_or(text.len(), |(i, _)| *i);
            let date = &text[from..to];
            let mut parts = date.split('-');
            let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
            return Some(format!("{}{}{}", &text[..from], with(y, m, d), &text[to..]));
        }
    }
    None
}

/// `2017-03-12` as `3/12/2017`.
pub fn us_date(y: &str, m: &str, d: &str) -> String {
    let unpad = |s: &str| s.trim_start_matches('0').to_string();
    format!("{}/{}/{y}", unpad(m), unpad(d))
}

/// A numbered section title: `1. API Description` → (`1`, `API Description`).
pub fn numbered(text: &str) -> Option<(&str, &str)> {
    let (number, title) = text.trim().split_once(". ")?;
    let ok = !number.is_empty() && number.len() <= 2 && number.chars().all(|c| c.is_ascii_digit());
    (ok && !title.trim().is_empty()).then_some((number, title.trim()))
}

/// New levels for a page's headings (their levels in page order): the top headings (the
/// lowest level) each get another level of 1 to 3; the headings under one move with it,
/// staying below it.
pub fn new_levels(levels: &[usize], rng: &mut Rng) -> Vec<usize> {
    let Some(top) = levels.iter().copied().min() else { return Vec::new() };
    let (mut delta, mut top_new) = (0i64, top);
    let mut out = Vec::with_capacity(levels.len());
    for &level in levels {
        out.push(if level == top {
            let choices: Vec<usize> = (1..=3).filter(|&l| l != level).collect();
            top_new = choices[rng.below(choices.len())];
            delta = top_new as i64 - level as i64;
            top_new
        } else {
            ((level as i64 + delta).clamp(1, 6) as usize).max(top_new + 1).min(6)
        });
    }
    out
}
