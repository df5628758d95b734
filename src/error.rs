//! Errors of the library: one enum per stage, each naming the file (and page or line) it
//! concerns, the value seen, and what to try. Stages that can build part of a report return
//! that part plus `model::Problem`s instead of failing.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{path}: cannot read the file: {source}. Check that it exists and is readable.")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: the file is empty (0 bytes). Re-export the report or remove the file.")]
    Empty { path: PathBuf },
    #[error(
        "{path}: not a text file: {detail} at byte {offset}. A PDF or scan must be named .pdf; \
         a text export must be UTF-8, UTF-16 or Windows-1251 text."
    )]
    NotText {
        path: PathBuf,
        offset: usize,
        detail: String,
    },
    #[error(
        "{path}: unsupported file type {ext:?}. Give .txt, .md or .html exports or .pdf reports."
    )]
    Unsupported { path: PathBuf, ext: String },
    #[error("{path}: cannot read the PDF: {detail}. The file may be truncated or damaged: re-export or re-download it.")]
    Pdf { path: PathBuf, detail: String },
    #[error("{path}: the PDF is encrypted and needs a password to open. Remove the protection (qpdf --decrypt) and ingest it again.")]
    Encrypted { path: PathBuf },
    #[error("{path}: needs OCR: none of its {pages} page(s) has a text layer (a scan).")]
    NeedsOcr {
        path: PathBuf,
        pages: u32,
        /// Per page (from the first), the resolution of its largest image in pixels per inch,
        /// when it has one: a scan's own resolution.
        image_ppi: Vec<Option<f64>>,
    },
    #[error("{path}: OCR engine not installed: apt-get install tesseract-ocr tesseract-ocr-mon poppler-utils ({detail})")]
    OcrEngine { path: PathBuf, detail: String },
    #[error("{path}: not a PDF: a text export has no pages to draw; its layout is its own table rows (see `biyelelt show` without --svg).")]
    NotAPdf { path: PathBuf },
    #[error("{path}: not a regular file ({kind}): skipped. Give report files, not FIFOs, devices or sockets.")]
    NotRegular { path: PathBuf, kind: String },
    #[error("{path}: the file is {size_mib} MiB, above the limit of {limit_mib} MiB: not read. Raise --max-file-mb if it is really a report.")]
    TooLarge {
        path: PathBuf,
        size_mib: u64,
        limit_mib: u64,
    },
    #[error("{path}: the PDF's compressed streams inflate to more than {limit_mib} MiB (object {object}): not parsed, it may be a decompression bomb. Raise --max-inflated-mb if it is really a report.")]
    Inflated {
        path: PathBuf,
        object: String,
        limit_mib: u64,
    },
    #[error("{path}: the HTML nests {depth} elements deep at line {line} (limit {limit}): not parsed. Raise --max-nesting if it is really a report.")]
    TooDeep {
        path: PathBuf,
        depth: usize,
        line: usize,
        limit: usize,
    },
    #[error("{path}: the text holds nothing but whitespace ({bytes} bytes, encoding {encoding}).")]
    Blank {
        path: PathBuf,
        bytes: usize,
        encoding: String,
    },
}

/// A report's run through the stages that did not come to an end.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("{path}: parsing did not finish within {seconds} s: abandoned (the report is failed, the batch goes on). Raise --max-seconds for very long scans.")]
    TimedOut { path: String, seconds: u64 },
    #[error("{path}: internal error while parsing ({what}); this is a bug, please report it with the file")]
    Panicked { path: String, what: String },
}

/// Why a PDF's layout could not be drawn (`biyelelt show --svg`).
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error(transparent)]
    Run(#[from] RunError),
}

#[derive(Debug, thiserror::Error)]
pub enum SegmentError {
    #[error(
        "{path}: not a plan report: no table with a measure column (\"Хэрэгжүүлэх арга хэмжээ\") \
         and an implementation column (\"Биелэлт\") among {n_tables} table(s); first text seen: \
         {first_text:?}. If the report's table is an image, it needs OCR."
    )]
    NoPlanTable {
        path: String,
        n_tables: usize,
        first_text: String,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum DatasetError {
    #[error("{path}: cannot write the dataset: {source}. Check free space and permissions.")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("table {table}: cannot build Arrow columns: {source}. This is a bug: please report it with the input file.")]
    Arrow {
        table: String,
        #[source]
        source: arrow::error::ArrowError,
    },
    #[error("{path}: cannot write Parquet: {source}")]
    Parquet {
        path: PathBuf,
        #[source]
        source: parquet::errors::ParquetError,
    },
    #[error("schemas/{table}.json: {detail}. This is a bug in the schema file.")]
    Schema { table: String, detail: String },
    #[error("{path}: the dataset manifest is unreadable: {detail}. Move the folder away or give another --out.")]
    Manifest { path: PathBuf, detail: String },
    #[error("--out {path}: {detail}. Nothing was touched: give a new folder, an empty one, or a dataset biyelelt wrote.")]
    NotADataset { path: PathBuf, detail: String },
    #[error("--out {path}: the dataset holds files biyelelt did not write ({files}). Nothing was touched: move them out of the dataset folder and run again.")]
    ForeignFiles { path: PathBuf, files: String },
    #[error("{input}: this input lies inside the output folder {out}. Nothing was touched: give an --out outside the reports' folder.")]
    InputInsideOut { input: PathBuf, out: PathBuf },
    #[error("{path}: another ingest is writing this dataset ({holder}). Wait for it to finish, or run with --wait to queue behind it.")]
    Locked { path: PathBuf, holder: String },
    #[error("{path}: no dataset here (no _manifest.json). Run `biyelelt ingest REPORTS --out {path}` first, or give the folder `ingest` wrote.")]
    NoDataset { path: PathBuf },
}
