//! The `biyelelt` command: parses arguments and calls the library.

use anyhow::{Context, Result};
use biyelelt::{dataset, pipeline, view};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "biyelelt",
    version,
    about = "Mongolian implementation reports (биелэлт) to a checked Parquet dataset"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse reports (files or folders, recursively: .txt .md .html) into a Parquet dataset.
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Dataset folder; created, or updated in place (rows of re-ingested files replaced).
        #[arg(long)]
        out: PathBuf,
    },
    /// Print one parsed report as an outline (or the typed model with --json).
    Show {
        path: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

fn main() -> Result<()> {
    // A panic inside a stage is caught per file and reported as a failed row; print one line
    // instead of a backtrace.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("biyelelt: internal error: {info}");
    }));
    let cli = Cli::parse();
    match cli.command {
        Command::Ingest { paths, out } => {
            let files = pipeline::collect_inputs(&paths);
            if files.is_empty() {
                anyhow::bail!("no report files (.txt .md .html) under {:?}", paths);
            }
            let reports = pipeline::process_all(&files);
            let written = dataset::write(&out, &reports)
                .with_context(|| format!("writing the dataset to {}", out.display()))?;
            for r in &reports {
                println!("{}", view::summary_line(r, 0));
            }
            println!("{}", view::total_line(&reports, 0));
            println!("{}", written.summary());
        }
        Command::Show { path, json } => {
            let report = pipeline::process_file(&path);
            if json {
                println!("{}", serde_json::to_string_pretty(&report)?);
            } else {
                print!("{}", view::outline(&report));
            }
        }
    }
    Ok(())
}
