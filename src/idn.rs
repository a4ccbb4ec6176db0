//! URL parsing with internationalized host names, without a Unicode IDNA back end.
//!
//! The `url` crate maps host names through UTS 46 with the back end chosen by the version of
//! `idna_adapter` in Cargo.lock. This project pins the ASCII-only back end (1.0: no Unicode
//! tables, ~49 KB gzip less wasm; docs/size.md), with which `url` rejects every non-ASCII host
//! (`ParseError::IdnaError`) while still accepting Punycode (`xn--`) labels. [`parse`] and [`join`]
//! retry such a URL once with its host converted to Punycode here — for the scripts where UTS 46
//! amounts to "lower-case each character, then Punycode": CJK ideographs, kana, Hangul syllables,
//! Latin letters with diacritics (Latin-1, Extended-A, Vietnamese), Greek and Cyrillic, plus
//! full-width ASCII and the ideographic full stops as label separators. For those the result is
//! byte-identical to the ICU4X back end's (tests/idn.rs holds its outputs). A host with any other
//! non-ASCII character (combining marks, which would need NFC; symbols and emoji; RTL scripts, which
//! need the bidi rules; compatibility characters) stays an error: the URL is unresolvable and
//! dropped with an audit entry, as an invalid host already was — never sent to a different host.

use url::{ParseError, Url};

/// `Url::parse`, with non-ASCII hosts converted to Punycode (see the module docs).
pub fn parse(input: &str) -> Result<Url, ParseError> {
    retry(input, Url::parse)
}

/// `base.join(input)`, with non-ASCII hosts converted to Punycode (see the module docs).
pub fn join(base: &Url, input: &str) -> Result<Url, ParseError> {
    retry(input, |s| base.join(s))
}

fn retry(input: &str, f: impl Fn(&str) -> Result<Url, ParseError>) -> Result<Url, ParseError> {
    // A non-ASCII host never reaches `url`: with the stub back end it is an error anyway (and a
    // debug assertion in idna_adapter 1.0 when the host also has an upper-case ASCII letter).
    match unicode_host(input) {
        None => f(input),
        Some((at, host)) => match to_ascii(host) {
            Some(ascii) => f(&format!(
                "{}{}{}",
                &input[..at],
                ascii,
                &input[at + host.len()..]
            )),
            None => Err(ParseError::IdnaError),
        },
    }
}

