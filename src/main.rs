//! The `biyelelt` command: parses arguments and calls the library.

use anyhow::{Context, Result};
use biyelelt::check::Verdict;
use biyelelt::limits::Limits;
use biyelelt::model::Severity;
use biyelelt::view::lang::Lang;
use biyelelt::{archive, pipeline, view, yoy};
use clap::{Parser, Subcommand};
use std::fmt::Display;
use std::io::{ErrorKind, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "biyelelt",
    version,
    about = "Mongolian implementation reports (биелэлт) to a checked Parquet dataset"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of what people read (labels, finding messages, explanations): mn or en.
    /// Default: mn where the locale (LC_ALL, LC_MESSAGES, LANG) starts with "mn", else en.
    /// Machine formats (JSON, CSV, Parquet) keep their English keys and values in both.
    #[arg(long, value_enum, global = true)]
    lang: Option<LangArg>,
}

#[derive(Subcommand)]
enum Command {
    /// Parse reports (files or folders, recursively: .txt .md .html .pdf) into a Parquet
    /// dataset. Into an existing dataset, only new and changed files are parsed (content
    /// hashes in its manifest); the rows of a changed file are replaced.
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Dataset folder; created, or updated in place.
        #[arg(long)]
        out: PathBuf,
        /// Remove from the dataset the reports whose file is no longer among the inputs.
        #[arg(long)]
        prune: bool,
        /// Parse again the unchanged files that failed before (after fixing the cause).
        #[arg(long)]
        retry_failed: bool,
        /// Read and hash every input: without it, a file at the path, size and times (mtime,
        /// ctime, inode) the manifest recorded is taken as unchanged without reading it.
        #[arg(long)]
        checksum: bool,
        /// When another ingest is writing the dataset, wait for it instead of failing at once.
        #[arg(long)]
        wait: bool,
        /// Print only the summary: no progress bar, no line per report.
        #[arg(long, short)]
        quiet: bool,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Cross-check the figures of reports and print the findings (grouped by report, with
    /// their evidence); --json prints them for a program.
    ///
    /// Exit status, for scripts: 0 when no finding reaches --fail-on, 1 when one does, 2 when a
    /// report could not be read (or on a usage or I/O error).
    Check {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long)]
        json: bool,
        /// The least severity that makes the exit status 1.
        #[arg(long, value_enum, default_value_t = FailOn::Error)]
        fail_on: FailOn,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Year over year: per agency, scores of objectives and measures by year, changes, drops
    /// of 10 points or more, measures added and dropped, findings per year.
    Yoy {
        /// Dataset folder written by `ingest`.
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Write to this file instead of standard output (the HTML page, typically). An
        /// existing file is replaced only when it is a page `yoy` wrote, or with --force.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Replace the --output file even when biyelelt did not write it.
        #[arg(long)]
        force: bool,
    },
    /// Measure and objective series of a dataset: `--explain ID` lists one series' members
    /// and the links that joined them; without it, every series with more than one member.
    Series {
        dir: PathBuf,
        #[arg(long)]
        explain: Option<String>,
    },
    /// The analyst's report page: per agency and year the overall figures, then every error
    /// and warning finding with its explanation and evidence (the text lines around it, or a
    /// crop of the PDF's or scan's page with the figure outlined). One self-contained file.
    Report {
        /// Dataset folder written by `ingest`.
        dir: PathBuf,
        /// The HTML file to write. An existing file is replaced only when it is a page
        /// `report` wrote, or with --force.
        #[arg(long, short, default_value = "report.html")]
        output: PathBuf,
        /// Replace the --output file even when biyelelt did not write it.
        #[arg(long)]
        force: bool,
    },
    /// Print one parsed report as an outline (or the typed model with --json); with --svg,
    /// draw what the layout saw on a PDF's page (words, rules, tables' cells and rows).
    Show {
        path: PathBuf,
        #[arg(long)]
        json: bool,
        /// Write a picture of the layout of page --page (a PDF or scan) to this SVG file.
        #[arg(long)]
        svg: Option<PathBuf>,
        /// The page drawn with --svg, from 1.
        #[arg(long, default_value_t = 1)]
        page: usize,
        #[command(flatten)]
        limits: LimitArgs,
    },
}

