//! Literal prefilters: fast "can this pattern possibly match?" checks that spare the regex
//! engine.
//!
//! regex-lite (chosen for its size in the wasm build) has no literal optimisations: every
//! `captures`/`is_match` runs its Pike VM over the whole haystack, and a text rule such as
//! `.{0,40}feed generated with fetchrss.{0,40}` costs thousands of NFA steps per block. Most
//! blocks contain none of a rule's words, so [`required`] derives from a pattern a set of
//! literals one of which every match must contain, and [`AnyLiteral::matches`] checks for them
//! with a plain byte scan. The derivation is conservative: whatever it cannot prove (classes,
//! optional parts, repeats) it leaves out, and when nothing is left it returns
//! `None` and the regex runs as before. Matching is ASCII case-insensitive, so a prefilter never
//! rejects a haystack that a case-sensitive or case-insensitive regex would accept.

/// A set of literals; [`AnyLiteral::matches`] tells whether a haystack contains one of them,
/// ignoring ASCII case.
#[derive(Debug, Clone)]
pub struct AnyLiteral {
    /// Lower-cased needles, none empty.
    needles: Vec<Box<[u8]>>,
    /// For each possible first byte (lower-cased), whether some needle starts with it.
    first: [bool; 256],
}

impl AnyLiteral {
    /// A set of the given literals. `None` if the set is empty or a literal is empty (such a
    /// set filters nothing).
    pub fn new<S: AsRef<str>>(literals: &[S]) -> Option<AnyLiteral> {
        let mut needles: Vec<Box<[u8]>> = Vec::with_capacity(literals.len());
        let mut first = [false; 256];
        for l in literals {
            let bytes = l.as_ref().to_ascii_lowercase().into_bytes();
            let b0 = *bytes.first()?;
            if let Some(f) = first.get_mut(usize::from(b0)) {
                *f = true;
            }
            if !needles.iter().any(|n| **n == *bytes) {
                needles.push(bytes.into_boxed_slice());
            }
        }
        if needles.is_empty() {
            return None;
        }
        // Longer needles first: a long one is rarer, so the common "no" answers come sooner.
        needles.sort_by_key(|n| std::cmp::Reverse(n.len()));
        Some(AnyLiteral { needles, first })
    }

    /// Whether `haystack` contains one of the literals (ASCII case-insensitive).
    pub fn matches(&self, haystack: &str) -> bool {
        let h = haystack.as_bytes();
        for (i, b) in h.iter().enumerate() {
            if !self
                .first
                .get(usize::from(b.to_ascii_lowercase()))
                .copied()
                .unwrap_or(false)
            {
                continue;
            }
            let rest = h.get(i..).unwrap_or(&[]);
            if self.needles.iter().any(|n| {
                rest.get(..n.len())
                    .is_some_and(|w| w.eq_ignore_ascii_case(n))
            }) {
                return true;
            }
        }
        false
    }

    /// The literals, lower-cased (for tests).
    #[cfg(test)]
    pub fn literals(&self) -> Vec<String> {
        self.needles
            .iter()
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .collect()
    }
}

/// A set of literals one of which every match of the regex `pattern` contains, if such a set
/// can be proven from the pattern's syntax; `None` otherwise (and for patterns that do not
/// parse, which the regex compiler reports on its own).
pub fn required(pattern: &str) -> Option<AnyLiteral> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut p = Parser { s: &chars, i: 0 };
    let alt = p.alternation()?;
    if p.i != chars.len() {
        return None;
    }
    let set = alt.required()?;
    AnyLiteral::new(&set)
}

/// The parts of regex syntax the prefilter distinguishes.
enum Node {
    /// One character that matches only itself (ASCII letters: either case).
    Lit(char),
    /// Anything else that consumes input, or an assertion.
    Other,
    /// A group (capturing or not).
    Group(Alt),
}

/// One item of a sequence with its minimum repeat count; `repeats` is true when it may occur
/// more than once (so a literal run ends after it).
struct Item {
    node: Node,
    min: u32,
    repeats: bool,
}

/// Alternatives, each a sequence.
struct Alt(Vec<Vec<Item>>);

impl Alt {
    /// Literals, one of which every match contains.
    fn required(&self) -> Option<Vec<String>> {
        let mut out = Vec::new();
        for branch in &self.0 {
            out.extend(required_in_seq(branch)?);
        }
        Some(out)
    }
}

