//! Prose evaluations: categories, band counts and the overall percent as sentences.
//!
//! Enters: a document's paragraphs and the report's year. Leaves: [`Category`] rows (one per
//! area that states its percent or its counts per band, and the total "Нийт 80 арга
//! хэмжээнээс …"), every statement of the overall percent, and the counts of objectives and
//! measures the text gives. Numbers that are not scores (attendance "ирц 84.6%", money, a
//! resolution's "5/18", agenda items) are never taken: a figure counts only in the phrases
//! below.

use crate::layout::{Block, Document};
use crate::model::{
    BandCount, Category, CategoryLevel, LabelledPercent, ScaleLabel, Source, StatedCount,
    StatedNumber,
};
use crate::normalize::normalize;
use regex::Regex;
use std::sync::LazyLock;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

const NUM: &str = r"\d{1,3}(?:\.\d{1,2})?";

/// A band's count in a list: "100 хувь-33", "30 хувь - 4 заалт", "0 хувь -1" (percent, then
/// how many items scored it).
static BAND_ITEM: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:^|[\s,;(])(\d{1,3})\s*(?:хувь|%)\s*-\s*(\d{1,4})\b"));
/// "100 хувийн биелэлттэй 9 арга хэмжээ".
static BAND_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(\d{1,3})\s*(?:хувийн|%-ийн)\s+(?:биелэлттэй|хэрэгжилттэй)\s+(\d{1,4})\s+(?:арга\s+хэмжээ|заалт)",
    )
});
/// "ХБ-2 заалт", "хугацаа болоогүй -2" (not yet due).
static NOT_DUE_ITEM: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:хугацаа\s+болоогүй|\bХБ)\s*-\s*(\d{1,4})\b"));
/// "үнэлэх боломжгүй - 1" (cannot be evaluated).
static NOT_EVALUABLE_ITEM: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:үнэлэх\s+боломжгүй|\bҮБ)\s*-\s*(\d{1,4})\b"));
/// "Нийт 80 арга хэмжээнээс …" (of 80 measures in all).
static TOTAL_ITEMS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bнийт\s+(\d{1,4})\s+(?:арга\s+хэмжээ|заалт)"));
/// An area's percent heading its sentence: "<area> 88 хувийн хэрэгжилттэй", "<area> 90.5
/// хувьтай байна".
static AREA_PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)^(.{{3,160}}?)\s+({NUM})\s*(?:хувийн\s+(?:хэрэгжилттэй|биелэлттэй)|хувьтай|%-тай)"
    ))
});
/// A list line "<area> - 89.0%".
static AREA_LINE: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"^(.{{3,160}}?)\s*-\s*({NUM})\s*%\s*\.?$")));
/// The mean: "Хэрэгжилтийн дундаж 89.2 хувьтай", "Дундажаар 88.8 %".
static MEAN: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"(?i)\bдундаж\S*\s+({NUM})\s*(?:хувьтай|хувь|%)")));
/// The plan as a whole: "… 88 хувьтай биелэсэн", "хэрэгжилт 65.22% буюу", "… 98.2 хувьтай
/// дүгнэгдэв", "88 хувийн биелэлттэй гэж үзлээ".
static WHOLE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?:\b({NUM})\s*(?:хувьтай|хувийн\s+биелэлттэй|хувийн\s+хэрэгжилттэй|%-тай|хувиар)\s+(?:биелэсэн|хэрэгжсэн|хэрэгжүүлсэн|дүгнэгд|үнэлэгд|дүгнэв|үнэлэв|гэж\s+үз)|\b(?:хэрэгжилт|биелэлт)\s+({NUM})\s*(?:%|хувь|-тэй))"
    ))
});
/// "2015 онд 81.5 хувь" (a year's percent).
static YEAR_PERCENT: LazyLock<Regex> =
    LazyLock::new(|| re(&format!(r"\b(\d{{4}})\s+онд\s+({NUM})\s*(?:хувь\b|%)")));
/// "23 арга хэмжээний хэрэгжилт", "нийт 80 арга хэмжээ төлөвлөн" (the items of the whole).
static WHOLE_ITEMS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(\d{1,4})\s+арга\s+хэмжээний\s+(?:хэрэгжилт|биелэлт)"));
/// "7 зорилт", "7 зорлго" (objectives, a typo seen in print), "4 бодлого" (policies).
static OBJECTIVES: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\b(\d{1,4})\s+(?:зорилт|зорилго|зорлго)\S*"));
/// "<area> хүрээнд 44 арга хэмжээ" (an area's items in the plan).
static AREA_ITEMS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(\S+\s+\S+)\s+хүрээнд\s+(\d{1,4})\s+(?:арга\s+хэмжээ|заалт)"));

