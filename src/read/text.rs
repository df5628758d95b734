//! Text exports: decoding, and the three forms document converters emit.
//!
//! Enters: a file's bytes. Leaves: a [`Document`] of raw paragraphs and tables.
//! - the sample's form: blocks separated by blank lines, tables as tab-separated rows whose cells
//!   hold HTML fragments (`<p>`, `<ol><li>`, `<b>` …) and markdown emphasis; a blank line between
//!   two rows of a table marks a page break;
//! - GitHub markdown pipe tables (`| a | b |`), cells with `<br>`;
//! - HTML documents with `<table>` (rowspan and colspan expanded into the grid).
//!
//! Cell fragments are parsed with an HTML parser (scraper/html5ever), never with regexes.

use crate::error::ReadError;
use crate::layout::{Block, Cell, Document, Paragraph, Row, Table};
use crate::model::{Source, SourceFormat};
use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};
use std::path::Path;

/// Decode bytes to text: BOM first, then UTF-16 without BOM (by its zero bytes), UTF-8, else
/// the most likely legacy encoding (chardetng; Windows-1251 for Cyrillic).
pub fn decode(path: &Path, bytes: &[u8]) -> Result<(String, &'static str), ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty {
            path: path.to_path_buf(),
        });
    }
    let encoding = if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        enc
    } else if let Some(enc) = utf16_without_bom(bytes) {
        enc
    } else if is_mostly_utf8(bytes) {
        encoding_rs::UTF_8
    } else {
        if let Some(offset) = bytes.iter().position(|&b| b == 0) {
            return Err(ReadError::NotText {
                path: path.to_path_buf(),
                offset,
                detail: "a NUL byte (binary data)".into(),
            });
        }
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        detector.guess(None, false)
    };
    let (text, _, _) = encoding.decode(bytes);
    // A byte or two damaged in a long report (a bad sector, a bad copy) loses those characters,
    // not the report: only a file where more than 1% of the characters are undecodable or
    // control characters is not text.
    let n_chars = text.chars().count().max(1);
    let is_control = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}');
    let n_bad = text
        .chars()
        .filter(|&c| c == '\u{FFFD}' || is_control(c))
        .count();
    if n_bad * 100 > n_chars {
        let (offset, c) = text
            .char_indices()
            .find(|&(_, c)| c == '\u{FFFD}' || is_control(c))
            .unwrap_or((0, ' '));
        let what = match c {
            '\u{FFFD}' => "an undecodable sequence".to_string(),
            c => format!("control character U+{:04X}", c as u32),
        };
        return Err(ReadError::NotText {
            path: path.to_path_buf(),
            offset,
            detail: format!(
                "{n_bad} of {n_chars} characters undecodable or control characters (first: {what}) after decoding as {}",
                encoding.name()
            ),
        });
    }
    let text: String = text
        .chars()
        .map(|c| if is_control(c) { '\u{FFFD}' } else { c })
        .collect();
    let text = text.trim_start_matches('\u{FEFF}').to_string();
    if text.trim().is_empty() {
        return Err(ReadError::Blank {
            path: path.to_path_buf(),
            bytes: bytes.len(),
            encoding: encoding.name().to_string(),
        });
    }
    Ok((text, encoding.name()))
}

/// UTF-8 but for a few damaged sequences (at most 1 in 100 characters), or cut inside its last
/// character (a truncated download). A legacy 8-bit text fails at nearly every Cyrillic letter.
fn is_mostly_utf8(bytes: &[u8]) -> bool {
    if std::str::from_utf8(bytes).is_ok() {
        return true;
    }
    let text = String::from_utf8_lossy(bytes);
    let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
    bad * 100 <= text.chars().count()
}

