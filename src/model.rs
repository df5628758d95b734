//! The typed report: what segmentation builds and the dataset writes.
//!
//! Enters: nothing (plain data). Leaves: `Report` → `Objective` → `Measure`, with the evaluation
//! part (`Evaluation`) and the problems met on the way. Every figure carries a `Source` (page or
//! line, raw snippet) so an analyst can go back to where it stood.

use serde::Serialize;

/// The languages of what people read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Mn,
}

impl Lang {
    pub fn pick<T>(self, en: T, mn: T) -> T {
        match self {
            Lang::En => en,
            Lang::Mn => mn,
        }
    }
}

/// A sentence or label for people, in both languages of the interface. Stages say what they
/// found in both, so the dataset carries both and every view can choose.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Message {
    pub en: String,
    pub mn: String,
}

impl Message {
    pub fn new(en: impl Into<String>, mn: impl Into<String>) -> Self {
        Message {
            en: en.into(),
            mn: mn.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.mn)
    }
}

/// Where a piece of text or a figure stood in the source file.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Source {
    /// 1-based page, when the source has pages (PDF, scan).
    pub page: Option<u32>,
    /// 1-based line, when the source is a text export.
    pub line: Option<u32>,
    /// On a page, the top and bottom (in the page's units) of the table row or paragraph the
    /// text came from: where on the page to look for a figure printed more than once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<(f64, f64)>,
}

impl Source {
    pub fn line(line: u32) -> Self {
        Source {
            page: None,
            line: Some(line),
            span: None,
        }
    }

    /// "line 43" / "page 2" / "?" — for messages and evidence.
    pub fn describe(&self) -> String {
        self.place(Lang::En)
    }

    /// Where, in `lang`: "page 2, line 43" / "2-р хуудас, 43-р мөр".
    pub fn place(&self, lang: Lang) -> String {
        let page = |p: u32| lang.pick(format!("page {p}"), format!("{p}-р хуудас"));
        let line = |l: u32| lang.pick(format!("line {l}"), format!("{l}-р мөр"));
        match (self.page, self.line) {
            (Some(p), Some(l)) => format!("{}, {}", page(p), line(l)),
            (Some(p), None) => page(p),
            (None, Some(l)) => line(l),
            (None, None) => "?".to_string(),
        }
    }
}

/// A text field: normalized, plus the raw text when normalization changed it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Text {
    pub text: String,
    /// `None` when the raw text equals `text`.
    pub raw: Option<String>,
}

impl Text {
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// A number as the report printed it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatedNumber {
    pub value: f64,
    /// The raw snippet the number came from ("97,9", "/93.9/").
    pub raw: String,
    pub source: Source,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    Text,
    Markdown,
    Html,
    Pdf,
    /// A PDF of page images, read by OCR.
    Scan,
}

impl SourceFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            SourceFormat::Text => "text",
            SourceFormat::Markdown => "markdown",
            SourceFormat::Html => "html",
            SourceFormat::Pdf => "pdf",
            SourceFormat::Scan => "scan",
        }
    }
}

/// What kind of document of the genre a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportKind {
    /// A plan's implementation report: the numbered table of objectives and measures (with or
    /// without its evaluation).
    PlanReport,
    /// An evaluation without the plan table, as a summary table: a row per category (chapter,
    /// direction, objective) with counts per band and a percent, and a total row.
    EvaluationSummary,
    /// An evaluation in prose: counts per band and percents per category in sentences.
    ProseEvaluation,
    /// None of the above was found (the row keeps what could be read: agency, year, dates).
    Unknown,
}

impl ReportKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportKind::PlanReport => "plan_report",
            ReportKind::EvaluationSummary => "evaluation_summary",
            ReportKind::ProseEvaluation => "prose_evaluation",
            ReportKind::Unknown => "unknown",
        }
    }
}

/// Where a category of an evaluation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CategoryLevel {
    /// The whole plan ("Нийт", "Бүгд", "Нийт N арга хэмжээнээс …").
    Total,
    /// A section's own total row inside the table.
    Subtotal,
    /// A chapter, direction or area ("Бүтээн байгуулалтын хүрээний асуудал").
    Category,
    /// An objective of a plan report's own summary table.
    Objective,
}

