//! Bytes in, characters out: the encoding of an HTML byte stream, chosen as a browser does.
//!
//! 1. A byte-order mark (UTF-8, UTF-16LE, UTF-16BE) wins.
//! 2. Otherwise the HTML standard's *prescan* ("prescan a byte stream to determine its
//!    encoding") over the first [`PRESCAN_BYTES`] bytes: `<meta charset>`, or `<meta
//!    http-equiv="Content-Type" content="…; charset=…">`, with comments and other tags skipped
//!    as the standard says. Then an XML declaration's `encoding` (`<?xml … encoding="…"?>`).
//!    A declared UTF-16 means UTF-8 (the bytes were read as ASCII to find it) and
//!    `x-user-defined` means windows-1252, as the standard says. One departure: when the bytes
//!    are valid UTF-8 with non-ASCII characters and the page declares a legacy encoding, UTF-8
//!    wins — legacy text is practically never valid UTF-8, and re-saved pages that keep their
//!    old `<meta>` are common.
//! 3. Otherwise UTF-8 when the bytes are (nearly: at most one bad sequence in
//!    [`UTF8_BAD_RATIO`] good ones) valid UTF-8, else a guess from the bytes (`chardetng`, the
//!    detector Firefox uses), helped by the top-level domain of the page's URL.
//!
//! Decoding is `encoding_rs` (the Encoding Standard's decoders, as in Firefox): malformed
//! sequences become U+FFFD, never an error.

use std::borrow::Cow;

pub use encoding_rs::{Encoding, UTF_8};
use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252, X_USER_DEFINED};

/// How many leading bytes the prescan reads. The standard says 1024; pages with long inline
/// scripts or comments before their `<meta charset>` are common, and the whole input is at
/// hand, so more is read.
pub const PRESCAN_BYTES: usize = 8192;

/// In input with no declaration, UTF-8 is taken when there is at most one malformed sequence
/// per this many well-formed multi-byte ones (a page stitched together from UTF-8 parts with a
/// stray legacy byte is still UTF-8; legacy text forms almost no well-formed sequences).
pub const UTF8_BAD_RATIO: usize = 16;

/// Where the encoding came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    /// A byte-order mark.
    Bom,
    /// A `<meta>` declaration (or an XML declaration) in the markup.
    Declared,
    /// The bytes are (nearly all) valid UTF-8; no declaration, or a legacy one they contradict.
    Utf8,
    /// A guess from the byte statistics.
    Guess,
}

/// Decoded input.
#[derive(Debug, Clone)]
pub struct Decoded<'a> {
    /// The text (borrowed when the bytes were valid UTF-8 without a BOM).
    pub text: Cow<'a, str>,
    /// The WHATWG name of the encoding used (`UTF-8`, `windows-1252`, `Shift_JIS`, `GBK`, …).
    pub encoding: &'static str,
    /// How it was chosen.
    pub source: EncodingSource,
}

/// Chooses the encoding of `bytes` (see the module documentation). `url`, when known, lends
/// its top-level domain to the guess.
pub fn sniff(bytes: &[u8], url: Option<&str>) -> (&'static Encoding, EncodingSource) {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return (enc, EncodingSource::Bom);
    }
    let head = bytes.get(..PRESCAN_BYTES).unwrap_or(bytes);
    if let Some(enc) = prescan(head).or_else(|| xml_declaration(head)) {
        if enc != UTF_8 && is_non_ascii_utf8(bytes) {
            return (UTF_8, EncodingSource::Utf8);
        }
        return (enc, EncodingSource::Declared);
    }
    if nearly_utf8(bytes) {
        return (UTF_8, EncodingSource::Utf8);
    }
    (guess(bytes, url), EncodingSource::Guess)
}

/// chardetng's guess, helped by the URL's top-level domain.
#[cfg(feature = "guess")]
fn guess(bytes: &[u8], url: Option<&str>) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let tld = url.and_then(tld);
    det.guess(
        tld.as_deref().map(str::as_bytes),
        chardetng::Utf8Detection::Deny,
    )
}

/// Without the detector (feature `guess` off): windows-1252, the HTML standard's default for
/// an unknown locale.
#[cfg(not(feature = "guess"))]
fn guess(_bytes: &[u8], _url: Option<&str>) -> &'static Encoding {
    WINDOWS_1252
}

/// Decodes `bytes` with the encoding [`sniff`] chooses (the BOM, if any, removed).
pub fn decode<'a>(bytes: &'a [u8], url: Option<&str>) -> Decoded<'a> {
    let (enc, source) = sniff(bytes, url);
    // `decode` removes a BOM of any of the three kinds and re-sniffs it, which is what step 1
    // wants; without a BOM it decodes with `enc`.
    let (text, used, _) = enc.decode(bytes);
    Decoded {
        text,
        encoding: used.name(),
        source,
    }
}