/// UTF-16 without a BOM: text of this genre is mostly letters of one 256-code block, so every
/// other byte is the same high byte (0x04 for Cyrillic, 0x00 for ASCII); plain 8-bit text is not.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4000)];
    let high = |offset: usize| {
        sample
            .iter()
            .skip(offset)
            .step_by(2)
            .filter(|&&b| b == 0x00 || b == 0x04)
            .count() as f64
            / (sample.len() / 2) as f64
    };
    let (even, odd) = (high(0), high(1));
    if odd > 0.9 && even < 0.5 {
        Some(encoding_rs::UTF_16LE)
    } else if even > 0.9 && odd < 0.5 {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Parse decoded text. HTML with a `<table>` is read as HTML whatever its extension; other text
/// as blocks with tab-separated or pipe tables.
pub fn parse(text: &str, format: SourceFormat) -> (Document, SourceFormat) {
    let lower_head: String = text
        .chars()
        .take(200_000)
        .collect::<String>()
        .to_lowercase();
    if format == SourceFormat::Html || lower_head.contains("<table") {
        (parse_html(text), SourceFormat::Html)
    } else {
        let doc = parse_blocks(text);
        let has_pipe = doc.blocks.iter().any(|b| matches!(b, Block::Table(_)))
            && text.lines().any(is_pipe_separator);
        let format = if has_pipe {
            SourceFormat::Markdown
        } else {
            format
        };
        (doc, format)
    }
}

#[derive(PartialEq, Clone, Copy)]
enum TableKind {
    Tab,
    Pipe,
}

/// The sample's form and markdown: line by line.
fn parse_blocks(text: &str) -> Document {
    let mut blocks = Vec::new();
    let mut para: Option<Paragraph> = None;
    let mut table: Option<(TableKind, Table)> = None;
    let mut blank_since_row = false;

    let flush_para = |para: &mut Option<Paragraph>, blocks: &mut Vec<Block>| {
        if let Some(p) = para.take() {
            if !p.text.trim().is_empty() {
                blocks.push(Block::Paragraph(p));
            }
        }
    };
    let flush_table = |table: &mut Option<(TableKind, Table)>, blocks: &mut Vec<Block>| {
        if let Some((_, t)) = table.take() {
            blocks.push(Block::Table(t));
        }
    };

    for (i, line) in text.lines().enumerate() {
        let line_no = i as u32 + 1;
        let kind = if line.contains('\t') {
            Some(TableKind::Tab)
        } else if is_pipe_row(line) {
            Some(TableKind::Pipe)
        } else {
            None
        };
        if let Some(kind) = kind {
            flush_para(&mut para, &mut blocks);
            if table.as_ref().is_some_and(|(k, _)| *k != kind) {
                flush_table(&mut table, &mut blocks);
            }
            if kind == TableKind::Pipe && is_pipe_separator(line) {
                continue;
            }
            let (_, t) = table.get_or_insert_with(|| {
                (
                    kind,
                    Table {
                        rows: Vec::new(),
                        source: Source::line(line_no),
                    },
                )
            });
            let raw_cells = match kind {
                TableKind::Tab => line.split('\t').map(str::to_string).collect(),
                TableKind::Pipe => split_pipe_row(line),
            };
            let after_page_break = blank_since_row && !t.rows.is_empty();
            t.rows.push(Row {
                cells: raw_cells.iter().map(|c| cell_from_fragment(c)).collect(),
                source: Source::line(line_no),
                after_page_break,
            });
            blank_since_row = false;
            continue;
        }
        if line.trim().is_empty() {
            if table.is_some() {
                blank_since_row = true;
            } else {
                flush_para(&mut para, &mut blocks);
            }
            continue;
        }
        flush_table(&mut table, &mut blocks);
        blank_since_row = false;
        let trimmed = line.trim_start();
        // A bold run at a line start is an element of its own (a letterhead name, a title).
        let starts_item =
            is_list_item(trimmed) || trimmed.starts_with('#') || trimmed.starts_with("**");
        if starts_item {
            flush_para(&mut para, &mut blocks);
        }
        let cleaned = strip_markdown(line);
        match para.as_mut() {
            Some(p) => {
                p.text.push('\n');
                p.text.push_str(&cleaned);
            }
            None => {
                para = Some(Paragraph {
                    text: cleaned,
                    source: Source::line(line_no),
                    emphasis: trimmed.starts_with("**") || trimmed.starts_with('#'),
                    list_item: is_list_item(trimmed),
                })
            }
        }
        if trimmed.starts_with('#') {
            flush_para(&mut para, &mut blocks);
        }
    }
    flush_para(&mut para, &mut blocks);
    flush_table(&mut table, &mut blocks);
    Document {
        blocks,
        n_pages: None,
    }
}

fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return true;
    }
    // "2. Нийгмийн …": a number, a point and a space. Not "2020.01.30".
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && digits <= 2 && line[digits..].starts_with(". ")
}

fn is_pipe_row(line: &str) -> bool {
    let t = line.trim();
    t.len() > 1 && t.starts_with('|') && t.ends_with('|')
}