impl CategoryLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            CategoryLevel::Total => "total",
            CategoryLevel::Subtotal => "subtotal",
            CategoryLevel::Category => "category",
            CategoryLevel::Objective => "objective",
        }
    }
}

/// The count of items an evaluation puts in one band of its scale ("100 хувь-33").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandCount {
    /// The band's score (100, 70, 30, 0).
    pub band: f64,
    pub count: StatedNumber,
}

/// A row of an evaluation: a category (or the total) with its counts and percent as stated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Category {
    pub level: CategoryLevel,
    /// The row's number as printed ("2", "1.1"), when it has one.
    pub code: Option<String>,
    pub name: String,
    /// Items (measures, "заалт") the row counts.
    pub n_items: Option<StatedNumber>,
    /// Items done ("Биелсэн"), in progress ("Хэрэгжих шатандаа"), broken off ("Тасарсан").
    pub n_done: Option<StatedNumber>,
    pub n_in_progress: Option<StatedNumber>,
    pub n_broken: Option<StatedNumber>,
    /// Items not yet due ("Хугацаа болоогүй", "ХБ") and not evaluable ("Үнэлэх боломжгүй"):
    /// outside the band counts and, by the usual rule, the percent's denominator.
    pub n_not_due: Option<StatedNumber>,
    pub n_not_evaluable: Option<StatedNumber>,
    /// Items per band, in the report's order of its scale.
    pub bands: Vec<BandCount>,
    /// Each item scores its band's value (100, 70, 30, 0), so the percent is the bands'
    /// weighted mean. False for a plan report's scale of ranges ("100 /90-100/"), whose
    /// measures score anywhere in their band: its objectives' means are in `objectives`.
    pub scored_by_band: bool,
    pub percent: Option<StatedNumber>,
    /// Figures of the row that could not be put in a column with certainty, as printed.
    pub unplaced: Option<String>,
    pub source: Source,
    /// The row or sentence as printed.
    pub raw: String,
}

impl Category {
    pub fn named(level: CategoryLevel, name: &str, source: Source, raw: &str) -> Self {
        Category {
            level,
            code: None,
            name: name.to_string(),
            n_items: None,
            n_done: None,
            n_in_progress: None,
            n_broken: None,
            n_not_due: None,
            n_not_evaluable: None,
            bands: Vec::new(),
            scored_by_band: true,
            percent: None,
            unplaced: None,
            source,
            raw: raw.to_string(),
        }
    }

