//! `biyelelt show FILE.pdf --page N --svg OUT.svg`: a picture of what the layout saw, checked
//! in headless Chromium.
mod common;

use common::{count_color, repo, run, screenshot};

#[test]
fn the_layout_picture_of_a_pdf_page_renders_in_headless_chromium() {
    let target = repo().join("target/test-output/svg");
    std::fs::create_dir_all(&target).unwrap();
    let svg = target.join("tatvar_noborders-p2.svg");
    // Page 2 holds the end of the plan table (no rules) and the summary table.
    let (ok, stdout, stderr) = run(&[
        "show",
        "tests/fixtures/pdf/tatvar_noborders.pdf",
        "--page",
        "2",
        "--svg",
        &svg.to_string_lossy(),
    ]);
    assert!(ok, "{stderr}");
    assert!(stdout.contains("page 2 drawn"), "{stdout}");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg") && text.trim_end().ends_with("</svg>"));
    assert!(
        text.contains(r#"data-kind="aligned""#),
        "tables read by alignment"
    );
    assert!(text.contains("Хэрэгжилт"), "the page's words are drawn");
    let shot = target.join("tatvar_noborders-p2.png");
    screenshot(&svg, &shot, (900, 1300));
    // The cells of the first table part are outlined in table colour 0 or 1.
    let colored: usize = biyelelt::view::svg::TABLE_COLORS[..2]
        .iter()
        .map(|c| count_color(&shot, *c))
        .sum();
    println!(
        "screenshot {}: {colored} pixels of table colors",
        shot.display()
    );
    assert!(
        colored > 500,
        "no table outlines on the screenshot ({colored} pixels)"
    );
}

#[test]
fn a_page_past_the_end_or_a_text_export_is_an_error_that_says_so() {
    let (ok, _, stderr) = run(&[
        "show",
        "tests/fixtures/pdf/tatvar_noborders.pdf",
        "--page",
        "99",
        "--svg",
        "/dev/null",
    ]);
    assert!(!ok);
    assert!(
        stderr.contains("--page 99") && stderr.contains("page(s)"),
        "{stderr}"
    );
    let (ok, _, stderr) = run(&["show", "corpus/tatvar_2021.txt", "--svg", "/dev/null"]);
    assert!(!ok);
    assert!(stderr.contains("not a PDF"), "{stderr}");
}
