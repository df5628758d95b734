//! The layout stage's product: a document of paragraphs and tables, in reading order.
//!
//! Enters (later): positioned words and ruling lines of PDF and OCR pages. Leaves: a
//! [`Document`]. Text exports skip layout: their reader builds a `Document` directly, so that
//! segmentation has one input whatever the source. Text here is raw (markup removed, not yet
//! normalized); `normalize` runs in segmentation, which keeps raw and normalized side by side.

pub mod aligned;
mod breaks;
mod centred;
mod lines;
mod margins;
pub mod pages;
pub mod ruled;
#[cfg(test)]
mod synthetic;

use crate::model::Source;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub blocks: Vec<Block>,
    pub n_pages: Option<u32>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Paragraph {
    /// Raw text; line breaks inside the paragraph kept as '\n'.
    pub text: String,
    pub source: Source,
    /// Set in bold or as a heading (markdown `**…**`, `####`, HTML `<b>`, `<h4>`).
    pub emphasis: bool,
    /// A list item ("- …", "<li>").
    pub list_item: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Row>,
    pub source: Source,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub source: Source,
    /// A page break stands between this row and the one above (the sample marks it with a
    /// blank line): the row may continue the one above.
    pub after_page_break: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// Paragraphs of the cell (`<p>`, `<li>`, loose text), raw.
    pub paragraphs: Vec<String>,
    /// Rows the cell spans when the source says so (HTML rowspan); 1 otherwise. The rows below
    /// hold empty cells in its place.
    pub row_span: u32,
}

impl Default for Cell {
    fn default() -> Self {
        Cell {
            paragraphs: Vec::new(),
            row_span: 1,
        }
    }
}

impl Cell {
    pub fn new(paragraphs: Vec<String>) -> Self {
        Cell {
            paragraphs,
            row_span: 1,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.paragraphs.iter().all(|p| p.trim().is_empty())
    }

    /// All paragraphs joined by a space: for short cells (numbers, headers).
    pub fn text(&self) -> String {
        self.paragraphs.join(" ").trim().to_string()
    }

    pub fn char_len(&self) -> usize {
        self.paragraphs.iter().map(|p| p.chars().count()).sum()
    }
}

impl Row {
    pub fn cell_text(&self, i: usize) -> String {
        self.cells.get(i).map(Cell::text).unwrap_or_default()
    }
}

/// What the layout saw on one page, for a picture of it (`biyelelt show --svg`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageLayout {
    pub tables: Vec<TableLayout>,
    /// Vertical bands (top, bottom) dropped as running headers and footers.
    pub running: Vec<(f64, f64)>,
}

/// A table's part on one page: its column and row boundaries, and how they were found.
#[derive(Debug, Clone, PartialEq)]
pub struct TableLayout {
    /// The table's number among the document's tables, from 0 (a table going on over pages
    /// keeps its number on each).
    pub table: usize,
    pub kind: TableKind,
    /// Column boundaries, left to right.
    pub xs: Vec<f64>,
    /// Row boundaries, top to bottom.
    pub ys: Vec<f64>,
}

/// How a table's cells were found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    /// From a grid of ruling lines.
    Ruled,
    /// From rules between rows, columns from their joints or from whitespace.
    RowRules,
    /// From the alignment of words (no rules), or columns carried from the table above.
    Aligned,
}

impl TableKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TableKind::Ruled => "ruled",
            TableKind::RowRules => "row rules",
            TableKind::Aligned => "aligned",
        }
    }
}

/// A word on a page, with its box in points from the page's top-left corner.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub top: f64,
    pub bottom: f64,
    pub font_size: f64,
    /// Where the glyphs stand, when the reader knows it (a PDF's text does; OCR boxes its
    /// ink, whose bottom moves with the descenders): two lines of cells set a fraction of a
    /// line apart stay two lines.
    pub baseline: Option<f64>,
}

impl Word {
    pub fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn cy(&self) -> f64 {
        (self.top + self.bottom) / 2.0
    }
}

/// A rectangle on a page, in points from the page's top left (a cell, a crop).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    pub fn width(&self) -> f64 {
        self.x1 - self.x0
    }

    pub fn height(&self) -> f64 {
        self.y1 - self.y0
    }

    /// Does the word's centre fall inside?
    pub fn holds(&self, w: &Word) -> bool {
        let (x, y) = (w.cx(), w.cy());
        x > self.x0 && x < self.x1 && y > self.y0 && y < self.y1
    }
}

/// A ruling line (table border) on a page: horizontal when `y0 == y1`, vertical when `x0 == x1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rule {
    pub fn is_horizontal(&self) -> bool {
        (self.y0 - self.y1).abs() < 0.5 && (self.x1 - self.x0).abs() > 2.0
    }
    pub fn is_vertical(&self) -> bool {
        (self.x0 - self.x1).abs() < 0.5 && (self.y1 - self.y0).abs() > 2.0
    }
}

/// One page of positioned words and ruling lines: what the PDF reader and OCR both produce.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    pub width: f64,
    pub height: f64,
    pub words: Vec<Word>,
    pub rules: Vec<Rule>,
}