/// A range of percent in a scale's definition: "90-100 хувь", "70-89%".
static SCALE_RANGE: LazyLock<Regex> =
    LazyLock::new(|| re(r"\b(\d{1,3})\s*-\s*(\d{1,3})\s*(?:хувь|%)"));
/// A word in quotes: "“Хангалттай”", "«Үр дүнтэй»", "\"Дунд\"".
static QUOTED: LazyLock<Regex> = LazyLock::new(|| re(r#"["“«]([^"”»]{2,40})["”»]"#));

/// The scale's words, each with its range: clauses of one range and one quoted word ("90-100
/// хувь бол “Үр дүнтэй”, 70-89 хувь бол “Хангалттай”").
fn scale_labels(t: &str, source: &Source) -> Vec<ScaleLabel> {
    let mut out = Vec::new();
    for clause in t.split([',', ';']) {
        let ranges: Vec<_> = SCALE_RANGE.captures_iter(clause).collect();
        let words: Vec<_> = QUOTED.captures_iter(clause).collect();
        if let ([r], [w]) = (ranges.as_slice(), words.as_slice()) {
            let (low, high): (f64, f64) = (
                r[1].parse().unwrap_or(f64::NAN),
                r[2].parse().unwrap_or(f64::NAN),
            );
            if low <= high && high <= 100.0 {
                out.push(ScaleLabel {
                    label: w[1].trim().to_string(),
                    low,
                    high,
                    raw: clause.trim().to_string(),
                    source: source.clone(),
                });
            }
        }
    }
    out
}

/// Percents named with a word of the scale: "78.4 хувьтай буюу “Хангалттай”", "“Дунд” буюу
/// 55 хувь".
fn labelled_percents(t: &str, labels: &[ScaleLabel], source: &Source) -> Vec<LabelledPercent> {
    let mut words: Vec<String> = labels.iter().map(|l| regex::escape(&l.label)).collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.len()));
    words.dedup();
    if words.is_empty() {
        return Vec::new();
    }
    let words = words.join("|");
    let after = re(&format!(
        r#"(?i)\b({NUM})\s*(?:хувь|%)\S*\s+(?:буюу\s+)?["“«]?({words})["”»]?"#
    ));
    let before = re(&format!(
        r#"(?i)["“«]?({words})["”»]?\s+(?:буюу\s+)?({NUM})\s*(?:хувь|%)"#
    ));
    let mut out: Vec<LabelledPercent> = after
        .captures_iter(t)
        .map(|c| LabelledPercent {
            percent: stated(&c[0], &c[1], source),
            label: c[2].to_string(),
        })
        .collect();
    out.extend(before.captures_iter(t).map(|c| LabelledPercent {
        percent: stated(&c[0], &c[2], source),
        label: c[1].to_string(),
    }));
    out
}

/// "59 арга хэмжээ нь нийт арга хэмжээний 73.7 хувийг", "2 арга хэмжээ нь 2.5 хувийг" (a
/// count of items, then its share of all of them).
static SHARE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)\b(\d{{1,4}})\s+(?:заалт\s+)?(?:арга\s+хэмжээ|заалт)\s+нь\s+(?:нийт\s+(?:арга\s+хэмжээ|заалт)\S*\s+)?({NUM})\s*(?:хувийг|хувь|%)"
    ))
});

/// What the prose of an evaluation states.
#[derive(Debug, Default)]
pub struct ProseOutput {
    pub categories: Vec<Category>,
    /// Every statement of the plan's overall percent, in reading order.
    pub overall: Vec<StatedNumber>,
    pub stated_counts: Vec<StatedCount>,
    pub scale_labels: Vec<ScaleLabel>,
    pub labelled_percents: Vec<LabelledPercent>,
    pub shares: Vec<crate::model::StatedShare>,
}

impl ProseOutput {
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty() && self.overall.is_empty()
    }
}

fn stated(raw: &str, value: &str, source: &Source) -> StatedNumber {
    StatedNumber {
        value: value.parse().unwrap_or(f64::NAN),
        raw: raw.trim().to_string(),
        source: source.clone(),
    }
}

