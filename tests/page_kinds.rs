//! Never an empty article: input kind by structure (a page without `<html>`/`<head>`/`<body>`
//! tags is still a page), a `<form>` around the content is a container (ASP.NET WebForms), and
//! a page whose candidates are all rejected by the cleanup falls back to the best candidate.
//! Fixtures: tests/fixtures/pages/.

use article_cleaner::{clean, clean_bytes, Article, InputKind, Options};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/pages/{name}.html",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn run(name: &str) -> Article {
    let options = Options {
        url: Some("https://www.example.de/artikel/1".into()),
        ..Options::default()
    };
    clean_bytes(&fixture(name), &options).unwrap()
}

#[test]
fn a_page_without_html_head_body_tags_goes_through_article_finding() {
    let a = run("no-html-tags");
    assert_eq!(a.input_kind, InputKind::Document);
    // The page's <title> (read as a page's metadata: the input is a page).
    assert_eq!(
        a.title.as_deref(),
        Some("Stadtrat beschließt neue Radwege | Kreisbote Online")
    );
    assert!(a
        .text_content
        .starts_with("Der Stadtrat hat am Dienstagabend"));
    assert!(a.text_content.contains("jederzeit befahrbar bleibt."));
    // Navigation, sidebar and footer are left out, and audited.
    for not in ["Lokales", "Meistgelesen", "Neues Café", "Impressum"] {
        assert!(!a.text_content.contains(not), "{not} kept");
    }
    assert!(a.removed.iter().any(|r| r.text.contains("Meistgelesen")));
}

#[test]
fn a_form_wrapping_the_whole_page_is_a_container() {
    let a = run("aspnet-webforms");
    assert_eq!(a.input_kind, InputKind::Document);
    assert!(a
        .text_content
        .starts_with("Nach zwei Jahren Planung beginnt im Oktober"));
    assert!(a.text_content.contains("die Fahrtkosten der Schulklassen."));
    for not in ["Bürgerservice", "Suchen", "Rathausplatz", "__doPostBack"] {
        assert!(!a.text_content.contains(not), "{not} kept");
    }
}

#[test]
fn a_page_whose_candidates_are_all_rejected_falls_back_to_the_best_candidate() {
    let a = run("all-candidates-rejected");
    assert!(a.text_content.starts_with("Hafenstadt (dpa) - Der Hafen"));
    assert!(a.text_content.contains("neue Lagerflächen am Südkai."));
    assert!(!a.text_content.contains("E-Paper"));
    assert_eq!(a.removed[0].rule, "page-fallback-candidate");
}

#[test]
fn a_small_form_stays_a_form_and_feed_fragments_stay_fragments() {
    let prose = "<p>Der Gemeinderat hat am Dienstag beschlossen, die Sanierung der Grundschule \
                 um ein Jahr vorzuziehen.</p>";
    let html = format!("{prose}<form><input name=q><button>Suchen</button></form>{prose}");
    let a = clean(&html, &Options::default()).unwrap();
    assert_eq!(a.input_kind, InputKind::Fragment);
    assert!(!a.text_content.contains("Suchen"));
    assert!(a.removed.iter().any(|r| r.rule == "non-content"));
}

#[test]
fn a_page_with_text_never_gives_an_empty_article_and_one_without_stays_empty() {
    // Text only in places every attempt rejects: a footer and a sidebar.
    let page = "<!doctype html><html><head><title>T</title></head><body>\
                <div class=sidebar>Kurzmeldung aus der Region</div>\
                <footer>Kontakt und Impressum</footer></body></html>";
    let a = clean(page, &Options::default()).unwrap();
    assert!(!a.text_content.trim().is_empty());
    let empty =
        "<!doctype html><html><head><title>T</title></head><body><img src=a.png></body></html>";
    let a = clean(empty, &Options::default()).unwrap();
    assert!(a.text_content.is_empty());
}

#[test]
fn page_cues_remove_read_also_blocks_tag_and_editor_lines_in_any_language() {
    let prose = |s: &str| {
        format!("<p>{s} Der Gemeinderat hat am Dienstag beschlossen, die Sanierung der Grundschule um ein Jahr vorzuziehen, nachdem Gutachter Mängel am Dach gefunden hatten.</p>")
    };
    let page = format!(
        "<!doctype html><html><head><title>Schule wird saniert</title></head><body><article>\
         {}{}<p>Czytaj też: <a href=/a/2>Nowa szkoła w Gdańsku otwarta po remoncie</a></p>{}\
         <h3>Auch interessant</h3><ul><li><a href=/a/3>Neues Café am Marktplatz</a></li>\
         <li><a href=/a/4>Feuerwehr übt am Hafen</a></li></ul>\
         <p>责任编辑：张三</p><p>Schlagwörter: <a href=/t/1>Schule</a>, <a href=/t/2>Bau</a></p>\
         </article></body></html>",
        prose("Eins."),
        prose("Zwei."),
        prose("Drei.")
    );
    let a = clean(&page, &Options::default()).unwrap();
    assert!(a.text_content.contains("Eins.") && a.text_content.contains("Drei."));
    for not in [
        "Czytaj też",
        "Auch interessant",
        "Neues Café",
        "责任编辑",
        "Schlagwörter",
    ] {
        assert!(!a.text_content.contains(not), "{not} kept");
    }
    let cues: Vec<_> = a.removed.iter().filter(|r| r.rule == "page-cue").collect();
    assert!(cues.len() >= 5, "{cues:?}");
    assert!(cues
        .iter()
        .all(|r| r.signals.iter().any(|s| s.starts_with("vocab:"))));
}