fn is_pipe_separator(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains("---") && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// Split "| a | b \| c |" into ["a", "b | c"].
fn split_pipe_row(line: &str) -> Vec<String> {
    let t = line.trim();
    let inner = t.strip_prefix('|').unwrap_or(t);
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&'|') {
            cur.push('|');
            chars.next();
        } else if c == '|' {
            cells.push(std::mem::take(&mut cur));
        } else {
            cur.push(c);
        }
    }
    cells.push(cur);
    cells.into_iter().map(|c| c.trim().to_string()).collect()
}

/// Markdown emphasis, heading marks, list bullets and backslash escapes removed.
pub fn strip_markdown(line: &str) -> String {
    let t = line.trim();
    let t = t.trim_start_matches('#').trim_start();
    let t = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("+ "))
        .unwrap_or(t);
    let t = t.replace("**", "").replace("__", "");
    let chars: Vec<char> = t.chars().collect();
    let mut out = String::with_capacity(t.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && i + 1 < chars.len() && chars[i + 1].is_ascii_punctuation() {
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        // A lone "*" is emphasis unless it stands between spaces or digits ("2 * 3").
        if c == '*' {
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let literal = matches!((prev, next), (Some(p), Some(n)) if (p == ' ' || p.is_ascii_digit()) && (n == ' ' || n.is_ascii_digit()));
            if !literal {
                i += 1;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out.trim().to_string()
}

/// One table cell from its text: an HTML fragment or plain text with markdown.
fn cell_from_fragment(fragment: &str) -> Cell {
    let fragment = fragment.trim();
    if fragment.is_empty() {
        return Cell::default();
    }
    let paragraphs = if fragment.contains('<') || fragment.contains('&') {
        let html = Html::parse_fragment(fragment);
        let mut paras = Vec::new();
        let mut cur = String::new();
        collect_paragraphs(html.tree.root(), &mut paras, &mut cur);
        flush(&mut cur, &mut paras);
        paras
    } else {
        vec![fragment.to_string()]
    };
    Cell::new(
        paragraphs
            .iter()
            .map(|p| strip_markdown_inline(p))
            .filter(|p| !p.is_empty())
            .collect(),
    )
}

/// Cells keep their line breaks; only emphasis and escapes go.
fn strip_markdown_inline(p: &str) -> String {
    p.lines()
        .map(strip_markdown)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

fn flush(cur: &mut String, paras: &mut Vec<String>) {
    let t = cur.trim();
    if !t.is_empty() {
        paras.push(t.to_string());
    }
    cur.clear();
}

const BLOCK_ELEMENTS: &[&str] = &[
    "p",
    "li",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "ol",
    "ul",
    "tr",
    "table",
    "tbody",
    "thead",
    "section",
    "article",
    "body",
];

/// Walk a fragment: each block element closes a paragraph; `<br>` is a line break.
fn collect_paragraphs(node: NodeRef<Node>, paras: &mut Vec<String>, cur: &mut String) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => cur.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if name == "br" {
                    cur.push('\n');
                } else if matches!(name, "script" | "style" | "head" | "title") {
                } else if BLOCK_ELEMENTS.contains(&name) {
                    flush(cur, paras);
                    collect_paragraphs(child, paras, cur);
                    flush(cur, paras);
                } else if matches!(name, "td" | "th") {
                    collect_paragraphs(child, paras, cur);
                    cur.push(' ');
                } else {
                    collect_paragraphs(child, paras, cur);
                }
            }
            _ => {}
        }
    }
}

/// An HTML document: tables become tables (rowspan/colspan expanded), other block elements
/// paragraphs, in document order.
fn parse_html(text: &str) -> Document {
    let html = Html::parse_document(text);
    let mut blocks = Vec::new();
    walk_html(html.tree.root(), &mut blocks);
    locate_lines(text, &mut blocks);
    Document {
        blocks,
        n_pages: None,
    }
}