/// Lines of the document's text, each with its source.
fn lines(doc: &Document) -> Vec<(String, Source)> {
    let mut out = Vec::new();
    for b in &doc.blocks {
        if let Block::Paragraph(p) = b {
            for l in p.text.split('\n') {
                let t = normalize(l);
                if !t.is_empty() {
                    out.push((t, p.source.clone()));
                }
            }
        }
    }
    out
}

/// Read the prose of `doc`; `year` is the report's, for "2015 онд 81.5 хувь".
pub fn parse(doc: &Document, year: Option<i32>) -> ProseOutput {
    let mut out = ProseOutput::default();
    let mut area_items: Vec<(String, StatedNumber)> = Vec::new();
    let lines = lines(doc);
    let mut defining = Vec::new();
    for (text, source) in &lines {
        let found = scale_labels(text, source);
        defining.push(!found.is_empty());
        out.scale_labels.extend(found);
    }
    for ((text, source), defines) in lines.iter().zip(defining) {
        if !defines {
            let found = labelled_percents(text, &out.scale_labels, source);
            out.labelled_percents.extend(found);
        }
    }
    for (text, source) in lines {
        let t = text.trim_start_matches(['-', '•', '*', ' ']).trim();
        for c in SHARE.captures_iter(t) {
            // The percent's own text ("73.7 хувийг"): its decimals say how it was printed.
            let at = c.get(2).map_or(0, |m| m.start()) - c.get(0).map_or(0, |m| m.start());
            out.shares.push(crate::model::StatedShare {
                count: stated(&c[0], &c[1], &source),
                percent: stated(&c[0][at..], &c[2], &source),
            });
        }
        for c in AREA_ITEMS.captures_iter(t) {
            area_items.push((c[1].to_lowercase(), stated(&c[0], &c[2], &source)));
        }
        if let Some(c) = OBJECTIVES.captures(t) {
            if t.contains("арга хэмжээ") {
                out.stated_counts.push(StatedCount {
                    what: "objectives".into(),
                    value: c[1].parse().unwrap_or(f64::NAN),
                    raw: c[0].to_string(),
                    source: source.clone(),
                });
            }
        }
        let whole_items = WHOLE_ITEMS
            .captures(t)
            .or_else(|| TOTAL_ITEMS.captures(t))
            .map(|c| stated(&c[0], &c[1], &source));
        if let Some(n) = &whole_items {
            out.stated_counts.push(StatedCount {
                what: "measures".into(),
                value: n.value,
                raw: n.raw.clone(),
                source: source.clone(),
            });
        }
        if let Some(cat) = band_list(t, &source, whole_items.as_ref()) {
            out.categories.push(cat);
        } else if let Some(c) = AREA_LINE.captures(t).filter(|c| is_area(&c[1])) {
            let mut cat = Category::named(CategoryLevel::Category, c[1].trim(), source.clone(), t);
            cat.percent = Some(stated(
                c[0][c[1].len()..].trim_start_matches(['-', ' ']),
                &c[2],
                &source,
            ));
            out.categories.push(cat);
        } else if let Some(c) = AREA_PERCENT.captures(t).filter(|c| is_area(&c[1])) {
            // An area's own sentence ends with its percent; "… буюу 30 хувьтай хэрэгжиж
            // байгаа 5 арга хэмжээ нь 6.2 хувийг" speaks of a band's items, not of an area.
            let rest = &t[c.get(0).map_or(0, |m| m.end())..];
            let sentence_rest = rest.split('.').next().unwrap_or_default();
            let of_band =
                c[1].contains("буюу") || sentence_rest.chars().any(|ch| ch.is_ascii_digit());
            if !of_band && !WHOLE.is_match(t) && !MEAN.is_match(t) {
                let mut cat =
                    Category::named(CategoryLevel::Category, c[1].trim(), source.clone(), t);
                cat.percent = Some(stated(
                    c[0][c[1].len()..].trim_start_matches(['-', ' ']),
                    &c[2],
                    &source,
                ));
                out.categories.push(cat);
            }
        }
        let means: Vec<std::ops::Range<usize>> = MEAN
            .captures_iter(t)
            .map(|c| {
                out.overall.push(stated(&c[0], &c[1], &source));
                c.get(1).expect("group 1").range()
            })
            .collect();
        for c in WHOLE.captures_iter(t) {
            let v = c.get(1).or(c.get(2)).expect("one of the two");
            // "дундаж 89.2 хувьтай хэрэгжүүлсэн": one statement, read by both phrases.
            if !means.iter().any(|m| m.contains(&v.start())) {
                out.overall.push(stated(&c[0], v.as_str(), &source));
            }
        }
        if let Some(y) = year {
            for c in YEAR_PERCENT.captures_iter(t) {
                if c[1].parse::<i32>().ok() == Some(y) {
                    out.overall.push(stated(&c[0], &c[2], &source));
                }
            }
        }
    }
    // An area's items stated in the plan's introduction ("… хүрээнд 44 арга хэмжээ").
    for (words, n) in area_items {
        if let Some(cat) = out
            .categories
            .iter_mut()
            .find(|c| c.level == CategoryLevel::Category && c.name.to_lowercase().contains(&words))
        {
            cat.n_items.get_or_insert(n);
        }
    }
    // The overall percent: the most precise statement (the mean "88.8" over the headline's
    // "88"), the first of equals.
    let best = best_statement(&out.overall);
    match out
        .categories
        .iter_mut()
        .find(|c| c.level == CategoryLevel::Total)
    {
        Some(total) => {
            if total.percent.is_none() {
                total.percent = best;
            }
        }
        // Areas listed with their percents and the plan's percent beside them: that is the
        // total of the areas.
        None => {
            let areas = out
                .categories
                .iter()
                .filter(|c| c.level == CategoryLevel::Category)
                .count();
            if let (true, Some(p)) = (areas >= 2, best) {
                let mut total =
                    Category::named(CategoryLevel::Total, "Нийт", p.source.clone(), &p.raw);
                total.n_items = out
                    .stated_counts
                    .iter()
                    .find(|c| c.what == "measures")
                    .map(|c| StatedNumber {
                        value: c.value,
                        raw: c.raw.clone(),
                        source: c.source.clone(),
                    });
                total.percent = Some(p);
                out.categories.push(total);
            }
        }
    }
    out
}

