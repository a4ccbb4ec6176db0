//! Proxy unwrapping (`unwrapProxy`): the original URL recovered from an image proxy's URL,
//! by the proxy's encoding (a query parameter, the path, a hex or base64url path segment, or
//! the tail of a fetch proxy's path).

use url::Url;

use super::decode::{base64url_decode, hex_decode, percent_decode};
use super::ProxyEncoding;

/// The original of proxy URL `u`, when it decodes to an absolute `http:`/`https:` URL with a
/// host; `strip_suffix` is cut from its end first.
pub(super) fn unwrap_proxy(
    u: &Url,
    encoding: ProxyEncoding,
    param: Option<&str>,
    strip_suffix: Option<&regex_lite::Regex>,
) -> Option<Url> {
    let mut candidate = match encoding {
        ProxyEncoding::Query => {
            let name = param.unwrap_or("url");
            let v = u
                .query_pairs()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.into_owned())?;
            let v = v.trim();
            if let Some(rest) = v.strip_prefix("ssl:") {
                format!("https://{rest}")
            } else if let Some(rest) = v.strip_prefix("//") {
                format!("https://{rest}")
            } else if v.starts_with("http://") || v.starts_with("https://") {
                v.to_string()
            } else {
                format!("https://{v}")
            }
        }
        ProxyEncoding::Path => {
            let path = u.path().trim_start_matches('/');
            if !path.contains('.') {
                return None;
            }
            let ssl_off = u.query_pairs().any(|(k, v)| k == "ssl" && v == "0");
            const RESIZE: &[&str] = &[
                "w", "h", "resize", "fit", "crop", "zoom", "quality", "strip", "ssl", "lb", "ulb",
            ];
            let rest: Vec<(String, String)> = u
                .query_pairs()
                .filter(|(k, _)| !RESIZE.contains(&k.as_ref()))
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            let mut s = format!("{}://{path}", if ssl_off { "http" } else { "https" });
            if !rest.is_empty() {
                let mut ser = url::form_urlencoded::Serializer::new(String::new());
                for (k, v) in &rest {
                    ser.append_pair(k, v);
                }
                s.push('?');
                s.push_str(&ser.finish());
            }
            s
        }
        ProxyEncoding::PathTail => path_tail(u)?,
        ProxyEncoding::WholeQuery => {
            let q = u.query()?;
            let lower = q.get(..10).unwrap_or(q).to_ascii_lowercase();
            if lower.starts_with("http%3a") || lower.starts_with("https%3a") {
                percent_decode(q)?
            } else if lower.starts_with("http:") || lower.starts_with("https:") {
                q.to_string()
            } else {
                return None;
            }
        }
        ProxyEncoding::Base64Path => {
            let seg = u.path_segments()?.next_back()?;
            String::from_utf8(base64url_decode(seg)?).ok()?
        }
        ProxyEncoding::HexPath => {
            let seg = u.path_segments()?.next_back()?;
            String::from_utf8(hex_decode(seg)?).ok()?
        }
    };
    if let Some(re) = strip_suffix {
        candidate = re.replace(&candidate, "").into_owned();
    }
    let orig = Url::parse(&candidate).ok()?;
    if matches!(orig.scheme(), "http" | "https") && orig.host_str().is_some() {
        Some(orig)
    } else {
        None
    }
}

/// The original URL in a fetch proxy's path: from the first segment that starts with
/// `http:`/`https:` (or their percent-encoded forms) to the end.
fn path_tail(u: &Url) -> Option<String> {
    let path = u.path();
    let lower = path.to_ascii_lowercase();
    let start = ["/https%3a", "/http%3a", "/https:", "/http:"]
        .iter()
        .filter_map(|p| lower.find(p))
        .min()?;
    let tail = path.get(start + 1..)?;
    if tail.contains(':') {
        // Not encoded: the proxy URL's query belongs to the original.
        let mut s = tail.to_string();
        if let Some(q) = u.query() {
            s.push('?');
            s.push_str(q);
        }
        Some(s)
    } else {
        percent_decode(tail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_tail_fetch_proxies() {
        let un = |s: &str| {
            unwrap_proxy(&Url::parse(s).unwrap(), ProxyEncoding::PathTail, None, None)
                .map(|u| u.to_string())
        };
        assert_eq!(
            un("https://substackcdn.com/image/fetch/w_1456,c_limit,f_auto,q_auto:good,fl_progressive:steep/https%3A%2F%2Fsubstack-post-media.s3.amazonaws.com%2Fpublic%2Fimages%2Fab12.jpeg").as_deref(),
            Some("https://substack-post-media.s3.amazonaws.com/public/images/ab12.jpeg")
        );
        assert_eq!(
            un("https://res.cloudinary.com/demo/image/fetch/w_300,f_auto/https://upload.example.org/a/b.png?v=2").as_deref(),
            Some("https://upload.example.org/a/b.png?v=2")
        );
        assert_eq!(
            un("https://substackcdn.com/image/fetch/w_100/plain.jpg"),
            None
        );
        assert_eq!(
            un("https://substackcdn.com/image/fetch/w_100/https%3A%2F%2F"),
            None
        );
        assert_eq!(
            un("https://substackcdn.com/image/fetch/w_100/ftp%3A%2F%2Fexample.org%2Fa.jpg"),
            None
        );
    }
}
