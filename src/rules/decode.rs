//! Decoders for URLs hidden inside proxy URLs: percent-encoding, base64url and hex.

/// Decodes `%XX` escapes; None when the result is not UTF-8.
pub(super) fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0usize;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(v) = hex {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Decodes base64url (or standard base64), padding optional; None on any other character.
pub(super) fn base64url_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0u32;
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            b'=' => break,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    Some(out)
}

/// Decodes a hex string, two digits per byte; None when it is empty, of odd length, or a pair
/// is not a hex number.
pub(super) fn hex_decode(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 || s.is_empty() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url() {
        assert_eq!(
            base64url_decode("aHR0cHM6Ly9wYnMudHdpbWcuY29tL21lZGlhL0dhYmMuanBn").as_deref(),
            Some(&b"https://pbs.twimg.com/media/Gabc.jpg"[..])
        );
        assert_eq!(base64url_decode("YQ==").as_deref(), Some(&b"a"[..]));
        assert_eq!(base64url_decode("a b"), None);
    }

    #[test]
    fn hex() {
        assert_eq!(hex_decode("68747470").as_deref(), Some(&b"http"[..]));
        assert_eq!(hex_decode("6874747"), None);
        assert_eq!(hex_decode(""), None);
        assert_eq!(hex_decode("zz"), None);
    }
}
