//! html5ever's named character references come from the patched `vendor/web_atoms` (a sorted table
//! instead of a phf map of every name and prefix; see vendor/web_atoms/PATCHED.md). Its `get` must
//! answer exactly as the original map did, which held every full name with its codepoints and every
//! proper prefix (and "") with `(0, 0)`.

use std::collections::BTreeMap;

use html5ever::data::NAMED_ENTITIES;

mod original {
    // The unpatched source list (2,231 names with their leading '&').
    include!("../vendor/web_atoms/entities.rs");
}

fn original_map() -> BTreeMap<String, (u32, u32)> {
    let mut map: BTreeMap<String, (u32, u32)> = original::NAMED_ENTITIES
        .iter()
        .map(|(name, a, b)| (name[1..].to_string(), (*a, *b)))
        .collect();
    for key in map.keys().cloned().collect::<Vec<_>>() {
        for n in 1..key.len() {
            map.entry(key[..n].to_string()).or_insert((0, 0));
        }
    }
    map.insert(String::new(), (0, 0));
    map
}

#[test]
fn every_name_and_prefix_answers_as_the_phf_map_did() {
    let map = original_map();
    assert_eq!(map.len(), 9854);
    assert_eq!(NAMED_ENTITIES.len(), original::NAMED_ENTITIES.len());
    for (key, value) in &map {
        assert_eq!(NAMED_ENTITIES.get(key), Some(value), "{key:?}");
    }
}

#[test]
fn non_names_are_absent() {
    let map = original_map();
    // Every key with one more character that is not itself a key (nor a prefix of one).
    let extra: Vec<char> = ('0'..='9')
        .chain('A'..='Z')
        .chain('a'..='z')
        .chain([';', '&', '#', ' ', 'é', '\u{0}'])
        .collect();
    let mut checked = 0;
    for key in map.keys() {
        for c in &extra {
            let k = format!("{key}{c}");
            if !map.contains_key(&k) {
                assert_eq!(NAMED_ENTITIES.get(&k), None, "{k:?}");
                checked += 1;
            }
        }
    }
    assert!(checked > 500_000);
    for k in ["zzz", "~", "{", "\u{10FFFF}", "amp;x", "AMP;;"] {
        assert_eq!(NAMED_ENTITIES.get(k), map.get(k), "{k:?}");
    }
}

#[test]
fn char_refs_decode_through_the_parser() {
    let html = scraper::Html::parse_fragment(
        "<p>&amp; &amp &notin; &notit; &acE; &Aacute &lt;x &gxq; &#x41; &ampx</p>",
    );
    let text: String = html.root_element().text().collect();
    assert_eq!(
        text,
        "& & \u{2209} \u{ac}it; \u{223e}\u{333} \u{c1} <x &gxq; A &x"
    );
}