    /// The band-weighted mean of the row's counts: Σ band × count / Σ count.
    pub fn percent_computed(&self) -> Option<f64> {
        if !self.scored_by_band {
            return None;
        }
        let n: f64 = self.bands.iter().map(|b| b.count.value).sum();
        (n > 0.0).then(|| {
            self.bands
                .iter()
                .map(|b| b.band * b.count.value)
                .sum::<f64>()
                / n
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Header, table and (when present) evaluation parsed.
    Ok,
    /// Something was built, but a part of the report could not be read.
    Partial,
    /// Nothing usable was built; `error` says why.
    Failed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Partial => "partial",
            Status::Failed => "failed",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Signatory {
    /// The role line above the name ("ДАРГА", "Үнэлгээг баталгаажуулсан: …").
    pub role: String,
    /// "Д.ЗОРИГТ"
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Header {
    /// Nominative name of the reporting body ("Нийгмийн даатгалын ерөнхий газар").
    pub agency: Option<String>,
    /// Outgoing letter number ("1/233").
    pub letter_no: Option<String>,
    pub letter_date: Option<chrono::NaiveDate>,
    /// Body the letter is sent to, nominative ("Авлигатай тэмцэх газар").
    pub addressee: Option<String>,
    /// The plan year the report covers (from the title "… 2019 онд …").
    pub year: Option<i32>,
    pub title: Option<String>,
    pub signatories: Vec<Signatory>,
}

/// How a measure's `score` was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreSource {
    /// The evaluation narrative gives the measure's own score ("… /93.9/").
    Narrative,
    /// The narrative lists the measure under a band heading with one value ("100 хувийн биелэлттэй").
    BandHeading,
    /// The main table's score column, on a row holding this measure alone.
    Table,
    /// The agency's own score, when the report gives no other for the measure.
    SelfScore,
}

impl ScoreSource {
    pub fn as_str(self) -> &'static str {
        match self {
            ScoreSource::Narrative => "narrative",
            ScoreSource::BandHeading => "band_heading",
            ScoreSource::Table => "table",
            ScoreSource::SelfScore => "self",
        }
    }
}

/// Whether a measure's target/implementation text is its own or shared by its table row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TextScope {
    /// One paragraph (group) per measure: assigned one to one.
    Measure,
    /// The row holds several measures and the paragraphs could not be split between them: the
    /// whole row's text is kept on the row's first measure, the others have none.
    Row,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Measure {
    pub objective_no: u32,
    /// 1-based place inside its objective.
    pub measure_no: u32,
    /// "5.1": from the cell when written there, else objective number and place.
    pub code: String,
    /// The code stands in the table's cell (else it is the measure's place).
    pub code_written: bool,
    pub text: Text,
    pub target: Text,
    pub implementation: Text,
    pub text_scope: TextScope,
    /// 0-based index of the (joined) table row that holds the measure.
    pub table_row: u32,
    pub source: Source,
    pub score: Option<f64>,
    pub score_source: Option<ScoreSource>,
    /// The table's score when the row holds this measure alone.
    pub score_table: Option<StatedNumber>,
    /// The agency's own score ("Өөрийн үнэлгээ", "Байгууллагын үнэлгээ"): a self-assessment,
    /// not the evaluator's figure stated again, so no check compares it with the others.
    pub score_self: Option<StatedNumber>,
    /// The evaluation's score: the item's own "/93.9/" or its band heading's single value.
    pub score_narrative: Option<StatedNumber>,
    /// Marked not yet due ("/-/", "ХБ", "хугацаа болоогүй"): left out of every mean.
    pub not_due: bool,
    /// The narrative item matched to this measure, if any.
    pub narrative: Option<NarrativeMatch>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NarrativeMatch {
    /// Index into `Evaluation::items`.
    pub item: usize,
    /// Text similarity of item and measure, 0..1.
    pub similarity: f64,
    /// How the match was made: "code_and_text", "text", "code_only".
    pub method: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Objective {
    pub objective_no: u32,
    /// The programme activity the objective carries out (main table's second column).
    pub text: Text,
    pub measures: Vec<Measure>,
    pub source: Source,
    /// The main table's score for the objective (its first row's score cell).
    pub score_table: Option<StatedNumber>,
    /// The agency's own score for the objective, in its own column (see `Measure::score_self`).
    pub score_self: Option<StatedNumber>,
    /// The summary table's percent.
    pub score_summary: Option<StatedNumber>,
    /// The summary table's count of measures.
    pub n_measures_stated: Option<StatedNumber>,
    /// Band counts from the summary table, in the order of `Evaluation::bands`.
    pub band_counts_stated: Vec<Option<u32>>,
    /// The summary row's band counts printed without their columns when no single order of
    /// the bands explains them: their sum as the value, the figures as printed as raw.
    pub band_counts_unplaced: Option<StatedNumber>,
    /// Each scored row of the plan table under this objective as read: the index of the row's
    /// first measure and its score cell's figure. A scan's lost № cell joins rows of two
    /// objectives, each with its own merged score; when the table's repair parts them, each
    /// takes its row's score back. Segment-internal, not in the dataset.
    #[serde(skip)]
    pub row_scores: Vec<(usize, StatedNumber)>,
}

impl Measure {
    /// The stated figure the measure's score was taken from.
    pub fn score_stated(&self) -> Option<&StatedNumber> {
        match self.score_source? {
            ScoreSource::Narrative | ScoreSource::BandHeading => self.score_narrative.as_ref(),
            ScoreSource::Table => self.score_table.as_ref(),
            ScoreSource::SelfScore => self.score_self.as_ref(),
        }
    }
}

impl Objective {
    /// An objective the plan table lost the number of, opened with its measures (its text
    /// and figures come later, from the evaluation).
    pub fn opened_with(objective_no: u32, measures: Vec<Measure>) -> Self {
        let source = measures
            .first()
            .map(|m| m.source.clone())
            .unwrap_or_default();
        Objective {
            objective_no,
            text: Text::default(),
            measures,
            source,
            score_table: None,
            score_self: None,
            score_summary: None,
            n_measures_stated: None,
            band_counts_stated: Vec::new(),
            band_counts_unplaced: None,
            row_scores: Vec::new(),
        }
    }

    /// The objective's stated percent: the summary table's, else the main table's.
    pub fn score_stated(&self) -> Option<&StatedNumber> {
        self.score_summary.as_ref().or(self.score_table.as_ref())
    }

    /// Mean of the scored (due) measures, as the scoring method defines the objective's percent.
    pub fn score_computed(&self) -> Option<f64> {
        mean(
            self.measures
                .iter()
                .filter(|m| !m.not_due)
                .filter_map(|m| m.score),
        )
    }
}

pub fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// One band of the report's own scale ("100 /90-100/").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Band {
    pub label: String,
    /// The score the band stands for (100, 70, 40, 0); `None` for the not-due band "/-/".
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub not_due: bool,
}

/// A count of items and the share of all items the text says it is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatedShare {
    pub count: StatedNumber,
    pub percent: StatedNumber,
}

/// A word the report's scale gives a range of percent: "“Хангалттай”" for 70-89.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleLabel {
    pub label: String,
    pub low: f64,
    pub high: f64,
    pub raw: String,
    pub source: Source,
}

/// A percent the text qualifies with a word of the scale ("78.4 хувьтай буюу “Үр дүнтэй”").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelledPercent {
    pub percent: StatedNumber,
    pub label: String,
}

/// An item of the evaluation's measure list: "Зорилт 5.1. <text> /93.9/".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NarrativeItem {
    pub code: String,
    pub text: Text,
    /// The item's own score ("/93.9/").
    pub score: Option<StatedNumber>,
    /// Marked "/-/" or "/ХБ/": not yet due.
    pub not_due: bool,
    /// The band heading the item stands under.
    pub heading: Option<BandHeading>,
    pub source: Source,
    pub raw: String,
}

