//! Readers: a file's bytes to a layout [`Document`].
//!
//! Enters: a path and the limits on the work it may cost. Leaves: the document, the source
//! format, and the pages or parts lost on the way, or a [`ReadError`] saying why the file
//! cannot be read (not a regular file, over a size, depth or inflation bound, damaged…). Text
//! exports (.txt, .md, .html) are read by [`text`] after the [`nesting`] guard; PDFs by [`pdf`]
//! (scans by [`ocr`]), whose pages go through the layout engine.

pub mod nesting;
pub mod ocr;
pub mod pdf;
pub mod text;

use crate::error::ReadError;
use crate::layout::Document;
use crate::limits::{Cancel, Limits};
use crate::model::SourceFormat;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::Path;

/// Extensions `ingest` picks up when it walks a folder.
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm", "pdf"];

pub struct ReadOutput {
    pub document: Document,
    pub format: SourceFormat,
    /// Name of the encoding the text was decoded from (text exports only).
    pub encoding: Option<&'static str>,
    /// Pages or parts that could not be read (the rest was): each makes the report partial.
    pub problems: Vec<crate::model::Problem>,
    /// OCR quality, for scans.
    pub ocr: Option<ocr::Confidence>,
    /// A PDF's or scan's pages as positioned words (what the tables were rebuilt from), kept
    /// to locate the findings' figures on them; none for text exports.
    pub pages: Vec<crate::layout::Page>,
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

/// The bytes of a report file: only a regular file (through symlinks), only up to the size
/// limit. A FIFO would block forever and a device (`/dev/zero`) never ends.
pub fn read_file(path: &Path, limits: &Limits) -> Result<Vec<u8>, ReadError> {
    let io = |source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        let kind = if t.is_dir() {
            "a folder"
        } else if t.is_fifo() {
            "a FIFO"
        } else if t.is_char_device() || t.is_block_device() {
            "a device"
        } else if t.is_socket() {
            "a socket"
        } else {
            "not a plain file"
        };
        return Err(ReadError::NotRegular {
            path: path.to_path_buf(),
            kind: kind.into(),
        });
    }
    let too_large = |size: u64| ReadError::TooLarge {
        path: path.to_path_buf(),
        size_mib: Limits::mib(size).max(1),
        limit_mib: Limits::mib(limits.max_file_bytes),
    };
    if meta.len() > limits.max_file_bytes {
        return Err(too_large(meta.len()));
    }
    // The file may grow while it is read: never take more than the limit.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .map_err(io)?
        .take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The positioned pages of a PDF (its text, or OCR's words when it has none), for a picture of
/// what the layout saw. A text export has no pages: `ReadError::NotAPdf`.
pub fn read_pages(
    path: &Path,
    bytes: &[u8],
    limits: &Limits,
    cancel: &Cancel,
) -> Result<Vec<crate::layout::Page>, ReadError> {
    if !bytes.starts_with(b"%PDF-") {
        return Err(ReadError::NotAPdf {
            path: path.to_path_buf(),
        });
    }
    match pdf::read(path, bytes, limits, cancel) {
        Ok(read) => Ok(read.pages),
        Err(ReadError::NeedsOcr {
            pages, image_ppi, ..
        }) => Ok(ocr::read(path, pages, &image_ppi, limits, cancel)?.pages),
        Err(e) => Err(e),
    }
}

/// Read one file's bytes as a document, within `limits`; `cancel` stops a PDF or scan at its
/// next page.
pub fn read_bytes(
    path: &Path,
    bytes: &[u8],
    limits: &Limits,
    cancel: &Cancel,
) -> Result<ReadOutput, ReadError> {
    let format = format_of(path)?;
    if format == SourceFormat::Pdf || bytes.starts_with(b"%PDF-") {
        let page_problem = |page: u32, message: crate::model::Message| {
            crate::model::Problem::new(
                crate::model::Stage::Read,
                crate::model::Source {
                    page: Some(page),
                    ..Default::default()
                },
                message,
            )
        };
        return match pdf::read(path, bytes, limits, cancel) {
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
                pages: read.pages,
            }),
            Err(ReadError::NeedsOcr {
                pages, image_ppi, ..
            }) => {
                let read = ocr::read(path, pages, &image_ppi, limits, cancel)?;
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
                    pages: read.pages,
                })
            }
            Err(e) => Err(e),
        };
    }
    let (text, encoding) = text::decode(path, bytes)?;
    // HTML (a document, or fragments in cells) nested deeper than any report: refused before
    // the tree walks see it.
    if let Some(deep) = nesting::deeper_than(&text, limits.max_nesting) {
        return Err(ReadError::TooDeep {
            path: path.to_path_buf(),
            depth: deep.depth,
            line: deep.line,
            limit: limits.max_nesting,
        });
    }
    let (document, format) = text::parse(&text, format);
    Ok(ReadOutput {
        document,
        format,
        encoding: Some(encoding),
        problems: Vec::new(),
        ocr: None,
        pages: Vec::new(),
    })
}