#[cfg_attr(not(feature = "guess"), allow(dead_code))]
/// The rightmost DNS label of the URL's host, lower-case ASCII (Punycode for IDNs), as
/// chardetng wants it; `None` for an IP address, a host-less URL or anything unexpected.
fn tld(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    let host = match u.host()? {
        url::Host::Domain(d) => d.to_string(),
        _ => return None,
    };
    let label = host
        .trim_end_matches('.')
        .rsplit('.')
        .next()?
        .to_ascii_lowercase();
    // chardetng panics on upper case, periods or non-ASCII; accept only a plain label.
    let plain = !label.is_empty()
        && label
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    plain.then_some(label)
}

/// Valid UTF-8 with at least one non-ASCII character.
fn is_non_ascii_utf8(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

/// Valid UTF-8, or nearly: malformed sequences are rare next to the well-formed multi-byte
/// ones (see [`UTF8_BAD_RATIO`]). All-ASCII input counts as UTF-8.
fn nearly_utf8(bytes: &[u8]) -> bool {
    if std::str::from_utf8(bytes).is_ok() {
        return true;
    }
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            bad += 1;
        }
    }
    good > 0 && bad.saturating_mul(UTF8_BAD_RATIO) <= good
}

/// What a declared label means for decoding: UTF-16 → UTF-8 (the declaration was readable as
/// ASCII, so the bytes are not UTF-16), `x-user-defined` → windows-1252.
fn declared(label: &[u8]) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(label)?;
    Some(if enc == UTF_16LE || enc == UTF_16BE {
        UTF_8
    } else if enc == X_USER_DEFINED {
        WINDOWS_1252
    } else {
        enc
    })
}

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0C | b'\r' | b' ')
}

/// Whether `s[i..]` starts with `pat`, ASCII case-insensitively.
fn starts_ci(s: &[u8], i: usize, pat: &[u8]) -> bool {
    s.get(i..i + pat.len())
        .is_some_and(|w| w.eq_ignore_ascii_case(pat))
}

/// The HTML standard's prescan: the encoding a `<meta>` in `s` declares.
fn prescan(s: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while let Some(&b0) = s.get(i) {
        let rest = s.get(i..).unwrap_or_default();
        let b1 = s.get(i + 1).copied();
        let b2 = s.get(i + 2).copied();
        if rest.starts_with(b"<!--") {
            // To the first `>` preceded by `--`, which may overlap the opening `<!--`.
            let from = i + 2;
            i = from + memchr::memmem::find(s.get(from..)?, b"-->")? + 3;
        } else if starts_ci(s, i, b"<meta")
            && s.get(i + 5).is_some_and(|&b| is_space(b) || b == b'/')
        {
            let (enc, next) = meta(s, i + 6);
            if enc.is_some() {
                return enc;
            }
            i = next;
        } else if b0 == b'<'
            && (b1.is_some_and(|b| b.is_ascii_alphabetic())
                || (b1 == Some(b'/') && b2.is_some_and(|b| b.is_ascii_alphabetic())))
        {
            // A tag: skip its name, then its attributes, then the `>`.
            i += 1;
            while s.get(i).is_some_and(|&b| !is_space(b) && b != b'>') {
                i += 1;
            }
            while let Some((_, _, next)) = attribute(s, i) {
                i = next;
            }
            i += 1;
        } else if b0 == b'<' && matches!(b1, Some(b'!' | b'/' | b'?')) {
            i = i + 2 + memchr::memchr(b'>', s.get(i + 2..)?)? + 1;
        } else {
            i += 1;
        }
    }
    None
}

/// The attributes of a `<meta>` starting at `i`: the encoding it declares, if usable, and
/// where scanning resumes.
fn meta(s: &[u8], mut i: usize) -> (Option<&'static Encoding>, usize) {
    let mut seen: Vec<Vec<u8>> = Vec::new();
    let mut got_pragma = false;
    let mut need_pragma: Option<bool> = None;
    let mut charset: Option<Option<&'static Encoding>> = None;
    while let Some((name, value, next)) = attribute(s, i) {
        i = next;
        if seen.contains(&name) {
            continue;
        }
        match name.as_slice() {
            b"http-equiv" => got_pragma |= value.eq_ignore_ascii_case(b"content-type"),
            b"content" if charset.is_none() => {
                if let Some(label) = charset_from_content(&value) {
                    charset = Some(declared(&label));
                    need_pragma = Some(true);
                }
            }
            b"charset" => {
                charset = Some(declared(trim(&value)));
                need_pragma = Some(false);
            }
            _ => {}
        }
        seen.push(name);
    }
    (usable(need_pragma, got_pragma, charset), i + 1)
}

