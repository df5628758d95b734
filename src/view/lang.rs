//! The language of what people read: Mongolian or English, and the explanation of every
//! finding kind in each.
//!
//! Enters: a `--lang` choice or the environment's locale; a [`FindingKind`]. Leaves: labels.

use crate::model::FindingKind;
pub use crate::model::Lang;

impl Lang {
    /// Mongolian where the locale says so (LC_ALL, LC_MESSAGES, LANG starting with "mn"),
    /// else English.
    pub fn from_env() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        if locale.starts_with("mn") {
            Lang::Mn
        } else {
            Lang::En
        }
    }

    /// The HTML `lang` attribute.
    pub fn code(self) -> &'static str {
        self.pick("en", "mn")
    }
}

/// A value of the dataset (severity, status, finding kind, source format, report kind, table
/// level) as people read it: in English the value itself, which is what a query filters on; in
/// Mongolian its name. A value this table does not know is shown as it is.
pub fn term(value: &str, lang: Lang) -> &str {
    if lang == Lang::En {
        return value;
    }
    match value {
        "error" => "алдаа",
        "warning" => "анхааруулга",
        "info" => "мэдээлэл",
        "ok" => "бүрэн",
        "partial" => "хэсэгчлэн",
        "failed" => "уншиж чадаагүй",
        "measure_score_conflict" => "арга хэмжээний оноо зөрсөн",
        "objective_score_mismatch" => "зорилтын хувь зөрсөн",
        "score_rounding" => "тоймлолгүй тасалсан",
        "overall_score_mismatch" => "нийт хувь зөрсөн",
        "measure_count_mismatch" => "тоо зөрсөн",
        "bucket_count_mismatch" => "түвшний тоо зөрсөн",
        "bucket_label_mismatch" => "түвшний нэр зөрсөн",
        "score_out_of_range" => "оноо 0-100-аас гадуур",
        "band_gap" => "хуваарийн завсар",
        "stated_share_mismatch" => "эзлэх хувь зөрсөн",
        "ocr_doubtful" => "уншилт эргэлзээтэй",
        "category_count_mismatch" => "ангиллын тоо зөрсөн",
        "category_percent_mismatch" => "ангиллын хувь зөрсөн",
        "total_formula" => "нийт дүнгийн томьёо",
        "rounding_up" => "дээш тоймолсон",
        "not_due_in_denominator" => "хугацаа болоогүйг хуваарьт тооцсон",
        "text" => "текст",
        "markdown" => "маркдаун",
        "html" => "веб хуудас",
        // PDF is the format's name in Mongolian too.
        "pdf" => "PDF",
        "scan" => "скан",
        "plan_report" => "төлөвлөгөөний биелэлт",
        "evaluation_summary" => "үнэлгээний нэгтгэл",
        "prose_evaluation" => "үнэлгээ, үгээр",
        "unknown" => "тодорхойгүй",
        "overall" => "нийт",
        "read" => "унших",
        "header" => "толгой",
        "plan_table" => "төлөвлөгөөний хүснэгт",
        "evaluation" => "үнэлгээ",
        "reconcile" => "тулгалт",
        "check" => "шалгалт",
        "objective" => "зорилт",
        "measure" => "арга хэмжээ",
        "total" => "нийт дүн",
        "subtotal" => "дэд дүн",
        "category" => "ангилал",
        _ => value,
    }
}