/// Give the blocks of an HTML document the source lines they start on (the parser keeps no
/// positions): tables and rows at their next `<table`/`<tr` tag, paragraphs at the next
/// occurrence of their first word, each search going on from the last find. What is not found
/// keeps no line.
fn locate_lines(text: &str, blocks: &mut [Block]) {
    let lower = text.to_ascii_lowercase();
    let line_at = |offset: usize| text[..offset].matches('\n').count() as u32 + 1;
    let mut cursor = 0usize;
    let find = |needle: &str, cursor: &mut usize| -> Option<u32> {
        let at = *cursor + lower.get(*cursor..)?.find(needle)?;
        *cursor = at + needle.len();
        Some(line_at(at))
    };
    for block in blocks {
        match block {
            Block::Table(t) => {
                t.source.line = find("<table", &mut cursor);
                for row in &mut t.rows {
                    row.source.line = find("<tr", &mut cursor);
                }
            }
            Block::Paragraph(p) => {
                // The paragraph's first line as far as the source writes it alike (no
                // entity, no tag), else its first word: a short word alone ("100") is found
                // too early.
                let first_line = p.text.lines().next().unwrap_or("").trim();
                let plain: String = first_line
                    .chars()
                    .take_while(|c| !"&<>\"'".contains(*c))
                    .take(40)
                    .collect::<String>()
                    .to_ascii_lowercase();
                let word = plain.split_whitespace().next().unwrap_or("").to_string();
                for key in [plain.trim(), word.as_str()] {
                    if key.is_empty() {
                        continue;
                    }
                    if let Some(line) = find(key, &mut cursor) {
                        p.source.line = Some(line);
                        break;
                    }
                }
            }
        }
    }
}

fn walk_html(node: NodeRef<Node>, blocks: &mut Vec<Block>) {
    let mut loose = String::new();
    for child in node.children() {
        match child.value() {
            Node::Text(t) => loose.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if matches!(name, "script" | "style" | "head" | "title") {
                    continue;
                }
                if name == "table" {
                    push_loose(&mut loose, blocks, false);
                    if let Some(el) = ElementRef::wrap(child) {
                        blocks.push(Block::Table(html_table(el)));
                    }
                } else if contains_table(child) || matches!(name, "body" | "html" | "ol" | "ul") {
                    push_loose(&mut loose, blocks, false);
                    walk_html(child, blocks);
                } else if BLOCK_ELEMENTS.contains(&name) {
                    push_loose(&mut loose, blocks, false);
                    let mut paras = Vec::new();
                    let mut cur = String::new();
                    collect_paragraphs(child, &mut paras, &mut cur);
                    flush(&mut cur, &mut paras);
                    let emphasis = name.starts_with('h') && name.len() == 2 || is_all_bold(child);
                    for p in paras {
                        blocks.push(Block::Paragraph(Paragraph {
                            text: strip_markdown_inline(&p),
                            source: Source::default(),
                            emphasis,
                            list_item: name == "li",
                        }));
                    }
                } else if name == "br" {
                    loose.push('\n');
                } else {
                    let mut paras = Vec::new();
                    let mut cur = String::new();
                    collect_paragraphs(child, &mut paras, &mut cur);
                    flush(&mut cur, &mut paras);
                    loose.push_str(&paras.join("\n"));
                }
            }
            _ => {}
        }
    }
    push_loose(&mut loose, blocks, false);
}

fn push_loose(loose: &mut String, blocks: &mut Vec<Block>, emphasis: bool) {
    let t = loose.trim();
    if !t.is_empty() {
        blocks.push(Block::Paragraph(Paragraph {
            text: t.to_string(),
            source: Source::default(),
            emphasis,
            list_item: false,
        }));
    }
    loose.clear();
}

fn contains_table(node: NodeRef<Node>) -> bool {
    node.descendants()
        .any(|d| matches!(d.value(), Node::Element(e) if e.name() == "table"))
}

/// All text of the element sits inside `<b>`/`<strong>`.
fn is_all_bold(node: NodeRef<Node>) -> bool {
    let mut any = false;
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            if t.trim().is_empty() {
                continue;
            }
            any = true;
            let bold = d.ancestors().any(
                |a| matches!(a.value(), Node::Element(e) if matches!(e.name(), "b" | "strong")),
            );
            if !bold {
                return false;
            }
        }
    }
    any
}

