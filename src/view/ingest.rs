//! What `ingest` says: a progress bar on a terminal, a line per report otherwise, the total,
//! and what was skipped, kept, written and removed; in English or Mongolian.
//!
//! Enters: [`Report`]s as they are parsed, then the run's [`Outcome`]. Leaves: text.

use super::lang::{term, Lang};
use crate::archive::{Outcome, Reparse, Tally};
use crate::dataset::{Written, LAYOUT_VERSION, PARSER};
use crate::model::Report;

/// One line per report.
pub fn summary_line(r: &Report, n_findings: usize, lang: Lang) -> String {
    let t = |en: &'static str, mn: &'static str| lang.pick(en, mn);
    format!(
        "{:<7} {:>2} {} {:>3} {} {:>2} {}  {}{}",
        term(r.status.as_str(), lang),
        r.objectives.len(),
        t("objectives", "зорилт"),
        r.n_measures(),
        t("measures", "арга хэмжээ"),
        n_findings,
        t("findings", "зөрүү"),
        r.source_path,
        r.error
            .as_ref()
            .map(|e| format!("  — {e}"))
            .unwrap_or_default()
    )
}

/// What `ingest` shows while it parses: a progress bar on a terminal (files done of total,
/// rate, time left, pages of scans done of those begun; failed reports printed above it), a
/// line per report otherwise, nothing with `--quiet`.
pub struct Progress {
    quiet: bool,
    lang: Lang,
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    pub fn new(quiet: bool, lang: Lang) -> Self {
        use std::io::IsTerminal;
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new(0);
            let template = lang.pick(
                "{bar:40} {pos}/{len} reports  {per_sec}  {eta} left  {msg}",
                "{bar:40} {pos}/{len} тайлан  {per_sec}  үлдсэн {eta}  {msg}",
            );
            bar.set_style(
                indicatif::ProgressStyle::with_template(template)
                    .expect("progress template is valid"),
            );
            // Pages of scans move the display between reports: a scan's OCR takes minutes.
            let ticker = bar.clone();
            let pages = lang.pick("scan pages", "скан хуудас");
            std::thread::spawn(move || {
                while !ticker.is_finished() {
                    let (done, total) = crate::read::ocr::pages_progress();
                    if total > 0 {
                        ticker.set_message(format!("{pages} {done}/{total}"));
                    }
                    ticker.tick();
                    std::thread::sleep(std::time::Duration::from_millis(250));
                }
            });
            bar
        });
        Progress { quiet, lang, bar }
    }

    pub fn report(&mut self, r: &Report, done: usize, total: usize) {
        let line = summary_line(r, r.findings.len(), self.lang);
        match &self.bar {
            Some(bar) => {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
                if r.status == crate::model::Status::Failed {
                    bar.println(line);
                }
            }
            None if !self.quiet => println!("{line}"),
            None => {}
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// The total line.
pub fn total_line(t: &Tally, lang: Lang) -> String {
    lang.pick(
        format!(
            "total: {} report(s): {} ok, {} partial, {} failed; {} objectives, {} measures, {} findings",
            t.reports, t.ok, t.partial, t.failed, t.objectives, t.measures, t.findings
        ),
        format!(
            "нийт: {} тайлан: {} бүрэн, {} хэсэгчлэн, {} уншиж чадаагүй; {} зорилт, {} арга хэмжээ, {} зөрүү",
            t.reports, t.ok, t.partial, t.failed, t.objectives, t.measures, t.findings
        ),
    )
}

/// Lines about what was skipped, kept, written and removed.
pub fn outcome(o: &Outcome, lang: Lang) -> String {
    let p = &o.plan;
    let mut lines = Vec::new();
    match &p.reparse_all {
        Some(Reparse::Parser(old)) => lines.push(lang.pick(
            format!("every input parsed again: the dataset was parsed by {old:?}, this is {PARSER}"),
            format!("бүх файлыг дахин задалсан: өгөгдлийг {old:?} задалсан, энэ нь {PARSER}"),
        )),
        Some(Reparse::Layout(old)) => lines.push(lang.pick(
            format!(
                "every input parsed again: the dataset's tables have layout {old}, this biyelelt writes layout {LAYOUT_VERSION}"
            ),
            format!(
                "бүх файлыг дахин задалсан: өгөгдлийн хүснэгтүүд {old}-р бүтэцтэй, энэ хувилбар {LAYOUT_VERSION}-р бүтцээр бичдэг"
            ),
        )),
        None => {}
    }
    lines.push(lang.pick(
        format!(
            "{} file(s) parsed, {} unchanged file(s) skipped without parsing (content already in the dataset)",
            o.tally.reports,
            p.skipped
        ),
        format!(
            "{} файл задалсан, өөрчлөгдөөгүй {} файлыг задлалгүй алгассан (агуулга нь өгөгдөлд байгаа)",
            o.tally.reports,
            p.skipped
        ),
    ));
    if p.known_by_stamp > 0 {
        lines.push(lang.pick(
            format!(
                "  {} of the inputs known by path, size and times, not read (--checksum reads every one)",
                p.known_by_stamp
            ),
            format!(
                "  {} оролтыг зам, хэмжээ, огноогоор нь таньж уншаагүй (--checksum бүгдийг уншина)",
                p.known_by_stamp
            ),
        ));
    }
    for (dup, first) in &p.duplicates {
        lines.push(same_content(
            &dup.display().to_string(),
            &first.display().to_string(),
            lang,
        ));
    }
    for (path, from) in &p.skipped_same_as {
        lines.push(lang.pick(
            format!(
                "  {}: same content as {from}, already ingested",
                path.display()
            ),
            format!(
                "  {}: {from}-тэй ижил агуулгатай, аль хэдийн орсон",
                path.display()
            ),
        ));
    }
    if p.skipped_failed > 0 {
        lines.push(lang.pick(
            format!(
                "  {} of them failed before; after fixing the cause, run again with --retry-failed",
                p.skipped_failed
            ),
            format!(
                "  тэдгээрийн {} нь өмнө нь уншигдаагүй; шалтгааныг засаад --retry-failed-тэй дахин ажиллуулна уу",
                p.skipped_failed
            ),
        ));
    }
    if p.absent_kept > 0 {
        lines.push(lang.pick(
            format!(
                "{} report(s) of the dataset have no file among the inputs: kept (--prune removes them)",
                p.absent_kept
            ),
            format!(
                "өгөгдлийн {} тайлангийн файл оролтод алга: хадгалсан (--prune тэдгээрийг хасна)",
                p.absent_kept
            ),
        ));
    }
    if o.stale_removed > 0 {
        lines.push(lang.pick(
            format!(
                "removed {} staging folder(s) left beside the dataset by an interrupted run",
                o.stale_removed
            ),
            format!(
                "тасалдсан ажиллагааны өгөгдлийн хажууд үлдээсэн {} түр хавтсыг устгасан",
                o.stale_removed
            ),
        ));
    }
    match &o.written {
        Some(w) => {
            lines.push(written(w, lang));
            if o.cwd_inside_out {
                lines.push(lang.pick(
                    format!(
                        "  the dataset folder was replaced as a whole: a shell inside it sees the new files after `cd {}`",
                        w.out.display()
                    ),
                    format!(
                        "  өгөгдлийн хавтсыг бүхэлд нь сольсон: дотор нь байгаа бүрхүүл шинэ файлуудыг `cd {}`-ийн дараа харна",
                        w.out.display()
                    ),
                ));
            }
        }
        None if o.restamped > 0 => lines.push(lang.pick(
            format!(
                "nothing changed: the tables were left as they were; the manifest took the stamps of {} unchanged file(s), not read again next time",
                o.restamped
            ),
            format!(
                "өөрчлөлт алга: хүснэгтүүдийг хэвээр нь үлдээсэн; өөрчлөгдөөгүй {} файлын тэмдгийг манифестэд бичсэн, дараа дахин уншихгүй",
                o.restamped
            ),
        )),
        None => lines.push(
            lang.pick(
                "nothing changed: the dataset was left as it was",
                "өөрчлөлт алга: өгөгдлийг хэвээр нь үлдээсэн",
            )
            .into(),
        ),
    }
    lines.join("\n")
}

fn same_content(dup: &str, first: &str, lang: Lang) -> String {
    lang.pick(
        format!("  {dup}: same content as {first}; stored once (doc_id is the content hash)"),
        format!(
            "  {dup}: {first}-тэй ижил агуулгатай; нэг удаа хадгалсан (тайлангийн дугаар нь агуулгын хэш)"
        ),
    )
}

/// What one write did.
fn written(w: &Written, lang: Lang) -> String {
    let mut s = lang.pick(
        format!(
            "dataset {}: {} report(s) written, {} replaced, {} kept from before, {} removed",
            w.out.display(),
            w.written,
            w.replaced,
            w.kept,
            w.removed
        ),
        format!(
            "өгөгдөл {}: {} тайлан бичсэн, {} сольсон, {} өмнөхөөс хадгалсан, {} хассан",
            w.out.display(),
            w.written,
            w.replaced,
            w.kept,
            w.removed
        ),
    );
    if let Some(aside) = &w.set_aside {
        s.push('\n');
        s.push_str(&lang.pick(
            format!(
                "  files were added to the dataset folder while this ingest ran: the old folder, with them, is kept as {}",
                aside.display()
            ),
            format!(
                "  энэ ажиллагааны үеэр өгөгдлийн хавтсанд файл нэмэгдсэн: хуучин хавтсыг тэдгээрийн хамт {} нэрээр хадгалсан",
                aside.display()
            ),
        ));
    }
    for (dup, first) in &w.duplicates {
        s.push('\n');
        s.push_str(&same_content(dup, first, lang));
    }
    s
}