/// "“Үр дүнтэй” буюу 100 хувийн биелэлттэй:" or "90-95 хувийн биелэлттэй:".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BandHeading {
    pub raw: String,
    pub low: f64,
    pub high: f64,
    /// The count of measures stated with the heading ("… 9 арга хэмжээ:").
    pub count_stated: Option<StatedNumber>,
    pub source: Source,
}

impl BandHeading {
    /// The single value a heading gives its items, when it names one ("100 хувийн").
    pub fn value(&self) -> Option<f64> {
        (self.low == self.high).then_some(self.low)
    }
}

/// A count of measures the report states in prose ("6 зорилтын 12 арга хэмжээ").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatedCount {
    /// "objectives", "measures", or "band:<low>-<high>".
    pub what: String,
    pub value: f64,
    pub raw: String,
    pub source: Source,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Evaluation {
    pub bands: Vec<Band>,
    pub items: Vec<NarrativeItem>,
    pub stated_counts: Vec<StatedCount>,
    /// The conclusion's overall percent ("… 98.2 хувьтай дүгнэгдэв").
    pub overall_conclusion: Option<StatedNumber>,
    /// The report's own words for ranges of percent ("90-100 хувь бол “Үр дүнтэй”").
    pub scale_labels: Vec<ScaleLabel>,
    /// Percents the text names with one of those words ("78.4 хувьтай буюу “Хангалттай”").
    pub labelled_percents: Vec<LabelledPercent>,
    /// Shares the prose states of the items ("59 арга хэмжээ нь нийт арга хэмжээний 73.7
    /// хувийг"): a count and its percent of the whole.
    pub shares: Vec<StatedShare>,
    /// Every statement of the overall percent an evaluation without a plan table makes in
    /// its prose ("88 хувьтай биелэсэн", "Дундажаар 88.8 %"), in reading order.
    pub overall_statements: Vec<StatedNumber>,
}

