//! Feed dates as ISO 8601: RSS's RFC 822 dates (`Mon, 06 Sep 2021 16:45:00 +0000`) are
//! rewritten, ISO / RFC 3339 dates (Atom, JSON Feed, `dc:date`) are kept as written, anything
//! else is kept as the feed wrote it (trimmed) rather than lost.

/// The date as ISO 8601 when it can be read, else as written; None when empty.
pub(crate) fn normalize(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    Some(
        rfc822(s)
            .or_else(|| crate::text::parse_date(s))
            .unwrap_or_else(|| s.to_string()),
    )
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// `[Day,] DD Mon YYYY HH:MM[:SS] [zone]` → `YYYY-MM-DDTHH:MM:SS±HH:MM` (or `Z`).
fn rfc822(s: &str) -> Option<String> {
    let s = match s.split_once(',') {
        Some((day, rest)) if day.trim().chars().all(char::is_alphabetic) => rest,
        _ => s,
    };
    let mut parts = s.split_whitespace();
    let day: u32 = parts.next()?.parse().ok()?;
    let mon = parts.next()?.to_ascii_lowercase();
    let month = MONTHS
        .iter()
        .position(|m| mon.starts_with(m))
        .and_then(|i| u32::try_from(i + 1).ok())?;
    let year_text = parts.next()?;
    let mut year: u32 = year_text.parse().ok()?;
    if year_text.len() == 2 {
        year += if year < 50 { 2000 } else { 1900 };
    }
    if !(1..=31).contains(&day) || year < 1000 {
        return None;
    }
    let (h, m, sec) = match parts.next() {
        Some(time) => {
            let mut t = time.split(':');
            let h: u32 = t.next()?.parse().ok()?;
            let m: u32 = t.next()?.parse().ok()?;
            let sec: u32 = match t.next() {
                Some(x) => x.parse().ok()?,
                None => 0,
            };
            if h > 23 || m > 59 || sec > 60 || t.next().is_some() {
                return None;
            }
            (h, m, sec)
        }
        None => (0, 0, 0),
    };
    let zone = match parts.next() {
        None => "Z".to_string(),
        Some(z) => zone(z)?,
    };
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{sec:02}{zone}"
    ))
}

fn zone(z: &str) -> Option<String> {
    let named = match z.to_ascii_uppercase().as_str() {
        "GMT" | "UT" | "UTC" | "Z" => Some(0),
        "EST" => Some(-5),
        "EDT" => Some(-4),
        "CST" => Some(-6),
        "CDT" => Some(-5),
        "MST" => Some(-7),
        "MDT" => Some(-6),
        "PST" => Some(-8),
        "PDT" => Some(-7),
        _ => None,
    };
    if let Some(h) = named {
        return Some(if h == 0 {
            "Z".into()
        } else {
            format!("-{:02}:00", -h)
        });
    }
    let (sign, digits) = match z.as_bytes().first()? {
        b'+' => ('+', z.get(1..)?),
        b'-' => ('-', z.get(1..)?),
        _ => return None,
    };
    let digits = digits.replace(':', "");
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if digits == "0000" {
        return Some("Z".into());
    }
    Some(format!("{sign}{}:{}", digits.get(..2)?, digits.get(2..)?))
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn rfc822_and_iso() {
        let n = |s: &str| normalize(s).unwrap();
        assert_eq!(n("Mon, 06 Sep 2021 16:45:00 +0000"), "2021-09-06T16:45:00Z");
        assert_eq!(n("Tue, 10 Jun 2003 04:00:00 GMT"), "2003-06-10T04:00:00Z");
        assert_eq!(n("6 Sep 21 16:45 -0700"), "2021-09-06T16:45:00-07:00");
        assert_eq!(
            n("Wed, 02 Oct 2002 08:00:00 EST"),
            "2002-10-02T08:00:00-05:00"
        );
        assert_eq!(n("2024-02-06T04:47:03+08:00"), "2024-02-06T04:47:03+08:00");
        assert_eq!(n("  someday "), "someday");
        assert!(normalize("  ").is_none());
    }
}