/// Words of a percent that is no implementation score: attendance, money, budget, interest,
/// coverage. (Not growth: "Эдийн засаг-Өсөлт-Өрх бүрд" is a programme's area.)
static NOT_A_SCORE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)ирц|төгрөг|тэрбум|\bсая\b|мянга|төсөв|төсв|санхүүжилт|\bхүү\b|хамрагдалт")
});

/// The most precise statement of the overall percent, the first of equals.
pub fn best_statement(statements: &[StatedNumber]) -> Option<StatedNumber> {
    statements
        .iter()
        .enumerate()
        .max_by_key(|(i, s)| (crate::scoring::decimals(&s.raw), std::cmp::Reverse(*i)))
        .map(|(_, s)| s.clone())
}

/// A name of an area: words, not a figure, a date or a quantity of another kind.
fn is_area(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 3
        && !YEAR_PERCENT.is_match(name)
        && !name.trim_start().starts_with("Нийт")
        && !NOT_A_SCORE.is_match(name)
}

/// A line listing counts per band ("Үүнээс 100 хувь-33, 70 хувь-4, … ХБ-2 заалт"): a
/// category (its name and percent from the sentence before the list) or the total ("Нийт 80
/// арга хэмжээнээс …").
fn band_list(t: &str, source: &Source, whole_items: Option<&StatedNumber>) -> Option<Category> {
    let bands: Vec<BandCount> = BAND_ITEM
        .captures_iter(t)
        .chain(BAND_PHRASE.captures_iter(t))
        .map(|c| BandCount {
            band: c[1].parse().unwrap_or(f64::NAN),
            count: stated(c[0].trim_start_matches([',', ';', '(']), &c[2], source),
        })
        .filter(|b| b.band <= 100.0)
        .collect();
    if bands.len() < 2 {
        return None;
    }
    let first_band = BAND_ITEM
        .find(t)
        .into_iter()
        .chain(BAND_PHRASE.find(t))
        .map(|m| m.start())
        .min()
        .unwrap_or(0);
    let total = TOTAL_ITEMS.find(t).is_some_and(|m| m.start() < first_band);
    let mut cat = if total {
        let mut c = Category::named(CategoryLevel::Total, "Нийт", source.clone(), t);
        c.n_items = whole_items.cloned();
        c.percent = MEAN.captures(t).map(|m| stated(&m[0], &m[1], source));
        c
    } else {
        let head = &t[..first_band];
        let (name, percent) = match AREA_PERCENT.captures(head) {
            Some(c) => (
                c[1].trim().to_string(),
                Some(stated(&c[0][c[1].len()..], &c[2], source)),
            ),
            None => (
                head.split(['.', ':'])
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_string(),
                None,
            ),
        };
        let mut c = Category::named(CategoryLevel::Category, &name, source.clone(), t);
        c.percent = percent;
        c
    };
    cat.bands = bands;
    cat.n_not_due = NOT_DUE_ITEM
        .captures(t)
        .map(|c| stated(&c[0], &c[1], source));
    cat.n_not_evaluable = NOT_EVALUABLE_ITEM
        .captures(t)
        .map(|c| stated(&c[0], &c[1], source));
    Some(cat)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Paragraph;

    fn doc(lines: &[&str]) -> Document {
        Document {
            blocks: lines
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    Block::Paragraph(Paragraph {
                        text: l.to_string(),
                        source: Source::line(i as u32 + 1),
                        ..Default::default()
                    })
                })
                .collect(),
            n_pages: None,
        }
    }

    fn bands(c: &Category) -> Vec<(f64, f64)> {
        c.bands.iter().map(|b| (b.band, b.count.value)).collect()
    }

    #[test]
    fn an_area_s_percent_and_its_band_counts_make_a_category() {
        let d = doc(&["- Бүтээн байгуулалтын хүрээний асуудал 88 хувийн хэрэгжилттэй. Үүнээс 100 хувь-33, 70 хувь-4, 30 хувь - 4, 0 хувь -1, ХБ-2 заалт байна."]);
        let out = parse(&d, None);
        let c = &out.categories[0];
        assert_eq!(c.name, "Бүтээн байгуулалтын хүрээний асуудал");
        assert_eq!(c.percent.as_ref().unwrap().value, 88.0);
        assert_eq!(
            bands(c),
            vec![(100.0, 33.0), (70.0, 4.0), (30.0, 4.0), (0.0, 1.0)]
        );
        assert_eq!(c.n_not_due.as_ref().unwrap().value, 2.0);
        assert!(out.overall.is_empty());
    }

    #[test]
    fn the_total_s_counts_and_mean_are_the_whole_plan_s() {
        let d = doc(&["- Нийт 80 арга хэмжээнээс 100 хувь -59 заалт, 70 хувь-13 заалт, 30 хувь-5 заалт, 0 хувь -1, хугацаа болоогүй -2 заалт байна. Хэрэгжилтийн дундаж 89,2 хувьтай хэрэгжүүлсэн байна."]);
        let out = parse(&d, None);
        let c = &out.categories[0];
        assert_eq!(c.level, CategoryLevel::Total);
        assert_eq!(c.n_items.as_ref().unwrap().value, 80.0);
        assert_eq!(c.n_not_due.as_ref().unwrap().value, 2.0);
        assert_eq!(c.percent.as_ref().unwrap().value, 89.2);
        assert_eq!(c.percent.as_ref().unwrap().raw, "дундаж 89.2 хувьтай");
        assert_eq!(out.overall[0].value, 89.2);
    }

    #[test]
    fn list_lines_of_area_percents_and_the_mean() {
        let d = doc(&[
            "Нийслэлийн … 26 зорилт 2017 онд 88 хувьтай биелэсэн гэж үзжээ.",
            "Эдийн засаг-Өсөлт-Өрх бүрд - 89,0%",
            "Засаглал - 89,6 %",
            "Дундажаар 88,8 % гэж үзжээ.",
        ]);
        let out = parse(&d, Some(2017));
        let names: Vec<&str> = out.categories.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            vec!["Эдийн засаг-Өсөлт-Өрх бүрд", "Засаглал", "Нийт"]
        );
        assert_eq!(out.categories[1].percent.as_ref().unwrap().value, 89.6);
        // The areas' total: the most precise statement of the plan's percent.
        assert_eq!(out.categories[2].level, CategoryLevel::Total);
        assert_eq!(out.categories[2].percent.as_ref().unwrap().value, 88.8);
        let overall: Vec<f64> = out.overall.iter().map(|s| s.value).collect();
        assert_eq!(overall, vec![88.0, 88.8]);
    }

    #[test]
    fn numbers_that_are_not_scores_are_not_taken() {
        let d = doc(&[
            "Хуралдааны ирц 84,6% байв.",
            "Хуралдааны ирц 84,6 хувьтай байв.",
            "Орон нутгийн төсвийн гүйцэтгэл 97,1 хувьтай байна.",
            "Төсөвт 54,9 тэрбум төгрөг тусгасан.",
            "Хурлын 5/18 дугаар тогтоолоор 12 асуудал хэлэлцэв.",
            "2014 онд 52,3 хувь байсан.",
        ]);
        let out = parse(&d, Some(2015));
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn the_scale_s_words_and_the_percents_named_with_them() {
        let d = doc(&[
            "Хэрэгжилтийг 90-100 хувь бол “Үр дүнтэй”, 70-89 хувь бол “Хангалттай”, 0-69 хувь бол “Хангалтгүй” гэж үнэлнэ.",
            "Нийгмийн хүрээний асуудал 78.4 хувьтай буюу “Үр дүнтэй” үнэлгээтэй байна.",
        ]);
        let out = parse(&d, None);
        let labels: Vec<(&str, f64, f64)> = out
            .scale_labels
            .iter()
            .map(|l| (l.label.as_str(), l.low, l.high))
            .collect();
        assert_eq!(
            labels,
            vec![
                ("Үр дүнтэй", 90.0, 100.0),
                ("Хангалттай", 70.0, 89.0),
                ("Хангалтгүй", 0.0, 69.0)
            ]
        );
        assert_eq!(out.labelled_percents.len(), 1);
        assert_eq!(out.labelled_percents[0].percent.value, 78.4);
        assert_eq!(out.labelled_percents[0].label, "Үр дүнтэй");
    }

    #[test]
    fn not_evaluable_items_and_a_headline_s_percent_without_its_word() {
        let d = doc(&[
            "Төлөвлөгөөний хэрэгжилт 92,1-тэй гарлаа.",
            "Нийт 12 арга хэмжээнээс 100 хувь-8, 70 хувь-2, ҮБ-1, ХБ-1 заалт байна.",
        ]);
        let out = parse(&d, None);
        assert_eq!(out.overall[0].value, 92.1);
        let total = &out.categories[0];
        assert_eq!(total.n_not_evaluable.as_ref().unwrap().value, 1.0);
        assert_eq!(total.n_not_due.as_ref().unwrap().value, 1.0);
        assert_eq!(total.percent.as_ref().unwrap().value, 92.1);
    }

    #[test]
    fn a_count_and_its_share_of_all_items() {
        let d = doc(&[
            "- Бүрэн хэрэгжсэн 59 арга хэмжээ нь нийт арга хэмжээний 73.7 хувийг,",
            "- Хэрэгжээгүй буюу 0 хувьтай 1 заалт арга хэмжээ нь 1.2 хувийг,",
        ]);
        let out = parse(&d, None);
        let shares: Vec<(f64, f64)> = out
            .shares
            .iter()
            .map(|s| (s.count.value, s.percent.value))
            .collect();
        assert_eq!(shares, vec![(59.0, 73.7), (1.0, 1.2)]);
        assert!(out.categories.is_empty());
    }

    #[test]
    fn the_report_year_s_percent_is_the_overall() {
        let d = doc(&["2013 онд 57 хувь, 2014 онд 52,3 хувь, 2015 онд 81,5 хувь буюу 29,2 хувиар биелэлтээ ахиулсан байна."]);
        let out = parse(&d, Some(2015));
        let overall: Vec<f64> = out.overall.iter().map(|s| s.value).collect();
        assert_eq!(overall, vec![81.5]);
    }

    #[test]
    fn the_plan_s_items_and_percent_in_one_sentence() {
        let d = doc(&["“Монгол Улсын хөгжлийн 2023 оны төлөвлөгөө”-ний 4 бодлого, 7 зорлго, 23 арга хэмжээний хэрэгжилт 65.22% буюу 3.26 оноогоор үнэлэгдлээ."]);
        let out = parse(&d, Some(2023));
        assert_eq!(out.overall[0].value, 65.22);
        let counts: Vec<(&str, f64)> = out
            .stated_counts
            .iter()
            .map(|c| (c.what.as_str(), c.value))
            .collect();
        assert_eq!(counts, vec![("objectives", 7.0), ("measures", 23.0)]);
    }
}
