//! Feed bytes to text: the charset from the byte-order mark, else the XML declaration's
//! `encoding`, else UTF-8 (XML's default; JSON Feed is always UTF-8). Decoded with encoding_rs
//! (the WHATWG Encoding Standard's labels and decoders); malformed sequences become U+FFFD.

use crate::error::Error;

/// Decodes feed bytes. A declared label encoding_rs does not know is `UNSUPPORTED_CHARSET`.
///
/// ```
/// use article_cleaner::decode_feed_bytes;
/// let bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>Caf\xe9</title></channel></rss>";
/// assert!(decode_feed_bytes(bytes).unwrap().contains("Café"));
/// let bad = b"<?xml version=\"1.0\" encoding=\"x-klingon\"?><rss/>";
/// assert_eq!(decode_feed_bytes(bad).unwrap_err().code(), "UNSUPPORTED_CHARSET");
/// ```
pub fn decode_feed_bytes(bytes: &[u8]) -> Result<String, Error> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or(&[]);
        let (text, _) = enc.decode_without_bom_handling(rest);
        return Ok(text.into_owned());
    }
    // Without a BOM, UTF-16 text without one is not readable: the declaration is ASCII.
    let enc = match declared_label(bytes) {
        Some(label) => {
            match encoding_rs::Encoding::for_label_no_replacement(label.as_bytes()) {
                // A declaration read as ASCII cannot be UTF-16 (it would need a BOM or NULs):
                // the document is ASCII-compatible and names UTF-16 wrongly; read as UTF-8.
                Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => {
                    encoding_rs::UTF_8
                }
                Some(e) => e,
                None => return Err(Error::UnsupportedCharset { label }),
            }
        }
        None => encoding_rs::UTF_8,
    };
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Ok(text.into_owned())
}

/// The `encoding` pseudo-attribute of a leading `<?xml …?>` declaration.
fn declared_label(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..bytes.len().min(512))?;
    let head = std::str::from_utf8(head)
        .ok()
        .map(str::to_string)
        .unwrap_or_else(|| String::from_utf8_lossy(head).into_owned());
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

#[cfg(test)]
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
    }
}