/// What a finding of `kind` means, for a reader who has not read the scoring rules.
pub fn explanation(kind: FindingKind, lang: Lang) -> &'static str {
    use FindingKind::*;
    let (en, mn) = match kind {
        MeasureScoreConflict => (
            "The report gives this measure two different scores: one in its plan table, another in its evaluation.",
            "Тайлан энэ арга хэмжээнд хоёр өөр оноо өгсөн байна: төлөвлөгөөний хүснэгтэд нэг, үнэлгээнд өөр.",
        ),
        ObjectiveScoreMismatch => (
            "The objective's stated percent is not the mean of its measures' scores (nor its rounding).",
            "Зорилтын бичсэн хувь нь түүний арга хэмжээнүүдийн онооны дундаж (эсвэл түүний тоймлол) биш байна.",
        ),
        ScoreRounding => (
            "The stated percent is the exact mean cut off, not rounded, to its decimals.",
            "Бичсэн хувь нь яг дундажийг тоймлолгүйгээр тасалсан утга байна.",
        ),
        OverallScoreMismatch => (
            "The overall percent is not the mean of the measures' scores.",
            "Нийт биелэлтийн хувь нь арга хэмжээнүүдийн онооны дундаж биш байна.",
        ),
        MeasureCountMismatch => (
            "A count the report states (objectives, measures) differs from what its tables hold.",
            "Тайланд бичсэн тоо (зорилт, арга хэмжээ) хүснэгтэд байгаа тооноос зөрж байна.",
        ),
        BucketCountMismatch => (
            "A summary table's count for a score band differs from the measures whose scores lie in it.",
            "Нэгтгэл хүснэгтэд үнэлгээний түвшинд бичсэн тоо тухайн түвшинд орох арга хэмжээний тооноос зөрж байна.",
        ),
        BucketLabelMismatch => (
            "A score is listed under a band, or named with a word of the report's scale, whose range does not hold it.",
            "Оноог түүнийг агуулдаггүй үнэлгээний түвшин, эсвэл тайлангийн хэмжүүрийн өөр үгээр нэрлэсэн байна.",
        ),
        ScoreOutOfRange => (
            "A stated score is below 0 or above 100.",
            "Бичсэн оноо 0-ээс бага эсвэл 100-аас их байна.",
        ),
        BandGap => (
            "The report's score scale leaves some scores in no band, or a measure scores inside such a gap.",
            "Тайлангийн үнэлгээний хэмжүүр зарим оноог аль ч түвшинд оруулаагүй, эсвэл арга хэмжээний оноо тэр завсарт орсон байна.",
        ),
        StatedShareMismatch => (
            "A part over a whole (\"… of …, or N percent\") does not give the stated percent.",
            "Хэсгийг бүхэлд харьцуулсан хувь (\"…-ын … буюу … хувь\") бичсэн хувьтай таарахгүй байна.",
        ),
        OcrDoubtful => (
            "The scan's text was read with low confidence here: the figure may be misread.",
            "Скан хуудсыг энд бага итгэлтэй уншсан тул тоо буруу уншигдсан байж болзошгүй.",
        ),
        CategoryCountMismatch => (
            "An evaluation's category counts do not add up to the items it states.",
            "Үнэлгээний ангиллын тоонуудын нийлбэр бичсэн нийт тоотой таарахгүй байна.",
        ),
        CategoryPercentMismatch => (
            "A category's percent is not the band-weighted mean of its counts.",
            "Ангиллын хувь нь түвшний тоогоор жигнэсэн дундаж биш байна.",
        ),
        TotalFormula => (
            "Which formula the evaluation's total follows.",
            "Үнэлгээний нийт хувийг аль томьёогоор тооцсон нь.",
        ),
        RoundingUp => (
            "A percent rounded up where reports round or cut off.",
            "Тайлангууд тоймлох эсвэл тасалдаг байхад энэ хувийг дээш нь тоймлосон байна.",
        ),
        NotDueInDenominator => (
            "A percent counts the not-due items as 0 in its denominator.",
            "Хугацаа болоогүй ажлыг хуваарьт 0 гэж тооцсон хувь байна.",
        ),
    };
    lang.pick(en, mn)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value a view names has a Mongolian name.
    #[test]
    fn every_value_has_a_mongolian_term() {
        use crate::model::{ReportKind, Severity, SourceFormat, Stage, Status};
        let mut values: Vec<&str> = FindingKind::ALL.iter().map(|k| k.as_str()).collect();
        values.extend([Severity::Error, Severity::Warning, Severity::Info].map(|s| s.as_str()));
        values.extend([Status::Ok, Status::Partial, Status::Failed].map(|s| s.as_str()));
        values.extend(
            [
                SourceFormat::Text,
                SourceFormat::Markdown,
                SourceFormat::Html,
                SourceFormat::Pdf,
                SourceFormat::Scan,
            ]
            .map(|s| s.as_str()),
        );
        values.extend(
            [
                Stage::Read,
                Stage::PlanTable,
                Stage::Header,
                Stage::Evaluation,
                Stage::Reconcile,
                Stage::Check,
            ]
            .map(|s| s.as_str()),
        );
        values.extend(
            [
                ReportKind::PlanReport,
                ReportKind::EvaluationSummary,
                ReportKind::ProseEvaluation,
                ReportKind::Unknown,
            ]
            .map(|s| s.as_str()),
        );
        for v in values {
            let mn = term(v, Lang::Mn);
            assert_eq!(term(v, Lang::En), v);
            assert!(mn != v || v == "pdf", "{v} has no Mongolian name");
            assert!(
                mn.chars().all(|c| !c.is_ascii_lowercase()),
                "{v}: {mn} is not Mongolian"
            );
        }
    }

    /// Every finding kind is explained in both languages, the Mongolian in Cyrillic.
    #[test]
    fn every_kind_has_both_explanations() {
        for k in FindingKind::ALL {
            let en = explanation(k, Lang::En);
            let mn = explanation(k, Lang::Mn);
            assert!(!en.is_empty() && !mn.is_empty(), "{k:?}");
            assert_ne!(en, mn, "{k:?}");
            let cyrillic = mn
                .chars()
                .filter(|c| ('\u{400}'..='\u{4ff}').contains(c))
                .count();
            let latin = mn.chars().filter(|c| c.is_ascii_alphabetic()).count();
            assert!(cyrillic > 10 && latin == 0, "{k:?}: {mn}");
        }
    }
}
