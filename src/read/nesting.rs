//! How deep a text's HTML nests, measured before any tree is built.
//!
//! Enters: decoded text (an HTML export, or a text export whose cells hold HTML fragments).
//! Leaves: the first place where open elements nest deeper than a limit, if any. The walks over
//! html5ever's tree recurse per element; a crafted file (5,000 nested tables, 100k nested divs)
//! would overflow their stack and abort the whole batch, so such a file is refused up front.
//! The scan follows the tree builder's stack of open elements closely enough for a bound:
//! void elements (`<br>`) and elements whose end tag is optional (`<p>`, `<li>`, `<td>` …,
//! which the builder closes by itself) are not counted; an end tag closes up to its matching
//! open element, and a stray end tag is ignored, as html5ever does.

/// Where the text first nests deeper than the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep {
    pub depth: usize,
    /// 1-based line of the tag that went over.
    pub line: usize,
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "option", "optgroup",
    "colgroup", "caption", "html", "head", "body", "rb", "rt", "rp",
];
/// Their content is text, not markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title", "xmp"];

pub fn deeper_than(text: &str, limit: usize) -> Option<TooDeep> {
    let bytes = text.as_bytes();
    let mut open: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        let start = i + off;
        i = start + 1;
        if bytes[i..].starts_with(b"!--") {
            i = find(bytes, i, b"-->").map_or(bytes.len(), |e| e + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = text[name_start..name_start + name_len].to_ascii_lowercase();
        let end = memchr(b'>', &bytes[name_start..]).map_or(bytes.len(), |e| name_start + e);
        i = (end + 1).min(bytes.len());
        if closing {
            if let Some(at) = open.iter().rposition(|n| *n == name) {
                open.truncate(at);
            }
            continue;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            let close = format!("</{name}");
            i = find_ci(bytes, i, close.as_bytes()).unwrap_or(bytes.len());
            continue;
        }
        let self_closing = end > 0 && bytes.get(end - 1) == Some(&b'/');
        if self_closing || VOID.contains(&name.as_str()) || OPTIONAL_END.contains(&name.as_str()) {
            continue;
        }
        open.push(name);
        if open.len() > limit {
            let line = 1 + bytes[..start].iter().filter(|b| **b == b'\n').count();
            return Some(TooDeep {
                depth: open.len(),
                line,
            });
        }
    }
    None
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|b| *b == needle)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_tables_and_divs_are_caught_with_their_line() {
        let tables = "<html>\n".to_string() + &"<table><tr><td>".repeat(300);
        let deep = deeper_than(&tables, 256).unwrap();
        assert_eq!(
            deep,
            TooDeep {
                depth: 257,
                line: 2
            }
        );
        assert!(deeper_than(&"<div>".repeat(100_000), 256).is_some());
    }

    #[test]
    fn real_markup_stays_shallow() {
        // Unclosed paragraphs, list items and cells, void elements, self-closing tags.
        let page = "<p>a<p>b<ul><li>1<li>2</ul><br><img src=x><x/>".repeat(1000)
            + &"<table><tr><td>x<td>y</table>".repeat(1000);
        assert_eq!(deeper_than(&page, 10), None);
    }

    #[test]
    fn end_tags_close_what_they_match_and_strays_are_ignored() {
        // A stray end tag must not hide real depth.
        let crafted = "<div></span>".repeat(50);
        assert_eq!(deeper_than(&crafted, 40).map(|d| d.depth), Some(41));
        // An end tag closes the elements left open inside it.
        let closed = "<div><span><b></div>".repeat(100);
        assert_eq!(deeper_than(&closed, 3), None);
    }

    #[test]
    fn comments_scripts_and_text_with_angle_brackets_are_not_tags() {
        let text = "<!-- <div><div> --><script>if (a<b) { '<div>' }</script> 3 < 5, a <= b";
        assert_eq!(deeper_than(text, 0), None);
    }
}