/// Bounds on each report's work; a report over one is a failed or partial row saying which.
#[derive(clap::Args)]
struct LimitArgs {
    /// Largest file read, in MiB.
    #[arg(long, default_value_t = Limits::mib(Limits::default().max_file_bytes))]
    max_file_mb: u64,
    /// Largest total of a PDF's decompressed streams (images excepted), in MiB.
    #[arg(long, default_value_t = Limits::mib(Limits::default().max_inflated_bytes))]
    max_inflated_mb: u64,
    /// Pages read per PDF.
    #[arg(long, default_value_t = Limits::default().max_pages)]
    max_pages: u32,
    /// Pages read by OCR per scanned PDF.
    #[arg(long, default_value_t = Limits::default().max_ocr_pages)]
    max_ocr_pages: u32,
    /// Wall time per report, in seconds.
    #[arg(long, default_value_t = Limits::default().max_duration.as_secs())]
    max_seconds: u64,
    /// Deepest nesting of HTML elements.
    #[arg(long, default_value_t = Limits::default().max_nesting)]
    max_nesting: usize,
}

impl LimitArgs {
    fn limits(&self) -> Limits {
        Limits {
            max_file_bytes: Limits::from_mib(self.max_file_mb),
            max_inflated_bytes: Limits::from_mib(self.max_inflated_mb),
            max_pages: self.max_pages,
            max_ocr_pages: self.max_ocr_pages,
            max_duration: std::time::Duration::from_secs(self.max_seconds),
            max_nesting: self.max_nesting,
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LangArg {
    Mn,
    En,
}

fn lang(arg: Option<LangArg>) -> Lang {
    match arg {
        Some(LangArg::Mn) => Lang::Mn,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FailOn {
    Error,
    Warning,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    Table,
    Csv,
    Json,
    Html,
}

fn inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let files = pipeline::collect_inputs(paths);
    if files.is_empty() {
        anyhow::bail!(
            "no report files ({}) under {:?}",
            biyelelt::read::EXTENSIONS.join(" "),
            paths
        );
    }
    Ok(files)
}

fn main() -> ExitCode {
    // A panic inside a stage is caught per file and reported as a failed row; print one line
    // instead of a backtrace.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("biyelelt: internal error: {info}");
    }));
    // Usage errors exit 2 (clap); so do the errors below, as linters do.
    match run(Cli::parse()) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("Error: {e:?}");
            ExitCode::from(2)
        }
    }
}

/// Standard output (colors dropped when not a terminal) that stops quietly once its reader has
/// gone, as `biyelelt check … | head` does: the command still ends with its own exit status,
/// and no "Broken pipe" error or panic reaches the user.
struct Stdout {
    closed: bool,
}

impl Stdout {
    fn print(&mut self, text: impl Display) -> Result<()> {
        if self.closed {
            return Ok(());
        }
        match write!(anstream::stdout().lock(), "{text}") {
            Err(e) if e.kind() == ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            r => r.context("writing to standard output"),
        }
    }

    fn line(&mut self, text: impl Display) -> Result<()> {
        self.print(format_args!("{text}\n"))
    }
}