/// The best candidate set of a sequence: runs of mandatory literal characters, and the
/// required sets of mandatory groups. "Best" is the set whose shortest literal is longest.
fn required_in_seq(seq: &[Item]) -> Option<Vec<String>> {
    let mut candidates: Vec<Vec<String>> = Vec::new();
    let mut run = String::new();
    let flush = |run: &mut String, candidates: &mut Vec<Vec<String>>| {
        if !run.is_empty() {
            candidates.push(vec![std::mem::take(run)]);
        }
    };
    for item in seq {
        match &item.node {
            Node::Lit(c) if item.min >= 1 => {
                run.push(*c);
                if item.repeats || item.min > 1 {
                    flush(&mut run, &mut candidates);
                }
            }
            Node::Group(alt) if item.min >= 1 => {
                flush(&mut run, &mut candidates);
                if let Some(set) = alt.required() {
                    candidates.push(set);
                }
            }
            _ => flush(&mut run, &mut candidates),
        }
    }
    flush(&mut run, &mut candidates);
    candidates.into_iter().max_by_key(|set| {
        (
            set.iter().map(|s| s.len()).min().unwrap_or(0),
            std::cmp::Reverse(set.len()),
        )
    })
}

struct Parser<'a> {
    s: &'a [char],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn alternation(&mut self) -> Option<Alt> {
        let mut branches = vec![self.sequence()?];
        while self.eat('|') {
            branches.push(self.sequence()?);
        }
        Some(Alt(branches))
    }

    fn sequence(&mut self) -> Option<Vec<Item>> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let node = self.atom()?;
            let Some(node) = node else {
                continue; // a flag group such as `(?i)`: matches nothing, changes no literal
            };
            let (min, repeats) = self.quantifier()?;
            items.push(Item { node, min, repeats });
        }
        Some(items)
    }

    /// One atom; `Ok(None)` for a bare flag group.
    fn atom(&mut self) -> Option<Option<Node>> {
        let c = self.bump()?;
        Some(Some(match c {
            '(' => {
                if self.eat('?') {
                    // `(?:…)`, `(?i:…)`, `(?P<name>…)`, `(?<name>…)`, or a flag group `(?is)`.
                    if self.eat('P') || self.peek() == Some('<') {
                        self.eat('<');
                        while self.bump()? != '>' {}
                    } else {
                        loop {
                            match self.bump()? {
                                ':' => break,
                                ')' => return Some(None),
                                // Verbose mode changes what spaces mean: no prefilter.
                                'x' => return None,
                                c if c.is_ascii_alphabetic() || c == '-' => {}
                                _ => return None,
                            }
                        }
                    }
                }
                let alt = self.alternation()?;
                if !self.eat(')') {
                    return None;
                }
                Node::Group(alt)
            }
            '[' => {
                self.class()?;
                Node::Other
            }
            '\\' => {
                let e = self.bump()?;
                if e.is_ascii_punctuation() {
                    literal(e)
                } else {
                    // Classes (\d \s \w \p{…}), assertions (\b \A \z), escapes (\n \x41 …).
                    if matches!(e, 'p' | 'P' | 'x' | 'u' | 'U') && self.eat('{') {
                        while self.bump()? != '}' {}
                    } else {
                        // `\x41`, `\u0041`, `\U00000041`, `\pL`: skip the digits or letter.
                        let n = match e {
                            'x' => 2,
                            'u' => 4,
                            'U' => 8,
                            'p' | 'P' => 1,
                            _ => 0,
                        };
                        for _ in 0..n {
                            self.bump()?;
                        }
                    }
                    Node::Other
                }
            }
            '.' | '^' | '$' => Node::Other,
            '*' | '+' | '?' | '{' | ')' | '|' => return None,
            c => literal(c),
        }))
    }

    /// Skips a character class after its `[`, nested classes included.
    fn class(&mut self) -> Option<()> {
        let mut depth = 1usize;
        let mut at_start = true;
        while depth > 0 {
            let c = self.bump()?;
            match c {
                '\\' => {
                    self.bump()?;
                }
                '^' if at_start => continue,
                ']' if at_start => {}
                '[' => depth += 1,
                ']' => depth -= 1,
                _ => {}
            }
            at_start = false;
        }
        Some(())
    }

    /// The quantifier after an atom: (minimum, may repeat).
    fn quantifier(&mut self) -> Option<(u32, bool)> {
        let q = match self.peek() {
            Some('?') => {
                self.i += 1;
                (0, false)
            }
            Some('*') => {
                self.i += 1;
                (0, true)
            }
            Some('+') => {
                self.i += 1;
                (1, true)
            }
            Some('{') => {
                self.i += 1;
                let mut min = String::new();
                while let Some(c) = self.peek().filter(char::is_ascii_digit) {
                    min.push(c);
                    self.i += 1;
                }
                let min: u32 = min.parse().ok()?;
                let mut max = Some(min);
                if self.eat(',') {
                    let mut m = String::new();
                    while let Some(c) = self.peek().filter(char::is_ascii_digit) {
                        m.push(c);
                        self.i += 1;
                    }
                    max = if m.is_empty() { None } else { m.parse().ok() };
                }
                if !self.eat('}') {
                    return None;
                }
                (min, max != Some(1))
            }
            _ => return Some((1, false)),
        };
        self.eat('?'); // lazy
        Some(q)
    }
}