/// Rows of an HTML table, with rowspan and colspan expanded so that every row has its cells in
/// their columns (a spanned cell's text stays in its first row; the rows below get empty cells).
fn html_table(table: ElementRef) -> Table {
    let mut rows = Vec::new();
    // Remaining rows each column is still covered by a rowspan from above.
    let mut spans: Vec<u32> = Vec::new();
    for tr in table
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "tr")
    {
        // Only rows of this table, not of a nested one.
        let nearest_table = tr
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|a| a.value().name() == "table");
        if nearest_table.map(|t| t.id()) != Some(table.id()) {
            continue;
        }
        let mut cells: Vec<Cell> = Vec::new();
        let mut col = 0usize;
        let take_spanned = |col: &mut usize, cells: &mut Vec<Cell>, spans: &mut Vec<u32>| {
            while *col < spans.len() && spans[*col] > 0 {
                spans[*col] -= 1;
                cells.push(Cell::default());
                *col += 1;
            }
        };
        for td in tr
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|e| matches!(e.value().name(), "td" | "th"))
        {
            take_spanned(&mut col, &mut cells, &mut spans);
            let mut paras = Vec::new();
            let mut cur = String::new();
            collect_paragraphs(*td, &mut paras, &mut cur);
            flush(&mut cur, &mut paras);
            let attr = |name: &str| {
                td.value()
                    .attr(name)
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .unwrap_or(1)
                    .clamp(1, 1000)
            };
            let (rowspan, colspan) = (attr("rowspan"), attr("colspan"));
            for k in 0..colspan {
                if spans.len() <= col {
                    spans.resize(col + 1, 0);
                }
                spans[col] = rowspan - 1;
                cells.push(if k == 0 {
                    Cell {
                        paragraphs: paras
                            .iter()
                            .map(|p| strip_markdown_inline(p))
                            .filter(|p| !p.is_empty())
                            .collect(),
                        row_span: rowspan,
                    }
                } else {
                    Cell::default()
                });
                col += 1;
            }
        }
        take_spanned(&mut col, &mut cells, &mut spans);
        rows.push(Row {
            cells,
            source: Source::default(),
            after_page_break: false,
        });
    }
    Table {
        rows,
        source: Source::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("x.txt")
    }

    #[test]
    fn decodes_utf8_utf16_and_cp1251() {
        let s = "Нийгмийн даатгалын ерөнхий газар 2019";
        assert_eq!(decode(p(), s.as_bytes()).unwrap().0, s);
        let utf16le: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(p(), &utf16le).unwrap().0, s);
        let utf16be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(p(), &utf16be).unwrap().0, s);
        let mut bom = vec![0xFF, 0xFE];
        bom.extend(&utf16le);
        assert_eq!(decode(p(), &bom).unwrap().0, s);
        let ru = "Авлигатай тэмцэх газар, хяналт шалгалтын тайлан";
        let (cp, _, _) = encoding_rs::WINDOWS_1251.encode(ru);
        let (text, enc) = decode(p(), &cp).unwrap();
        assert_eq!(text, ru);
        assert_eq!(enc, "windows-1251");
    }

    #[test]
    fn utf8_cut_inside_its_last_character_is_still_utf8() {
        let whole = "Зорилт 1. Ажлын байрыг нэмэгдүүлэх. ".repeat(10);
        let cut = &whole.as_bytes()[..whole.len() - 1];
        let (text, enc) = decode(p(), cut).unwrap();
        assert_eq!(enc, "UTF-8");
        assert!(text.starts_with("Зорилт 1."), "{text}");
    }

    #[test]
    fn a_few_damaged_bytes_lose_characters_not_the_report() {
        let mut bytes = "Зорилт 1. Ажлын байрыг нэмэгдүүлэх. "
            .repeat(20)
            .into_bytes();
        bytes[7] = 0xff;
        bytes[100] = 0x01;
        let (text, enc) = decode(p(), &bytes).unwrap();
        assert_eq!(enc, "UTF-8");
        assert!(text.contains("Ажлын байрыг"), "{text}");
        assert!(
            text.contains('\u{FFFD}') && !text.contains('\u{1}'),
            "{text}"
        );
    }

    #[test]
    fn rejects_empty_binary_and_blank() {
        assert!(matches!(decode(p(), b""), Err(ReadError::Empty { .. })));
        assert!(matches!(
            decode(p(), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"),
            Err(ReadError::NotText { .. })
        ));
        assert!(matches!(
            decode(p(), b"  \n\n "),
            Err(ReadError::Blank { .. })
        ));
    }

    #[test]
    fn tab_rows_with_html_cells_and_page_breaks() {
        let text =
            "Гарчиг\n\n№\tА\tБ\n1\t<p>нэг.</p> <p>хоёр</p>\t100\n\n\t<p>үргэлж</p>\t\nТөгсгөл\n";
        let doc = parse_blocks(text);
        assert_eq!(doc.blocks.len(), 3);
        let Block::Table(t) = &doc.blocks[1] else {
            panic!("table expected")
        };
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.rows[1].cells[1].paragraphs, vec!["нэг.", "хоёр"]);
        assert!(!t.rows[1].after_page_break);
        assert!(t.rows[2].after_page_break);
        assert_eq!(t.rows[2].source.line, Some(6));
    }

    #[test]
    fn cell_fragments_lists_links_and_emphasis() {
        let c = cell_from_fragment(
            "<p>Санал:</p> <ol style=\"list-style-type: none\"> <li>1. <a href=\"http://x.mn\">x.mn</a> хуудас,</li> <li>2. <b>утас</b></li> </ol> сүүл",
        );
        assert_eq!(
            c.paragraphs,
            vec!["Санал:", "1. x.mn хуудас,", "2. утас", "сүүл"]
        );
        let c = cell_from_fragment("<b>Дундаж үнэлгээ</b>");
        assert_eq!(c.paragraphs, vec!["Дундаж үнэлгээ"]);
        let c = cell_from_fragment("**98.2** мөр<br>хоёр &amp; гурав");
        assert_eq!(c.paragraphs, vec!["98.2 мөр\nхоёр & гурав"]);
    }

    #[test]
    fn markdown_lines() {
        assert_eq!(
            strip_markdown("- *Зорилт 1.1.* Нийгмийн"),
            "Зорилт 1.1. Нийгмийн"
        );
        assert_eq!(strip_markdown("#### **Дөрөв. Дүгнэлт**"), "Дөрөв. Дүгнэлт");
        assert_eq!(strip_markdown("танай \\_\\_ -ны"), "танай __ -ны");
        assert_eq!(strip_markdown("2 * 3"), "2 * 3");
    }

    #[test]
    fn list_items_split_paragraphs() {
        let doc = parse_blocks("Үүнээс:\n- нэг;\n- хоёр.\n2. гурав\n");
        let texts: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.text.clone(),
                _ => String::new(),
            })
            .collect();
        assert_eq!(texts, vec!["Үүнээс:", "нэг;", "хоёр.", "2. гурав"]);
    }

    #[test]
    fn pipe_tables() {
        let (doc, format) = parse(
            "Гарчиг\n\n| № | Арга хэмжээ | Үнэлгээ |\n|---|---|---|\n| 1 | нэг<br>хоёр \\| гурав | 97,9 |\n",
            SourceFormat::Markdown,
        );
        assert_eq!(format, SourceFormat::Markdown);
        let Block::Table(t) = &doc.blocks[1] else {
            panic!("table expected")
        };
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[1].cells[1].paragraphs, vec!["нэг\nхоёр | гурав"]);
        assert_eq!(t.rows[1].cell_text(2), "97,9");
    }

    #[test]
    fn html_blocks_keep_their_source_lines() {
        let html = "<html><body>\n<table>\n<tr><td>100</td></tr>\n<tr><td>2</td></tr>\n</table>\n\
            <h4>100 хувийн биелэлттэй:</h4>\n<p><b>Зорилт</b> 1.1. Нэг /100/</p>\n</body></html>";
        let (doc, _) = parse(html, SourceFormat::Html);
        let Block::Table(t) = &doc.blocks[0] else {
            panic!("{:?}", doc.blocks[0])
        };
        assert_eq!(t.source.line, Some(2));
        let rows: Vec<Option<u32>> = t.rows.iter().map(|r| r.source.line).collect();
        assert_eq!(rows, vec![Some(3), Some(4)]);
        // "100" stands in the table first: the heading is found by its whole first line.
        let lines: Vec<Option<u32>> = doc.blocks[1..]
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.source.line,
                Block::Table(t) => t.source.line,
            })
            .collect();
        assert_eq!(lines, vec![Some(6), Some(7)]);
    }

    #[test]
    fn html_tables_expand_rowspan_and_colspan() {
        let html = "<html><body><h3>Гарчиг</h3><p>Текст</p><table>\
            <tr><th>№</th><th colspan=\"2\">А</th><th>Б</th></tr>\
            <tr><td rowspan=\"2\">1</td><td>x</td><td>y</td><td rowspan=\"2\">100</td></tr>\
            <tr><td>z</td><td>w</td></tr></table><p>Төгсгөл</p></body></html>";
        let (doc, format) = parse(html, SourceFormat::Html);
        assert_eq!(format, SourceFormat::Html);
        assert_eq!(doc.blocks.len(), 4);
        let Block::Paragraph(h) = &doc.blocks[0] else {
            panic!()
        };
        assert!(h.emphasis);
        let Block::Table(t) = &doc.blocks[2] else {
            panic!("table expected")
        };
        let texts: Vec<Vec<String>> = t
            .rows
            .iter()
            .map(|r| r.cells.iter().map(Cell::text).collect())
            .collect();
        assert_eq!(texts[0], vec!["№", "А", "", "Б"]);
        assert_eq!(texts[1], vec!["1", "x", "y", "100"]);
        assert_eq!(texts[2], vec!["", "z", "w", ""]);
    }
}