/// Run one command; the exit status when it ran to the end.
fn run(cli: Cli) -> Result<u8> {
    let lang = lang(cli.lang);
    let mut stdout = Stdout { closed: false };
    match cli.command {
        Command::Ingest {
            paths,
            out,
            prune,
            retry_failed,
            checksum,
            wait,
            quiet,
            limits,
        } => {
            let files = inputs(&paths)?;
            let mut progress = view::ingest::Progress::new(quiet, lang);
            let outcome = archive::ingest(
                &files,
                &out,
                archive::Options {
                    prune,
                    retry_failed,
                    checksum,
                    wait,
                    limits: limits.limits(),
                },
                |holder| {
                    eprintln!(
                        "{} ({holder})",
                        lang.pick(
                            "waiting for the ingest that holds the dataset",
                            "өгөгдлийг эзэмшиж буй өөр оруулалтыг хүлээж байна"
                        )
                    )
                },
                |r, done, total| progress.report(r, done, total),
            )
            .with_context(|| format!("writing the dataset to {}", out.display()))?;
            progress.finish();
            if outcome.tally.reports > 0 {
                stdout.line(view::ingest::total_line(&outcome.tally, lang))?;
            }
            stdout.line(view::ingest::outcome(&outcome, lang))?;
        }
        Command::Check {
            paths,
            json,
            fail_on,
            limits,
        } => {
            let files = inputs(&paths)?;
            let reports = pipeline::process_all(&files, &limits.limits());
            if json {
                stdout.line(view::findings_json(&reports))?;
            } else {
                for r in &reports {
                    stdout.line(view::findings(r, lang))?;
                }
            }
            let fail_on = match fail_on {
                FailOn::Error => Severity::Error,
                FailOn::Warning => Severity::Warning,
            };
            return Ok(Verdict::of(&reports, fail_on).exit_code());
        }
        Command::Yoy {
            dir,
            format,
            output,
            force,
        } => {
            if let Some(path) = &output {
                view::output::may_write(path, "yoy", force)?;
            }
            let view = yoy::build(&dir)
                .with_context(|| format!("reading the dataset at {}", dir.display()))?;
            let text = match format {
                Format::Table => view::yoy::terminal(&view, lang),
                Format::Csv => view::yoy::csv(&view)?,
                Format::Json => view::yoy::json(&view),
                Format::Html => view::yoy::html(&view, lang)
                    .map_err(|e| anyhow::anyhow!("drawing the chart: {e}"))?,
            };
            match output {
                Some(path) => {
                    view::output::write(&path, &text, "yoy", force)?;
                    stdout.line(format_args!("wrote {}", path.display()))?;
                }
                None => stdout.print(text)?,
            }
        }
        Command::Report { dir, output, force } => {
            view::report::write(&dir, &output, lang, force)
                .with_context(|| format!("the report page of the dataset at {}", dir.display()))?;
            stdout.line(format_args!("wrote {}", output.display()))?;
        }
        Command::Series { dir, explain } => {
            let members = yoy::series_members(&dir, explain.as_deref())
                .with_context(|| format!("reading the dataset at {}", dir.display()))?;
            if members.is_empty() {
                anyhow::bail!(
                    "no series {} in {}: see `biyelelt series {}` for the ids",
                    explain.unwrap_or_default(),
                    dir.display(),
                    dir.display()
                );
            }
            stdout.print(view::series(&members, explain.is_some(), lang))?;
        }
        Command::Show {
            path,
            svg: Some(svg),
            page,
            limits,
            ..
        } => {
            let (pages, seen) = pipeline::layout_of_file(&path, &limits.limits())?;
            let n = pages.len();
            let k = page
                .checked_sub(1)
                .filter(|k| *k < n)
                .with_context(|| format!("--page {page}: {} has {n} page(s)", path.display()))?;
            std::fs::write(&svg, view::svg::page_svg(&pages[k], &seen[k]))
                .with_context(|| format!("cannot write {}", svg.display()))?;
            let tables = seen[k].tables.len();
            stdout.line(format_args!(
                "{}: page {page} drawn to {} ({} words, {} rules, {tables} table part(s))",
                path.display(),
                svg.display(),
                pages[k].words.len(),
                pages[k].rules.len()
            ))?;
        }
        Command::Show {
            path, json, limits, ..
        } => {
            let report = pipeline::process_file(&path, &limits.limits());
            if json {
                stdout.line(serde_json::to_string_pretty(&report)?)?;
            } else {
                stdout.print(view::outline(&report, lang))?;
            }
        }
    }
    Ok(0)
}