/// A literal character. regex-lite folds case for ASCII only ("case insensitive searching is
/// limited to ASCII case insensitivity"), so every other character matches exactly itself,
/// as it does in the byte scan. Whitespace other than the plain space ends a run.
fn literal(c: char) -> Node {
    if c.is_whitespace() && c != ' ' {
        Node::Other
    } else {
        Node::Lit(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lits(p: &str) -> Option<Vec<String>> {
        required(p).map(|a| {
            let mut v = a.literals();
            v.sort();
            v
        })
    }

    #[test]
    fn derives_required_literals() {
        assert_eq!(
            lits(".{0,40}feed generated with fetchrss.{0,40}"),
            Some(vec!["feed generated with fetchrss".into()])
        );
        assert_eq!(
            lits(r"获取更多\s*rss\s*[:：]?.*"),
            Some(vec!["获取更多".into()])
        );
        assert_eq!(
            lits(r"(?:the post|cet article)\s*.+?\s*(?:appeared first on|est apparu)"),
            Some(vec!["appeared first on".into(), "est apparu".into()])
        );
        assert_eq!(lits("a|b.*"), Some(vec!["a".into(), "b".into()]));
        // One branch without a literal: nothing can be required.
        assert_eq!(lits(r"abc|\d+"), None);
        assert_eq!(lits(r".*"), None);
        assert_eq!(lits(r"(?:abc)?def"), Some(vec!["def".into()]));
        assert_eq!(lits(r"ab+c"), Some(vec!["ab".into()]));
        assert_eq!(lits(r"x{2}yz"), Some(vec!["yz".into()]));
        assert_eq!(lits(r"[abc]]def"), Some(vec!["]def".into()]));
        assert_eq!(lits(r"\(c\) \d{4}"), Some(vec!["(c) ".into()]));
        // regex-lite folds ASCII case only: other letters match exactly.
        assert_eq!(lits("реклама"), Some(vec!["реклама".into()]));
        assert_eq!(lits("(?P<n>foox)bar"), Some(vec!["foox".into()]));
        assert_eq!(lits(r"\x41bc"), Some(vec!["bc".into()]));
        assert_eq!(lits(r"\u0041bc\pLd"), Some(vec!["bc".into()]));
        assert_eq!(lits("(?x)a b"), None);
        // Malformed patterns give no prefilter.
        assert_eq!(lits("(abc"), None);
        assert_eq!(lits("[abc"), None);
    }

    #[test]
    fn matching_ignores_ascii_case_only() {
        let a = AnyLiteral::new(&["Feed", "延伸阅读"]).unwrap();
        assert!(a.matches("my FEED here"));
        assert!(a.matches("…延伸阅读："));
        assert!(!a.matches("fee d"));
        assert!(!a.matches("延伸閱讀"));
        assert!(AnyLiteral::new(&[""]).is_none());
        assert!(AnyLiteral::new::<&str>(&[]).is_none());
    }

    /// The prefilter never rejects a haystack the regex accepts.
    #[test]
    fn prefilter_is_necessary_on_builtin_rules() {
        let rules: serde_json::Value =
            serde_json::from_str(include_str!("rules/builtin.json")).unwrap();
        let list = rules
            .as_array()
            .or_else(|| rules.get("rules").and_then(|r| r.as_array()))
            .unwrap();
        let samples = [
            "获取更多rss:feedx.net",
            "delivered by feed43 service.",
            "the post hello world appeared first on my blog.",
            "帖子 hello 最先出现在 blog 上。",
            "© 2024 dw. all rights reserved.",
            "延伸阅读: 耶伦",
            "(综合报导)",
            "share",
            "广告",
            "thanks for reading x! subscribe for free to receive new posts and support my work.",
            "2024-02-06t04:44:52.609z",
            "read more",
            "(ap) - washington officials said",
        ];
        for r in list {
            let Some(t) = r.pointer("/match/text").and_then(|t| t.as_str()) else {
                continue;
            };
            let folded = crate::text::fold_pattern(t);
            let re = regex_lite::Regex::new(&format!("(?is)^(?:{folded})$")).unwrap();
            let pre = required(&folded);
            for s in samples {
                if re.is_match(s) {
                    assert!(
                        pre.as_ref().is_none_or(|p| p.matches(s)),
                        "{}: prefilter rejects {s:?}",
                        r["id"]
                    );
                }
            }
        }
    }
}
#[cfg(test)]
mod dump {
    #[test]
    fn dump_prefilters() {
        let rules: serde_json::Value =
            serde_json::from_str(include_str!("rules/builtin.json")).unwrap();
        let list = rules
            .as_array()
            .or_else(|| rules.get("rules").and_then(|r| r.as_array()))
            .unwrap();
        for r in list {
            for k in ["/match/text", "/match/url"] {
                if let Some(t) = r.pointer(k).and_then(|t| t.as_str()) {
                    let f = crate::text::fold_pattern(t);
                    eprintln!(
                        "{} {k}: {:?}",
                        r["id"],
                        super::required(&f).map(|a| a.literals())
                    );
                }
            }
        }
    }
}