/// Where the host of `input`'s authority (`scheme://[userinfo@]host[:port]`, `//host…`) is and
/// what it is, when it is not plain ASCII (non-ASCII, or percent-encoded non-ASCII).
fn unicode_host(input: &str) -> Option<(usize, &str)> {
    let trimmed = input.trim_start_matches(|c: char| c <= ' ');
    let offset = input.len() - trimmed.len();
    let trimmed = trimmed.trim_end_matches(|c: char| c <= ' ');
    // "scheme:" (if any), then the slashes (or backslashes) that start an authority.
    let scheme = trimmed.find(':').map(|i| &trimmed[..i]).filter(|s| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    let rest = scheme.map_or(trimmed, |s| &trimmed[s.len() + 1..]);
    let special = scheme.is_some_and(|s| {
        ["http", "https", "ws", "wss", "ftp"]
            .iter()
            .any(|k| s.eq_ignore_ascii_case(k))
    });
    let after_slashes = if special {
        rest.trim_start_matches(['/', '\\'])
    } else if scheme.is_some() {
        rest.strip_prefix("//")?
    } else {
        rest.strip_prefix("//")
            .or_else(|| rest.strip_prefix("\\\\"))
            .or_else(|| rest.strip_prefix("/\\"))
            .or_else(|| rest.strip_prefix("\\/"))?
    };
    let start = offset + (trimmed.len() - after_slashes.len());
    let authority = &after_slashes[..after_slashes
        .find(['/', '\\', '?', '#'])
        .unwrap_or(after_slashes.len())];
    let host_start = authority.rfind('@').map_or(0, |i| i + 1);
    let host_and_port = &authority[host_start..];
    let host = &host_and_port[..host_and_port.rfind(':').unwrap_or(host_and_port.len())];
    let plain = host.is_ascii() && percent_decode(host).is_some_and(|h| h.is_ascii());
    (!plain).then_some((start + host_start, host))
}

/// The host, percent-decoded, mapped and Punycode-encoded label by label.
fn to_ascii(host: &str) -> Option<String> {
    let decoded = percent_decode(host)?;
    let mut out = String::with_capacity(decoded.len() * 2);
    let mut label = String::new();
    for c in decoded.chars().chain(['.']) {
        match c {
            // Label separators: full stop, ideographic, full-width and half-width full stops.
            '.' | '\u{3002}' | '\u{FF0E}' | '\u{FF61}' => {
                if label.is_ascii() {
                    out.push_str(&label);
                } else if label.starts_with("xn--") {
                    return None; // not Punycode, and not a label UTS 46 accepts
                } else {
                    out.push_str("xn--");
                    out.push_str(&idna::punycode::encode_str(&label)?);
                }
                out.push('.');
                label.clear();
            }
            // Full-width letters, digits and hyphen → ASCII (UTS 46 maps them so).
            '\u{FF01}'..='\u{FF5E}' => {
                let a = char::from_u32(u32::from(c) - 0xFEE0)?;
                if !label_ascii(a) {
                    return None;
                }
                label.push(a.to_ascii_lowercase());
            }
            c if label_ascii(c) => label.push(c.to_ascii_lowercase()),
            c if simple(c) => label.extend(c.to_lowercase()),
            _ => return None,
        }
    }
    out.pop(); // the separator added after the last label
    Some(out)
}

/// ASCII that may stand in a label next to converted characters (anything else: no conversion).
fn label_ascii(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_')
}

/// Characters that UTS 46 maps to their lower case (or keeps) and that NFC leaves alone.
fn simple(c: char) -> bool {
    matches!(c,
        // Latin-1 letters (not × ÷), Latin Extended-A without ĳ Ŀ ŀ ŉ ſ (mapped to sequences).
        '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{FF}'
        | '\u{100}'..='\u{131}' | '\u{134}'..='\u{13E}' | '\u{141}'..='\u{148}'
        | '\u{14A}'..='\u{17E}'
        // Latin Extended Additional (Vietnamese), without ẚ–ẟ (mapped or special).
        | '\u{1E00}'..='\u{1E95}' | '\u{1EA0}'..='\u{1EFF}'
        // Greek letters (no tonos-only or final-form variants beyond ς) and basic Cyrillic.
        | '\u{386}' | '\u{388}'..='\u{38A}' | '\u{38C}' | '\u{38E}'..='\u{3A1}'
        | '\u{3A3}'..='\u{3CE}' | '\u{400}'..='\u{45F}'
        // Ideographic iteration mark, closing mark, number zero; hiragana, katakana (with ・ー ヽ ヾ).
        | '\u{3005}'..='\u{3007}' | '\u{3041}'..='\u{3096}' | '\u{309D}'..='\u{309E}'
        | '\u{30A1}'..='\u{30FE}'
        // CJK Unified Ideographs and Extension A; Hangul syllables.
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7A3}')
}

/// Percent-decodes a host to UTF-8 (None when the bytes are not UTF-8).
fn percent_decode(s: &str) -> Option<String> {
    if !s.contains('%') {
        return Some(s.to_string());
    }
    let b = s.as_bytes();
    let hex = |c: u8| (c as char).to_digit(16).and_then(|d| u8::try_from(d).ok());
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            if let (Some(h), Some(l)) = (
                b.get(i + 1).copied().and_then(hex),
                b.get(i + 2).copied().and_then(hex),
            ) {
                out.push(h * 16 + l);
                i += 3;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    String::from_utf8(out).ok()
}
