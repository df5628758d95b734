//! The interface in Mongolian: with `--lang mn`, no command's output for people (ingest, show,
//! check, yoy as a table and as HTML, series, report) has an English word left. A Latin word
//! there must come from the data: the corpus files' text, their paths, the dataset's folder.
//! With `--lang en` the same commands print English words, so the check can fail.

mod common;

use common::{repo, run};
use std::collections::BTreeSet;
use std::path::Path;

/// Latin words of two letters or more, command-line flags left out (typed as they are).
fn latin_words(text: &str) -> BTreeSet<String> {
    let no_flags = regex::Regex::new(r"--[a-z][a-z-]*").unwrap();
    let text = no_flags.replace_all(text, " ");
    // Whole words: not the letters of hex ids ("3cf0dd").
    regex::Regex::new(r"\b[A-Za-z][A-Za-z]+\b")
        .unwrap()
        .find_iter(&text)
        .map(|m| m.as_str().to_string())
        .collect()
}

/// What a person sees of an HTML page: its text, without styles, tags and entities.
fn visible(html: &str) -> String {
    let style = regex::Regex::new(r"(?s)<style.*?</style>").unwrap();
    let tags = regex::Regex::new(r"(?s)<[^>]*>").unwrap();
    let entities = regex::Regex::new(r"&[a-z]+;|&#[0-9]+;").unwrap();
    let text = style.replace_all(html, " ");
    let text = tags.replace_all(&text, " ");
    entities.replace_all(&text, " ").into_owned()
}

/// The outputs of every command for people, on the corpus, in `lang`.
fn outputs(lang: &str, ds: &Path, out: &Path) -> Vec<(String, String)> {
    let ds_s = ds.to_string_lossy().to_string();
    let mut all = Vec::new();
    let mut take = |what: String, args: &[&str]| {
        let mut full = vec!["--lang", lang];
        full.extend_from_slice(args);
        let (_, stdout, stderr) = run(&full);
        all.push((what, format!("{stdout}\n{stderr}")));
    };
    take("ingest".into(), &["ingest", "corpus", "--out", &ds_s]);
    take("ingest again".into(), &["ingest", "corpus", "--out", &ds_s]);
    for f in std::fs::read_dir(repo().join("corpus")).unwrap() {
        let f = f.unwrap().path();
        let rel = format!("corpus/{}", f.file_name().unwrap().to_string_lossy());
        take(format!("show {rel}"), &["show", &rel]);
    }
    take("check".into(), &["check", "corpus"]);
    take("yoy".into(), &["yoy", &ds_s]);
    take("series".into(), &["series", &ds_s]);
    let (_, list, _) = run(&["series", &ds_s]);
    let id = list
        .lines()
        .nth(1)
        .and_then(|l| l.split_whitespace().next())
        .expect("the corpus has a series with more than one member")
        .to_string();
    take(
        "series --explain".into(),
        &["series", &ds_s, "--explain", &id],
    );
    for (what, args, file) in [
        ("yoy html", vec!["yoy", &ds_s, "--format", "html"], None),
        (
            "report",
            vec!["report", &ds_s],
            Some(out.join(format!("report-{lang}.html"))),
        ),
    ] {
        let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        if let Some(f) = &file {
            args.extend(["-o".into(), f.to_string_lossy().to_string()]);
        }
        let mut full = vec!["--lang".to_string(), lang.to_string()];
        full.extend(args);
        let refs: Vec<&str> = full.iter().map(String::as_str).collect();
        let (ok, stdout, stderr) = run(&refs);
        assert!(ok, "{what}: {stderr}");
        let html = match &file {
            Some(f) => std::fs::read_to_string(f).unwrap(),
            None => stdout,
        };
        all.push((what.to_string(), visible(&html)));
    }
    all
}

/// Latin words of the data: the corpus files' text (the PDF's as pdftotext reads it) and
/// every path the commands print.
fn data_words(ds: &Path, out: &Path) -> BTreeSet<String> {
    let mut text = format!("{} {}", ds.display(), out.display());
    for f in std::fs::read_dir(repo().join("corpus")).unwrap() {
        let f = f.unwrap().path();
        text.push_str(&format!(" corpus/{} ", f.display()));
        if f.extension().is_some_and(|e| e == "pdf") {
            let o = std::process::Command::new("pdftotext")
                .args([f.to_str().unwrap(), "-"])
                .output()
                .expect("pdftotext runs");
            text.push_str(&String::from_utf8_lossy(&o.stdout));
        } else {
            text.push_str(&String::from_utf8_lossy(&std::fs::read(&f).unwrap()));
        }
    }
    latin_words(&text)
}

#[test]
fn mongolian_output_has_no_english_word_left() {
    let t = tempfile::tempdir().unwrap();
    let mut found_english = BTreeSet::new();
    for lang in ["mn", "en"] {
        let ds = t.path().join(format!("ds-{lang}"));
        let data = data_words(&ds, t.path());
        // Names, not words: the format's ("PDF") and the program's.
        let allowed = |w: &str| data.contains(w) || w == "PDF" || w == "biyelelt";
        for (what, text) in outputs(lang, &ds, t.path()) {
            let foreign: Vec<String> = latin_words(&text)
                .into_iter()
                .filter(|w| !allowed(w))
                .collect();
            if lang == "mn" {
                assert!(
                    foreign.is_empty(),
                    "`{what}` in Mongolian has English words {foreign:?}:\n{text}"
                );
            } else {
                found_english.extend(foreign);
            }
        }
    }
    for w in [
        "measure",
        "objective",
        "findings",
        "year",
        "score",
        "dataset",
    ] {
        assert!(
            found_english.contains(w),
            "--lang en printed no {w:?}: the check above would not see English"
        );
    }
}