/// Something the pipeline could not do, or did with doubt. Kept on the report; never fatal.
/// The pipeline stage a problem was met in; its string opens the problem's line in
/// `reports.problems` ("[plan_table] page 2: …").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Read,
    PlanTable,
    Header,
    Evaluation,
    Reconcile,
    Check,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Read => "read",
            Stage::PlanTable => "plan_table",
            Stage::Header => "header",
            Stage::Evaluation => "evaluation",
            Stage::Reconcile => "reconcile",
            Stage::Check => "check",
        }
    }
}

impl std::fmt::Display for Stage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub stage: Stage,
    pub source: Source,
    /// What went wrong and what was done instead, in English …
    pub message: String,
    /// … and in Mongolian.
    pub message_mn: String,
}

impl Problem {
    pub fn new(stage: Stage, source: Source, message: Message) -> Self {
        Problem {
            stage,
            source,
            message: message.en,
            message_mn: message.mn,
        }
    }

    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message, &self.message_mn)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Hash of the file's bytes: stable for the same content.
    pub doc_id: String,
    /// SHA-256 of the file's bytes, hex; empty when the file could not be read.
    pub sha256: String,
    pub source_path: String,
    pub source_format: SourceFormat,
    pub report_kind: ReportKind,
    /// Character encoding the text was decoded from; `None` when the file could not be read.
    pub encoding: Option<String>,
    pub n_pages: Option<u32>,
    /// OCR quality of a scan: mean word confidence (0-100) and the share of words below 60.
    pub ocr_confidence: Option<f64>,
    pub ocr_low_confidence_share: Option<f64>,
    /// Numbers OCR read with little confidence (page, text as read): a finding resting on one
    /// of them is a reading to doubt, not a disagreement.
    #[serde(skip)]
    pub ocr_unsure: Vec<(u32, String)>,
    /// Numbers OCR read plainly (page, text as read): every reading of them on their page had
    /// high confidence.
    #[serde(skip)]
    pub ocr_sure: Vec<(u32, String)>,
    pub header: Header,
    pub objectives: Vec<Objective>,
    /// The main table's "Дундаж үнэлгээ" row.
    pub overall_table: Option<StatedNumber>,
    pub evaluation: Option<Evaluation>,
    /// The evaluation's categories with their band counts: a plan report's summary table, an
    /// evaluation's own table or its prose.
    pub categories: Vec<Category>,
    pub status: Status,
    pub error: Option<String>,
    pub problems: Vec<Problem>,
    /// Numbers in the measures' texts (the metrics stage).
    pub metrics: Vec<Metric>,
    /// Disagreements between figures the report states (the check stage).
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn failed(doc_id: String, path: String, format: SourceFormat, error: String) -> Self {
        Report {
            doc_id,
            sha256: String::new(),
            source_path: path,
            source_format: format,
            report_kind: ReportKind::Unknown,
            encoding: None,
            n_pages: None,
            ocr_confidence: None,
            ocr_low_confidence_share: None,
            ocr_unsure: Vec::new(),
            ocr_sure: Vec::new(),
            header: Header::default(),
            objectives: Vec::new(),
            overall_table: None,
            evaluation: None,
            categories: Vec::new(),
            status: Status::Failed,
            error: Some(error),
            problems: Vec::new(),
            metrics: Vec::new(),
            findings: Vec::new(),
        }
    }

    pub fn measures(&self) -> impl Iterator<Item = &Measure> {
        self.objectives.iter().flat_map(|o| o.measures.iter())
    }

    pub fn n_measures(&self) -> usize {
        self.objectives.iter().map(|o| o.measures.len()).sum()
    }

    /// The stated overall percent: the table's "Дундаж үнэлгээ", else the conclusion's.
    pub fn overall_score_stated(&self) -> Option<&StatedNumber> {
        self.overall_table.as_ref().or(self
            .evaluation
            .as_ref()
            .and_then(|e| e.overall_conclusion.as_ref()))
    }

    /// Mean of all due measures' scores (the scoring method's overall percent).
    pub fn overall_score_computed(&self) -> Option<f64> {
        mean(
            self.measures()
                .filter(|m| !m.not_due)
                .filter_map(|m| m.score),
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What a finding says is wrong; its string is the dataset's `findings.kind` (the README's
/// Findings section explains each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    MeasureScoreConflict,
    ObjectiveScoreMismatch,
    ScoreRounding,
    OverallScoreMismatch,
    MeasureCountMismatch,
    BucketCountMismatch,
    BucketLabelMismatch,
    ScoreOutOfRange,
    BandGap,
    StatedShareMismatch,
    OcrDoubtful,
    CategoryCountMismatch,
    CategoryPercentMismatch,
    TotalFormula,
    RoundingUp,
    NotDueInDenominator,
}

impl FindingKind {
    pub const ALL: [FindingKind; 16] = [
        FindingKind::MeasureScoreConflict,
        FindingKind::ObjectiveScoreMismatch,
        FindingKind::ScoreRounding,
        FindingKind::OverallScoreMismatch,
        FindingKind::MeasureCountMismatch,
        FindingKind::BucketCountMismatch,
        FindingKind::BucketLabelMismatch,
        FindingKind::ScoreOutOfRange,
        FindingKind::BandGap,
        FindingKind::StatedShareMismatch,
        FindingKind::OcrDoubtful,
        FindingKind::CategoryCountMismatch,
        FindingKind::CategoryPercentMismatch,
        FindingKind::TotalFormula,
        FindingKind::RoundingUp,
        FindingKind::NotDueInDenominator,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::MeasureScoreConflict => "measure_score_conflict",
            FindingKind::ObjectiveScoreMismatch => "objective_score_mismatch",
            FindingKind::ScoreRounding => "score_rounding",
            FindingKind::OverallScoreMismatch => "overall_score_mismatch",
            FindingKind::MeasureCountMismatch => "measure_count_mismatch",
            FindingKind::BucketCountMismatch => "bucket_count_mismatch",
            FindingKind::BucketLabelMismatch => "bucket_label_mismatch",
            FindingKind::ScoreOutOfRange => "score_out_of_range",
            FindingKind::BandGap => "band_gap",
            FindingKind::StatedShareMismatch => "stated_share_mismatch",
            FindingKind::OcrDoubtful => "ocr_doubtful",
            FindingKind::CategoryCountMismatch => "category_count_mismatch",
            FindingKind::CategoryPercentMismatch => "category_percent_mismatch",
            FindingKind::TotalFormula => "total_formula",
            FindingKind::RoundingUp => "rounding_up",
            FindingKind::NotDueInDenominator => "not_due_in_denominator",
        }
    }
}