fn usable(
    need_pragma: Option<bool>,
    got_pragma: bool,
    charset: Option<Option<&'static Encoding>>,
) -> Option<&'static Encoding> {
    match need_pragma {
        None => None,
        Some(true) if !got_pragma => None,
        _ => charset.flatten(),
    }
}

fn trim(v: &[u8]) -> &[u8] {
    let start = v.iter().position(|&b| !is_space(b)).unwrap_or(v.len());
    let end = v
        .iter()
        .rposition(|&b| !is_space(b))
        .map_or(start, |e| e + 1);
    v.get(start..end).unwrap_or_default()
}

/// The standard's "get an attribute" from `s[i..]`: `(name, value, next)` with the name
/// lower-cased, or `None` at `>` or the end of the input (`i` then points at the `>`).
fn attribute(s: &[u8], mut i: usize) -> Option<(Vec<u8>, Vec<u8>, usize)> {
    while s.get(i).is_some_and(|&b| is_space(b) || b == b'/') {
        i += 1;
    }
    if s.get(i).is_none_or(|&b| b == b'>') {
        return None;
    }
    let mut name = Vec::new();
    let mut value = Vec::new();
    loop {
        let b = *s.get(i)?;
        if b == b'=' && !name.is_empty() {
            i += 1;
            break;
        }
        if is_space(b) {
            while s.get(i).is_some_and(|&b| is_space(b)) {
                i += 1;
            }
            if s.get(i) != Some(&b'=') {
                return Some((name, value, i));
            }
            i += 1;
            break;
        }
        if b == b'/' || b == b'>' {
            return Some((name, value, i));
        }
        name.push(b.to_ascii_lowercase());
        i += 1;
    }
    while s.get(i).is_some_and(|&b| is_space(b)) {
        i += 1;
    }
    let b = *s.get(i)?;
    if b == b'"' || b == b'\'' {
        i += 1;
        let end = memchr::memchr(b, s.get(i..)?)? + i;
        value.extend(s.get(i..end)?.iter().map(u8::to_ascii_lowercase));
        return Some((name, value, end + 1));
    }
    if b == b'>' {
        return Some((name, value, i));
    }
    while let Some(&b) = s.get(i) {
        if is_space(b) || b == b'>' {
            break;
        }
        value.push(b.to_ascii_lowercase());
        i += 1;
    }
    Some((name, value, i))
}

/// The standard's "extract a character encoding from a meta element": the label after
/// `charset=` in a `content` value.
fn charset_from_content(v: &[u8]) -> Option<Vec<u8>> {
    let mut from = 0;
    loop {
        let at = from + memchr::memmem::find(v.get(from..)?, b"charset")?;
        let mut i = at + 7;
        while v.get(i).is_some_and(|&b| is_space(b)) {
            i += 1;
        }
        if v.get(i) != Some(&b'=') {
            from = i;
            continue;
        }
        i += 1;
        while v.get(i).is_some_and(|&b| is_space(b)) {
            i += 1;
        }
        let rest = v.get(i..)?;
        return match rest.first() {
            Some(&q) if q == b'"' || q == b'\'' => {
                let end = memchr::memchr(q, rest.get(1..)?)?;
                Some(rest.get(1..1 + end)?.to_vec())
            }
            Some(_) => {
                let end = rest
                    .iter()
                    .position(|&b| is_space(b) || b == b';')
                    .unwrap_or(rest.len());
                let label = rest.get(..end)?;
                (!label.is_empty()).then(|| label.to_vec())
            }
            None => None,
        };
    }
}

