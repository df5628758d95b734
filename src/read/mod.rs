//! Readers: a file's bytes to a layout [`Document`].
//!
//! Enters: a path. Leaves: the document, the source format, and the SHA-256 of the bytes (the
//! report's `doc_id`), or a [`ReadError`] saying why the file cannot be read. Text exports
//! (.txt, .md, .html) are read by [`text`]; PDFs by [`pdf`], whose pages go through the layout engine.

pub mod ocr;
pub mod pdf;
pub mod text;

use crate::error::ReadError;
use crate::layout::Document;
use crate::model::SourceFormat;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Extensions `ingest` picks up when it walks a folder.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "pdf"];

pub struct ReadOutput {
    pub document: Document,
    pub format: SourceFormat,
    /// Name of the encoding the text was decoded from (text exports only).
    pub encoding: Option<&'static str>,
    /// Pages or parts that could not be read (the rest was).
    pub problems: Vec<crate::model::Problem>,
    /// OCR quality, for scans.
    pub ocr: Option<ocr::Confidence>,
}

/// The stable id of a report: SHA-256 of its bytes, first 16 hex digits.
pub fn doc_id(bytes: &[u8]) -> String {
    sha256_hex(bytes)[..16].to_string()
}

/// SHA-256 of a file's bytes as hex: the manifest's content hash.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The format a file is read as, from its extension.
pub fn format_of(path: &Path) -> Result<SourceFormat, ReadError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "txt" => Ok(SourceFormat::Text),
        "md" | "markdown" => Ok(SourceFormat::Markdown),
        "html" | "htm" => Ok(SourceFormat::Html),
        "pdf" => Ok(SourceFormat::Pdf),
        _ => Err(ReadError::Unsupported {
            path: path.to_path_buf(),
            ext,
        }),
    }
}

/// Read one file's bytes as a document.
pub fn read_bytes(path: &Path, bytes: &[u8]) -> Result<ReadOutput, ReadError> {
    let format = format_of(path)?;
    if format == SourceFormat::Pdf || bytes.starts_with(b"%PDF-") {
        let page_problem = |page: u32, message: String| crate::model::Problem {
            stage: "read".into(),
            source: crate::model::Source {
                page: Some(page),
                line: None,
            },
            message,
        };
        return match pdf::read(path, bytes) {
            Ok(read) => Ok(ReadOutput {
                document: crate::layout::pages::document(&read.pages),
                format: SourceFormat::Pdf,
                encoding: None,
                problems: read
                    .problems
                    .into_iter()
                    .map(|p| page_problem(p.page, p.message))
                    .collect(),
                ocr: None,
            }),
            Err(ReadError::NeedsOcr { pages, .. }) => {
                let read = ocr::read(path, pages)?;
                Ok(ReadOutput {
                    document: crate::layout::pages::document(&read.pages),
                    format: SourceFormat::Scan,
                    encoding: None,
                    problems: read
                        .problems
                        .into_iter()
                        .map(|(p, m)| page_problem(p, m))
                        .collect(),
                    ocr: Some(read.confidence),
                })
            }
            Err(e) => Err(e),
        };
    }
    let (text, encoding) = text::decode(path, bytes)?;
    let (document, format) = text::parse(&text, format);
    Ok(ReadOutput {
        document,
        format,
        encoding: Some(encoding),
        problems: Vec::new(),
        ocr: None,
    })
}