/// One raw snippet a finding rests on, and where it stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// What the snippet is ("table score", "narrative item", "summary table percent" …).
    pub what: String,
    /// The same in Mongolian.
    pub what_mn: String,
    pub raw: String,
    pub source: Source,
    /// On a PDF's or scan's page, where the figure stands (set by [`crate::locate`]).
    pub boxes: Vec<PageBox>,
}

/// A word's box on its page as fractions of the page's width and height (0 at the left and
/// the top), so a picture of the page at any resolution can show it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PageBox {
    pub x0: f64,
    pub top: f64,
    pub x1: f64,
    pub bottom: f64,
}

impl Evidence {
    pub fn of(what: Message, s: &StatedNumber) -> Self {
        Evidence::new(what, s.raw.clone(), s.source.clone())
    }

    pub fn new(what: Message, raw: String, source: Source) -> Self {
        Evidence {
            what: what.en,
            what_mn: what.mn,
            raw,
            source,
            boxes: Vec::new(),
        }
    }

    pub fn what(&self, lang: Lang) -> &str {
        lang.pick(&self.what, &self.what_mn)
    }

    pub fn describe(&self, lang: Lang) -> String {
        format!(
            "{} {:?} {} {}",
            self.what(lang),
            self.raw,
            lang.pick("at", "—"),
            self.source.place(lang)
        )
    }
}