/// `<?xml version="1.0" encoding="…"?>` at the very start.
fn xml_declaration(s: &[u8]) -> Option<&'static Encoding> {
    if !s.starts_with(b"<?xml") {
        return None;
    }
    let end = memchr::memchr(b'>', s)?;
    let decl = s.get(..end)?;
    let at = memchr::memmem::find(decl, b"encoding")? + 8;
    let rest = trim(decl.get(at..)?);
    let rest = trim(rest.strip_prefix(b"=")?);
    let q = *rest.first()?;
    if q != b'"' && q != b'\'' {
        return None;
    }
    let close = memchr::memchr(q, rest.get(1..)?)?;
    declared(rest.get(1..1 + close)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(bytes: &[u8]) -> (&'static str, EncodingSource) {
        let (e, s) = sniff(bytes, None);
        (e.name(), s)
    }

    #[test]
    fn meta_charset_and_pragma() {
        use EncodingSource::Declared;
        assert_eq!(
            name(b"<meta charset=iso-8859-2><p>\xb1"),
            ("ISO-8859-2", Declared)
        );
        assert_eq!(
            name(b"<META CHARSET='Shift_JIS'>\x82\xa0"),
            ("Shift_JIS", Declared)
        );
        assert_eq!(
            name(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\xc4\xe3"
            ),
            ("GBK", Declared)
        );
        // `content` without the pragma declares nothing; order of attributes does not matter.
        assert_eq!(
            name(b"<meta content=\"text/html; charset=gb2312\">\xe9").1,
            EncodingSource::Guess
        );
        assert_eq!(
            name(b"<meta content='text/html;charset=big5' http-equiv=content-type>\xa4\xa4"),
            ("Big5", Declared)
        );
        // UTF-16 declared in ASCII bytes is UTF-8; x-user-defined is windows-1252.
        assert_eq!(name(b"<meta charset=utf-16le>\xe9").0, "UTF-8");
        assert_eq!(name(b"<meta charset=x-user-defined>\xe9").0, "windows-1252");
    }

    #[test]
    fn comments_scripts_and_other_tags_are_skipped() {
        assert_eq!(
            name(b"<!-- <meta charset=koi8-r> --><meta charset=euc-kr>\xb0\xa1").0,
            "EUC-KR"
        );
        assert_eq!(name(b"<!--><meta charset=euc-kr>\xb0\xa1").0, "EUC-KR");
        assert_eq!(
            name(b"<div title='<meta charset=koi8-r>'><meta charset=windows-1250>\x9a").0,
            "windows-1250"
        );
        // An unknown label is no declaration: the next one counts.
        assert_eq!(
            name(b"<meta charset=nonsense><meta charset=windows-1251>\xe0").0,
            "windows-1251"
        );
    }

    #[test]
    fn bom_wins_and_valid_utf8_beats_a_legacy_declaration() {
        assert_eq!(
            name(b"\xef\xbb\xbf<meta charset=windows-1252>\xc3\xa9"),
            ("UTF-8", EncodingSource::Bom)
        );
        assert_eq!(name(b"\xff\xfe<\0p\0>\0").0, "UTF-16LE");
        assert_eq!(
            name("<meta charset=iso-8859-1><p>Oberösterreich".as_bytes()),
            ("UTF-8", EncodingSource::Utf8)
        );
        // All-ASCII bytes keep their declaration (nothing contradicts it).
        assert_eq!(name(b"<meta charset=iso-8859-1><p>plain").0, "windows-1252");
    }

    #[test]
    fn no_declaration_utf8_or_a_guess() {
        assert_eq!(name("<p>Grüße".as_bytes()), ("UTF-8", EncodingSource::Utf8));
        assert_eq!(name(b"<p>plain ascii"), ("UTF-8", EncodingSource::Utf8));
        // One stray byte in much UTF-8 is still UTF-8.
        let mut mostly = "<p>Grüße aus Köln, schöne Größe. ".repeat(4).into_bytes();
        mostly.push(0xe9);
        assert_eq!(name(&mostly), ("UTF-8", EncodingSource::Utf8));
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("<p>Grüße aus Köln, schöne Größe</p>");
        assert_eq!(name(&bytes), ("windows-1252", EncodingSource::Guess));
    }

    #[test]
    fn xml_declaration_counts() {
        assert_eq!(
            name(b"<?xml version=\"1.0\" encoding=\"ISO-8859-7\"?><html>\xe1").0,
            "ISO-8859-7"
        );
    }

    #[test]
    fn tld_is_sanitized_for_the_detector() {
        assert_eq!(tld("https://www.example.PL/x").as_deref(), Some("pl"));
        assert_eq!(tld("https://例え.テスト/").as_deref(), Some("xn--zckzah"));
        assert_eq!(tld("http://127.0.0.1/"), None);
        assert_eq!(tld("not a url"), None);
    }

    #[test]
    fn truncated_markup_never_panics() {
        for s in [
            &b"<meta"[..],
            b"<meta ",
            b"<meta charset",
            b"<meta charset=",
            b"<meta charset='",
            b"<meta http-equiv=content-type content='charset=",
            b"<!--",
            b"<!",
            b"</a",
            b"<a b='",
            b"<?xml encoding=",
        ] {
            let _ = sniff(s, Some("https://a.b"));
        }
    }
}
