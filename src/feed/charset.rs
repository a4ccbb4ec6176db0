//! Feed bytes to text: the charset from the byte-order mark, else the XML declaration's
//! `encoding`, else UTF-8 (XML's default; JSON Feed is always UTF-8).
//!
//! [`sniff_charset`] finds the label (pure, no tables); [`decode_feed_bytes`] (Cargo feature
//! `feed-charset`) decodes with encoding_rs, the WHATWG Encoding Standard's decoders; the wasm
//! build decodes the same label with the host's `TextDecoder` (the same standard) instead of
//! shipping encoding_rs's tables. Malformed sequences become U+FFFD.

#[cfg(feature = "feed-charset")]
use crate::error::Error;

/// What the bytes say about their charset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Charset {
    /// The label: `utf-8`, `utf-16le` or `utf-16be` from a BOM, else the XML declaration's
    /// `encoding` as written, else `utf-8`.
    pub label: String,
    /// Length of the byte-order mark to skip (0 when there is none).
    pub bom_len: usize,
    /// True when the label came from a BOM (it is then authoritative).
    pub from_bom: bool,
}

/// The charset of feed bytes: BOM, then the XML declaration, then UTF-8.
///
/// A declaration read as ASCII cannot honestly name UTF-16 (its text would need a BOM or NUL
/// bytes): such a label is read as UTF-8, as browsers do.
pub fn sniff_charset(bytes: &[u8]) -> Charset {
    let bom = [
        (&[0xEF, 0xBB, 0xBF][..], "utf-8"),
        (&[0xFF, 0xFE][..], "utf-16le"),
        (&[0xFE, 0xFF][..], "utf-16be"),
    ];
    for (mark, label) in bom {
        if bytes.starts_with(mark) {
            return Charset {
                label: label.into(),
                bom_len: mark.len(),
                from_bom: true,
            };
        }
    }
    let label = declared_label(bytes)
        .filter(|l| !l.to_ascii_lowercase().starts_with("utf-16"))
        .unwrap_or_else(|| "utf-8".into());
    Charset {
        label,
        bom_len: 0,
        from_bom: false,
    }
}

/// Decodes feed bytes. A declared label encoding_rs does not know is `UNSUPPORTED_CHARSET`.
///
/// ```
/// use article_cleaner::decode_feed_bytes;
/// let bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>Caf\xe9</title></channel></rss>";
/// assert!(decode_feed_bytes(bytes).unwrap().contains("Café"));
/// let bad = b"<?xml version=\"1.0\" encoding=\"x-klingon\"?><rss/>";
/// assert_eq!(decode_feed_bytes(bad).unwrap_err().code(), "UNSUPPORTED_CHARSET");
/// ```
#[cfg(feature = "feed-charset")]
pub fn decode_feed_bytes(bytes: &[u8]) -> Result<String, Error> {
    let cs = sniff_charset(bytes);
    let enc = encoding_rs::Encoding::for_label_no_replacement(cs.label.trim().as_bytes())
        .ok_or_else(|| Error::UnsupportedCharset {
            label: cs.label.clone(),
        })?;
    let rest = bytes.get(cs.bom_len..).unwrap_or(&[]);
    let (text, _) = enc.decode_without_bom_handling(rest);
    Ok(text.into_owned())
}

/// The `encoding` pseudo-attribute of a leading `<?xml …?>` declaration.
fn declared_label(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..bytes.len().min(512))?;
    let head = String::from_utf8_lossy(head);
    let decl = head.trim_start().strip_prefix("<?xml")?;
    let decl = decl.get(..decl.find("?>")?)?;
    let at = decl.find("encoding")?;
    let rest = decl.get(at + "encoding".len()..)?.trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = rest.get(1..)?;
    let label = rest.get(..rest.find(quote)?)?.trim();
    (!label.is_empty()).then(|| label.to_string())
}

#[cfg(all(test, feature = "feed-charset"))]
mod tests {
    use super::*;

    #[test]
    fn bom_then_declaration_then_utf8() {
        let mut utf16 = vec![0xFF, 0xFE];
        for u in "<rss>é</rss>".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        assert_eq!(decode_feed_bytes(&utf16).unwrap(), "<rss>é</rss>");
        let gb = b"<?xml version='1.0' encoding='gb2312'?><rss>\xd6\xd0</rss>";
        assert!(decode_feed_bytes(gb).unwrap().contains('中'));
        let sjis = b"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><rss>\x93\xfa</rss>";
        assert!(decode_feed_bytes(sjis).unwrap().contains('日'));
        assert_eq!(
            decode_feed_bytes("<rss>ü</rss>".as_bytes()).unwrap(),
            "<rss>ü</rss>"
        );
        let wrong16 = b"<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss>x</rss>";
        assert!(decode_feed_bytes(wrong16)
            .unwrap()
            .ends_with("<rss>x</rss>"));
        let bad = b"<?xml version=\"1.0\" encoding=\"nope\"?><rss/>";
        assert_eq!(
            decode_feed_bytes(bad).unwrap_err().code(),
            "UNSUPPORTED_CHARSET"
        );
        assert_eq!(sniff_charset(b"\xEF\xBB\xBF<rss/>").bom_len, 3);
    }
}
