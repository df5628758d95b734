//! A picture of what the layout saw on one page, the way Camelot's visual debugging shows it:
//! why a table was read as it was.
//!
//! Enters: a layout [`Page`] (words and rules) and its [`PageLayout`] (tables found, running
//! header and footer bands). Leaves: an SVG document: the page's words (boxes and text), its
//! ruling lines, each table's cells outlined in the table's color with its number, how its
//! cells were found and its row numbers, and the dropped running lines shaded.

use crate::layout::{Page, PageLayout};
use std::fmt::Write;

/// Colors of tables 0, 1, 2 … (cycled).
pub const TABLE_COLORS: &[(u8, u8, u8)] = &[
    (214, 39, 40),
    (31, 119, 180),
    (44, 160, 44),
    (148, 103, 189),
    (255, 127, 14),
    (23, 190, 207),
];

/// The color of table `n` as `#rrggbb`.
pub fn table_color(n: usize) -> String {
    let (r, g, b) = TABLE_COLORS[n % TABLE_COLORS.len()];
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The SVG of one page (points, origin top-left, as the layout sees it).
pub fn page_svg(page: &Page, seen: &PageLayout) -> String {
    let (w, h) = (page.width.max(1.0), page.height.max(1.0));
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{:.0}" height="{:.0}" viewBox="0 0 {w:.1} {h:.1}" font-family="DejaVu Sans, sans-serif">"#,
        w * 1.5,
        h * 1.5
    );
    let _ = writeln!(
        out,
        r##"<rect width="{w:.1}" height="{h:.1}" fill="#ffffff"/>"##
    );
    let _ = writeln!(
        out,
        "<title>page {} as the layout saw it</title>",
        page.number
    );
    for (top, bottom) in &seen.running {
        let _ = writeln!(
            out,
            r##"<rect class="running" x="0" y="{top:.1}" width="{w:.1}" height="{:.1}" fill="#dddddd"><title>running header or footer: dropped</title></rect>"##,
            (bottom - top).max(0.5)
        );
    }
    for t in &seen.tables {
        let color = table_color(t.table);
        let x0 = t.xs[0];
        let _ = writeln!(
            out,
            r#"<g class="table" data-table="{}" data-kind="{}">"#,
            t.table,
            t.kind.as_str()
        );
        for (r, rows) in t.ys.windows(2).enumerate() {
            for cols in t.xs.windows(2) {
                let _ = writeln!(
                    out,
                    r#"<rect class="cell" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{color}" fill-opacity="0.08" stroke="{color}" stroke-width="1.2"/>"#,
                    cols[0],
                    rows[0],
                    (cols[1] - cols[0]).max(0.1),
                    (rows[1] - rows[0]).max(0.1)
                );
            }
            let _ = writeln!(
                out,
                r#"<text x="{:.1}" y="{:.1}" font-size="5" fill="{color}" text-anchor="end">r{}</text>"#,
                x0 - 1.5,
                rows[0] + 5.0,
                r + 1
            );
        }
        let _ = writeln!(
            out,
            r#"<text x="{x0:.1}" y="{:.1}" font-size="6" font-weight="bold" fill="{color}">table {} ({}, {} columns)</text>"#,
            (t.ys[0] - 2.0).max(6.0),
            t.table + 1,
            t.kind.as_str(),
            t.xs.len() - 1
        );
        let _ = writeln!(out, "</g>");
    }
    for r in &page.rules {
        let _ = writeln!(
            out,
            r##"<line class="rule" x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#000000" stroke-width="0.6"/>"##,
            r.x0, r.y0, r.x1, r.y1
        );
    }
    for word in &page.words {
        let height = (word.bottom - word.top).max(1.0);
        let _ = writeln!(
            out,
            r##"<rect class="word" x="{:.1}" y="{:.1}" width="{:.1}" height="{height:.1}" fill="none" stroke="#9ab" stroke-width="0.3"/><text x="{:.1}" y="{:.1}" font-size="{:.1}" fill="#333333">{}</text>"##,
            word.x0,
            word.top,
            (word.x1 - word.x0).max(0.5),
            word.x0,
            word.bottom - 0.2 * height,
            0.75 * height,
            escape(&word.text)
        );
    }
    out.push_str("</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::{Rule, TableKind, TableLayout, Word};

    #[test]
    fn draws_words_rules_and_each_cell_of_a_table_in_its_color() {
        let page = Page {
            number: 1,
            width: 200.0,
            height: 100.0,
            words: vec![Word {
                text: "Үнэлгээ <&>".into(),
                x0: 10.0,
                x1: 50.0,
                top: 10.0,
                bottom: 20.0,
                font_size: 10.0,
                baseline: None,
            }],
            rules: vec![Rule {
                x0: 5.0,
                y0: 5.0,
                x1: 150.0,
                y1: 5.0,
            }],
        };
        let seen = PageLayout {
            tables: vec![TableLayout {
                table: 1,
                kind: TableKind::Aligned,
                xs: vec![5.0, 60.0, 150.0],
                ys: vec![5.0, 30.0, 60.0],
            }],
            running: vec![(90.0, 98.0)],
        };
        let svg = page_svg(&page, &seen);
        assert_eq!(svg.matches(r#"class="cell""#).count(), 4);
        assert!(svg.contains(&table_color(1)));
        assert!(svg.contains("Үнэлгээ &lt;&amp;&gt;"));
        assert!(svg.contains(r#"class="rule""#));
        assert!(svg.contains("table 2 (aligned, 2 columns)"));
        assert!(svg.contains(r#"class="running""#));
    }
}