/// A disagreement between figures a report states, or a doubt about one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub severity: Severity,
    pub objective_no: Option<u32>,
    pub measure_no: Option<u32>,
    pub code: Option<String>,
    /// What disagrees, in English …
    pub message: String,
    /// … and in Mongolian.
    pub message_mn: String,
    pub stated: Option<f64>,
    pub expected: Option<f64>,
    pub evidence: Vec<Evidence>,
}

impl Finding {
    /// A finding of `kind` saying `message`; what it concerns and rests on is added with the
    /// builder's methods (`objective`, `measure`, `stated`, `expected`, `evidence`).
    pub fn new(kind: FindingKind, severity: Severity, message: Message) -> Self {
        Finding {
            kind,
            severity,
            objective_no: None,
            measure_no: None,
            code: None,
            message: message.en,
            message_mn: message.mn,
            stated: None,
            expected: None,
            evidence: Vec::new(),
        }
    }

    pub fn message(&self, lang: Lang) -> &str {
        lang.pick(&self.message, &self.message_mn)
    }

    pub fn objective(mut self, objective_no: impl Into<Option<u32>>) -> Self {
        self.objective_no = objective_no.into();
        self
    }

    /// The measure concerned: its place in the objective and its code.
    pub fn measure(self, measure_no: u32, code: &str) -> Self {
        self.measure_opt(Some((measure_no, code)))
    }

    pub fn measure_opt(mut self, measure: Option<(u32, &str)>) -> Self {
        self.measure_no = measure.map(|m| m.0);
        self.code = measure.map(|m| m.1.to_string());
        self
    }

    /// The figure the report states.
    pub fn stated(mut self, value: impl Into<Option<f64>>) -> Self {
        self.stated = value.into();
        self
    }

    /// The figure the report's other statements give.
    pub fn expected(mut self, value: impl Into<Option<f64>>) -> Self {
        self.expected = value.into();
        self
    }

    pub fn evidence(mut self, evidence: Vec<Evidence>) -> Self {
        self.evidence = evidence;
        self
    }
}

/// What a number in a text measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Percent,
    Count,
    CurrencyMnt,
    Times,
    Days,
    /// A calendar year ("2019 онд"): not a quantity.
    Year,
    /// A legal or document reference ("159 тоот", "А/50 дугаар"): not a quantity.
    Reference,
    /// A telephone number ("77771289", "7777-1289"): not a quantity.
    Phone,
    Other,
}

impl Unit {
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Percent => "percent",
            Unit::Count => "count",
            Unit::CurrencyMnt => "currency_mnt",
            Unit::Times => "times",
            Unit::Days => "days",
            Unit::Year => "year",
            Unit::Reference => "reference",
            Unit::Phone => "phone",
            Unit::Other => "other",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// "гаруй": more than.
    MoreThan,
    /// "орчим", "ойролцоогоор", "-аад": about.
    About,
    /// "-аас доошгүй": not less than.
    AtLeast,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::MoreThan => "more_than",
            Qualifier::About => "about",
            Qualifier::AtLeast => "at_least",
        }
    }
}

/// A number found in a measure's target or implementation text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    pub objective_no: u32,
    pub measure_no: u32,
    pub code: String,
    /// "target" or "implementation".
    pub field: String,
    /// The number after its multiplier (мянга ×1e3, сая ×1e6, тэрбум ×1e9).
    pub value: f64,
    pub unit: Unit,
    /// What is counted, dictionary form ("иргэн").
    pub noun: Option<String>,
    pub qualifier: Option<Qualifier>,
    /// The snippet, from the number to the noun or unit word.
    pub raw: String,
    /// Character offset of the number in the normalized field text.
    pub offset: usize,
    pub source: Source,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_finding_kind_is_documented_where_analysts_look() {
        let readme = include_str!("../README.md");
        let schema = include_str!("../schemas/findings.json");
        for kind in FindingKind::ALL {
            let k = kind.as_str();
            assert!(
                readme.contains(&format!("| {k} |")),
                "{k} not in the README's Findings table"
            );
            assert!(schema.contains(k), "{k} not in schemas/findings.json");
            assert_eq!(serde_json::to_value(kind).unwrap(), k);
        }
    }
}
