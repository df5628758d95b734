//! Reconciliation: the evaluation's measure list matched to the plan table's measures, and each
//! measure's score decided.
//!
//! Enters: objectives from the plan table, the narrative items. Leaves: measures with
//! `narrative` (item, similarity, method), `score_narrative`, and `score` with `score_source`:
//! the item's own score, else its band heading's single value, else the table's score on a row
//! holding the measure alone, else the agency's own; where the table and the item disagree, the one the objective's
//! other stated figures bear out. Items that match poorly are kept and said so; none is dropped.

use crate::model::{
    mean, Band, Evaluation, Message, NarrativeMatch, Objective, Problem, ScoreSource, StatedNumber,
};
use crate::scoring::{fit, in_band, Fit};
use std::collections::HashSet;

/// Similarity at or above which two texts are taken for the same measure.
pub const SAME_TEXT: f64 = 0.5;

pub use crate::normalize::similarity;

/// Match items to measures and set every measure's score.
pub fn reconcile(objectives: &mut [Objective], eval: &Evaluation, problems: &mut Vec<Problem>) {
    let positions: Vec<(usize, usize)> = objectives
        .iter()
        .enumerate()
        .flat_map(|(o, obj)| (0..obj.measures.len()).map(move |m| (o, m)))
        .collect();
    let mut taken: HashSet<(usize, usize)> = HashSet::new();
    // Measures an item names by code with a like text: such an item's own, which another item
    // of the same text (reports repeat a measure under several objectives) does not take by
    // its text alone.
    let claimed: Vec<Option<(usize, usize)>> = eval
        .items
        .iter()
        .map(|item| {
            positions.iter().copied().find(|&(o, m)| {
                let measure = &objectives[o].measures[m];
                measure.code == item.code
                    && similarity(&item.text.text, &measure.text.text) >= SAME_TEXT
            })
        })
        .collect();
    for (i, item) in eval.items.iter().enumerate() {
        let claimed_by_another = |p: &(usize, usize)| {
            claimed
                .iter()
                .enumerate()
                .any(|(j, c)| j != i && c.as_ref() == Some(p))
        };
        let sims: Vec<((usize, usize), f64)> = positions
            .iter()
            .filter(|p| !taken.contains(p))
            .map(|&(o, m)| {
                (
                    (o, m),
                    similarity(&item.text.text, &objectives[o].measures[m].text.text),
                )
            })
            .collect();
        let by_code = sims
            .iter()
            .find(|((o, m), _)| objectives[*o].measures[*m].code == item.code)
            .copied();
        let most_like = |of: &mut dyn Iterator<Item = ((usize, usize), f64)>| {
            of.max_by(|a, b| a.1.total_cmp(&b.1))
        };
        // A measure another item claims is never taken by text alone, however like: that
        // item's own text and code name it (20261129 r011 @200: item 2.2, its table measure's
        // text garbled, took 2.3 at 0.77 from item 2.3, which names it at 1.0).
        let best = most_like(&mut sims.iter().copied().filter(|(p, _)| !claimed_by_another(p)));
        let chosen = match (by_code, best) {
            (Some((pos, sim)), _) if sim >= SAME_TEXT => Some((pos, sim, "code_and_text")),
            (_, Some((pos, sim))) if sim >= SAME_TEXT + 0.1 => {
                let m = &objectives[pos.0].measures[pos.1];
                problems.push(Problem {
                    stage: crate::model::Stage::Reconcile,
                    source: item.source.clone(),
                    message: format!(
                        "narrative item \"Зорилт {}\" matches table measure {} by its text (similarity {sim:.2}); the codes differ",
                        item.code, m.code
                    ),
                    message_mn: format!(
                        "үнэлгээний \"Зорилт {}\" мөр хүснэгтийн {} арга хэмжээтэй текстээрээ таарч байна (төстэй байдал {sim:.2}); код нь өөр",
                        item.code, m.code
                    ),
                });
                Some((pos, sim, "text"))
            }
            (Some((pos, sim)), _) => {
                let obj = &objectives[pos.0];
                let obj_sim = similarity(&item.text.text, &obj.text.text);
                let why = if obj_sim >= SAME_TEXT {
                    Message::new(
                        format!(
                            "its text quotes objective {}'s activity instead (similarity {obj_sim:.2})",
                            obj.objective_no
                        ),
                        format!(
                            "текст нь оронд нь {}-р зорилтын үйл ажиллагааг иш татсан (төстэй байдал {obj_sim:.2})",
                            obj.objective_no
                        ),
                    )
                } else {
                    Message::new(
                        "no table measure has a text like it",
                        "хүснэгтэд ийм тексттэй арга хэмжээ алга",
                    )
                };
                problems.push(Problem {
                    stage: crate::model::Stage::Reconcile,
                    source: item.source.clone(),
                    message: format!(
                        "narrative item \"Зорилт {}\" matched to table measure {} by its code only (text similarity {sim:.2}): {}",
                        item.code, obj.measures[pos.1].code, why.en
                    ),
                    message_mn: format!(
                        "үнэлгээний \"Зорилт {}\" мөрийг хүснэгтийн {} арга хэмжээтэй зөвхөн кодоор нь холбосон (текстийн төстэй байдал {sim:.2}): {}",
                        item.code, obj.measures[pos.1].code, why.mn
                    ),
                });
                Some((pos, sim, "code_only"))
            }
            _ => None,
        };
        let Some(((o, m), sim, method)) = chosen else {
            problems.push(Problem {
                stage: crate::model::Stage::Reconcile,
                source: item.source.clone(),
                message: format!(
                    "narrative item \"Зорилт {}\" ({:?}) has no measure in the plan table; it is kept in the evaluation only",
                    item.code,
                    item.text.text.chars().take(60).collect::<String>()
                ),
                message_mn: format!(
                    "үнэлгээний \"Зорилт {}\" ({:?}) мөрд тохирох арга хэмжээ төлөвлөгөөний хүснэгтэд алга; зөвхөн үнэлгээнд хадгалсан",
                    item.code,
                    item.text.text.chars().take(60).collect::<String>()
                ),
            });
            continue;
        };
        taken.insert((o, m));
        let measure = &mut objectives[o].measures[m];
        measure.narrative = Some(NarrativeMatch {
            item: i,
            similarity: (sim * 1000.0).round() / 1000.0,
            method: method.into(),
        });
        if item.not_due || item.heading.as_ref().is_some_and(|h| h.low.is_nan()) {
            measure.not_due = true;
        }
        if let Some(s) = &item.score {
            measure.score_narrative = Some(s.clone());
            measure.score = Some(s.value);
            measure.score_source = Some(ScoreSource::Narrative);
        } else if let Some(h) = &item.heading {
            if let Some(v) = h.value() {
                measure.score_narrative = Some(StatedNumber {
                    value: v,
                    raw: h.raw.clone(),
                    source: h.source.clone(),
                });
                measure.score = Some(v);
                measure.score_source = Some(ScoreSource::BandHeading);
            }
        }
    }
    scores_from_table(objectives);
}

/// Two scores closer than this are the same score.
const SAME_SCORE: f64 = 0.05;

/// Where the plan table and the evaluation give a measure two scores, take the one the rest of
/// the report bears out (its objective's stated percents and band counts, the report's overall
/// percents); on a tie the evaluation's stays. Both stay on the measure for the checks.
pub fn settle_conflicts(objectives: &mut [Objective], bands: &[Band], overall: &[&StatedNumber]) {
    for o in 0..objectives.len() {
        for m in 0..objectives[o].measures.len() {
            let measure = &objectives[o].measures[m];
            let (Some(table), Some(narrative)) = (&measure.score_table, &measure.score_narrative)
            else {
                continue;
            };
            let (table, narrative) = (table.value, narrative.value);
            if (table - narrative).abs() > SAME_SCORE
                && support(objectives, (o, m), table, bands, overall)
                    > support(objectives, (o, m), narrative, bands, overall)
            {
                let measure = &mut objectives[o].measures[m];
                measure.score = Some(table);
                measure.score_source = Some(ScoreSource::Table);
            }
        }
    }
}

/// How many of the report's other stated figures agree with measure `at` scoring `score`: each
/// stated percent of its objective (the summary's, the plan table's unless it is the measure's
/// own cell) that the objective's mean fits as printed, the summary's band counts, and each
/// overall percent the mean of all measures fits. Figures that need a score still missing
/// count for neither.
fn support(
    objectives: &[Objective],
    at: (usize, usize),
    score: f64,
    bands: &[Band],
    overall: &[&StatedNumber],
) -> usize {
    let scores_of = |o: usize| -> Option<Vec<f64>> {
        objectives[o]
            .measures
            .iter()
            .enumerate()
            .filter(|(_, x)| !x.not_due)
            .map(|(m, x)| if (o, m) == at { Some(score) } else { x.score })
            .collect()
    };
    let o = &objectives[at.0];
    let own = o.measures[at.1].score_table.as_ref();
    let mut n = 0;
    if let Some(scores) = scores_of(at.0) {
        if let Some(mean) = mean(scores.iter().copied()) {
            n += [o.score_summary.as_ref(), o.score_table.as_ref()]
                .into_iter()
                .flatten()
                .filter(|s| Some(*s) != own && fit(s, mean) != Fit::No)
                .count();
        }
        let printed = o.band_counts_stated.iter().any(Option::is_some);
        if printed && o.band_counts_stated.len() == bands.len() {
            let agrees = bands.iter().zip(&o.band_counts_stated).all(|(b, stated)| {
                let (Some(low), Some(high)) = (b.low, b.high) else {
                    return true;
                };
                let counted = scores.iter().filter(|&&v| in_band(v, low, high)).count() as u32;
                counted == stated.unwrap_or(0)
            });
            n += usize::from(agrees);
        }
    }
    let all: Option<Vec<Vec<f64>>> = (0..objectives.len()).map(scores_of).collect();
    if let Some(mean) = all.and_then(|all| mean(all.into_iter().flatten())) {
        n += overall.iter().filter(|s| fit(s, mean) != Fit::No).count();
    }
    n
}

/// On a scan whose evaluation lists scores for measures of the table, every item matched: a
/// measure it does not list whose table score cell reads one digit from 1 to 9, or nothing,
/// is not due. OCR reads "/-/" as "4" or "1", or loses its thin strokes, and no scale scores
/// 1-9. The cell stays as read on the measure (`score_table`), out of every mean; the check
/// stage flags it.
pub fn lone_digits_not_due(objectives: &mut [Objective], eval: &Evaluation) -> Vec<String> {
    let mut codes = Vec::new();
    let matched = objectives
        .iter()
        .flat_map(|o| &o.measures)
        .filter(|m| m.narrative.is_some())
        .count();
    if eval.items.is_empty() || matched < eval.items.len() {
        return codes;
    }
    // "/-/" read with one slash kept ("/4") is the same mark.
    let lone_digit = |s: &StatedNumber| {
        let raw = s.raw.trim().trim_matches('/');
        raw.len() == 1 && raw.chars().all(|c| ('1'..='9').contains(&c))
    };
    for m in objectives.iter_mut().flat_map(|o| o.measures.iter_mut()) {
        let lone = match &m.score_table {
            Some(s) => lone_digit(s) && m.score_source == Some(ScoreSource::Table),
            // The agency's own column read so, the evaluator's lost: the measure's only score
            // is that misread mark.
            None if m.score_source == Some(ScoreSource::SelfScore) => {
                m.score_self.as_ref().is_some_and(lone_digit)
            }
            None => m.score.is_none() && m.score_self.is_none() && !m.not_due,
        };
        if lone && m.narrative.is_none() {
            m.not_due = true;
            m.score = None;
            m.score_source = None;
            codes.push(m.code.clone());
        }
    }
    codes
}

/// On a scan, a table score no scale gives that the evaluation does not state too is a
/// misreading: outside 0-100 ("100%" read "1009"), or one digit from 1 to 9 ("/-/", not due,
/// read "7"). The measure takes the evaluation's score, or none; an objective's such table
/// score is set aside, and its summary percent read as one digit beside a slash ("/-/" read
/// "/4"). Returns what was set aside, as read.
pub fn impossible_reads_set_aside(objectives: &mut [Objective]) -> Vec<String> {
    let lone_digit = |raw: &str| raw.len() == 1 && raw.chars().all(|c| ('1'..='9').contains(&c));
    let out_of_range =
        |s: &StatedNumber| !(0.0..=100.0).contains(&s.value) || lone_digit(s.raw.trim());
    let not_due_mark =
        |s: &StatedNumber| s.raw.contains('/') && lone_digit(s.raw.trim().trim_matches('/'));
    let mut set_aside = Vec::new();
    for o in objectives.iter_mut() {
        if o.score_table.as_ref().is_some_and(out_of_range) {
            let s = o.score_table.take().expect("checked");
            set_aside.push(format!("objective {} {:?}", o.objective_no, s.raw));
        }
        if o.score_summary.as_ref().is_some_and(not_due_mark) {
            let s = o.score_summary.take().expect("checked");
            set_aside.push(format!(
                "objective {}'s summary row {:?}",
                o.objective_no, s.raw
            ));
        }
        for m in &mut o.measures {
            let Some(t) = m.score_table.as_ref().filter(|t| out_of_range(t)) else {
                continue;
            };
            let confirmed = m
                .score_narrative
                .as_ref()
                .is_some_and(|n| (n.value - t.value).abs() <= SAME_SCORE);
            if confirmed || m.score_source != Some(ScoreSource::Table) {
                continue;
            }
            set_aside.push(format!("measure {} {:?}", m.code, t.raw));
            match &m.score_narrative {
                Some(n) => {
                    m.score = Some(n.value);
                    m.score_source = Some(ScoreSource::Narrative);
                }
                None => {
                    m.score = None;
                    m.score_source = None;
                }
            }
        }
    }
    set_aside
}

/// On a scan, a measure whose own implementation text opens "Хугацаа болоогүй" (not yet due:
/// the agency's word) and whose table score (or, with none, the agency's own score) no
/// evaluation item states is not due: its score cell held "/-/", which OCR reads as "14" or
/// "/4/". The cell stays as read on the measure (`score_table`, `score_self`), out of every
/// mean. Returns the codes of the measures so taken.
pub fn stated_not_due(objectives: &mut [Objective]) -> Vec<String> {
    let mut codes = Vec::new();
    for m in objectives.iter_mut().flat_map(|o| o.measures.iter_mut()) {
        let says_not_due = m.text_scope == crate::model::TextScope::Measure
            && m.implementation
                .text
                .trim_start()
                .to_lowercase()
                .starts_with("хугацаа болоогүй");
        if says_not_due
            && !m.not_due
            && m.score_narrative.is_none()
            && matches!(
                m.score_source,
                Some(ScoreSource::Table | ScoreSource::SelfScore)
            )
        {
            m.not_due = true;
            m.score = None;
            m.score_source = None;
            codes.push(m.code.clone());
        }
    }
    codes
}

/// Measures still without a score take the table's, where their row holds them alone, else
/// the agency's own when the report gives no other.
pub fn scores_from_table(objectives: &mut [Objective]) {
    for m in objectives.iter_mut().flat_map(|o| o.measures.iter_mut()) {
        // A measure the evaluation calls not due has no score, whatever its table cell reads.
        if m.score.is_none() && !(m.not_due && m.narrative.is_some()) {
            if let Some(s) = &m.score_table {
                m.score = Some(s.value);
                m.score_source = Some(ScoreSource::Table);
            } else if let Some(s) = &m.score_self {
                m.score = Some(s.value);
                m.score_source = Some(ScoreSource::SelfScore);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_matched_by_its_text_alone_leaves_a_like_measure_another_item_names_by_code() {
        // Measures 1.3 and 2.1 of the sample given one text; the list names "9.9" (an
        // objective the table as read lacks) and then "2.1", both with that text.
        let sample = include_str!("../../corpus/000_ef92a22f4dcf0ecd.txt");
        let (doc, format) = crate::read::text::parse(sample, crate::model::SourceFormat::Text);
        let r = crate::segment::segment(&doc, "d", "r.txt", format).unwrap();
        let mut eval = r.evaluation.clone().expect("the sample has an evaluation");
        let mut objectives = r.objectives.clone();
        let text = objectives[0].measures[2].text.clone();
        objectives[1].measures[0].text = text.clone();
        for m in objectives.iter_mut().flat_map(|o| o.measures.iter_mut()) {
            (m.narrative, m.score_narrative, m.score) = (None, None, None);
        }
        let template = eval.items[0].clone();
        let item = |code: &str, v: f64| {
            let mut i = template.clone();
            i.code = code.into();
            i.text = text.clone();
            i.score = Some(StatedNumber {
                value: v,
                raw: format!("/{v}/"),
                source: i.source.clone(),
            });
            i
        };
        eval.items = vec![item("9.9", 40.0), item("2.1", 70.0)];
        let fresh = objectives.clone();
        reconcile(&mut objectives, &eval, &mut Vec::new());
        let scores = (
            objectives[0].measures[2].score,
            objectives[1].measures[0].score,
        );
        assert_eq!(scores, (Some(40.0), Some(70.0)));
        // Item 1.3's text like measure 2.1's but not the same, its own table measure's text
        // garbled by OCR: it keeps to its code, and never takes 2.1 from the item naming it
        // (20261129 r011 @200).
        let mut objectives = fresh;
        objectives[0].measures[2].text.text = "Ш ЭЭ ХЯУ ЭЫ".into();
        let mut like = item("1.3", 40.0);
        like.text.text = format!("{} шинэчлэх", text.text);
        let sim = similarity(&like.text.text, &text.text);
        assert!((SAME_TEXT + 0.1..1.0).contains(&sim), "{sim}");
        eval.items = vec![like, item("2.1", 70.0)];
        // No other measure like it (the sample's 1.2 is).
        objectives[0].measures[1].text.text = "Гомдлыг шийдвэрлэх".into();
        reconcile(&mut objectives, &eval, &mut Vec::new());
        let scores = (
            objectives[0].measures[2].score,
            objectives[1].measures[0].score,
        );
        assert_eq!(scores, (Some(40.0), Some(70.0)));
    }

    #[test]
    fn a_lone_digit_in_a_scan_s_score_cell_of_an_unlisted_measure_is_not_due() {
        // The sample's first three measures as if the evaluation did not list them, their
        // table cells reading "4", "0" and "70"; a list that names items the table lacks
        // proves nothing.
        let sample = include_str!("../../corpus/000_ef92a22f4dcf0ecd.txt");
        let (doc, format) = crate::read::text::parse(sample, crate::model::SourceFormat::Text);
        let r = crate::segment::segment(&doc, "d", "r.txt", format).unwrap();
        let eval = r.evaluation.clone().expect("the sample has an evaluation");
        let mut eval = eval;
        eval.items.truncate(eval.items.len() - 3);
        let mut objectives = r.objectives.clone();
        for (m, raw) in objectives[0].measures.iter_mut().zip(["4", "0", "70"]) {
            m.narrative = None;
            m.score = None;
            m.score_table = Some(StatedNumber {
                value: raw.parse().unwrap(),
                raw: raw.into(),
                source: m.source.clone(),
            });
        }
        scores_from_table(&mut objectives);
        let code = objectives[0].measures[0].code.clone();
        assert_eq!(lone_digits_not_due(&mut objectives, &eval), vec![code]);
        let m = &objectives[0].measures;
        assert!(m[0].not_due && m[0].score.is_none());
        assert_eq!((m[1].score, m[2].score), (Some(0.0), Some(70.0)));
        // The agency's own column read "/4", the evaluator's lost: the same mark.
        let mut objectives = r.objectives.clone();
        let m = &mut objectives[0].measures[0];
        m.narrative = None;
        m.score_table = None;
        m.score_self = Some(StatedNumber {
            value: 4.0,
            raw: "/4".into(),
            source: m.source.clone(),
        });
        m.score = Some(4.0);
        m.score_source = Some(ScoreSource::SelfScore);
        assert_eq!(lone_digits_not_due(&mut objectives, &eval).len(), 1);
        assert!(objectives[0].measures[0].not_due);
        // An empty cell is the same mark lost.
        let mut objectives = r.objectives.clone();
        objectives[0].measures[0].narrative = None;
        objectives[0].measures[0].score = None;
        objectives[0].measures[0].score_table = None;
        let unlisted = objectives.clone();
        assert_eq!(lone_digits_not_due(&mut objectives, &eval).len(), 1);
        // The list names more items than measures were matched: an item lost to the reading.
        eval.items.extend(eval.items[..3].to_vec());
        assert!(lone_digits_not_due(&mut unlisted.clone(), &eval).is_empty());
    }

    #[test]
    fn a_scan_s_measure_its_implementation_calls_not_due_has_no_score() {
        // The sample's measure 5.2, unlisted in the evaluation, its implementation "Хугацаа
        // болоогүй …" and its "/-/" read "14"; 5.3 scored 70 says nothing of its deadline.
        let sample = include_str!("../../corpus/000_ef92a22f4dcf0ecd.txt");
        let (doc, format) = crate::read::text::parse(sample, crate::model::SourceFormat::Text);
        let r = crate::segment::segment(&doc, "d", "r.txt", format).unwrap();
        let mut objectives = r.objectives.clone();
        for (m, (said, raw)) in objectives[4].measures[1..].iter_mut().zip([
            ("Хугацаа болоогүй. Төлөвлөгөөг хэлэлцсэн.", "14"),
            ("Хийсэн.", "70"),
        ]) {
            m.narrative = None;
            m.score_narrative = None;
            m.score = None;
            m.text_scope = crate::model::TextScope::Measure;
            m.implementation.text = said.into();
            m.score_table = Some(StatedNumber {
                value: raw.parse().unwrap(),
                raw: raw.into(),
                source: m.source.clone(),
            });
        }
        scores_from_table(&mut objectives);
        assert_eq!(stated_not_due(&mut objectives), vec!["5.2".to_string()]);
        let m = &objectives[4].measures;
        assert!(m[1].not_due && m[1].score.is_none());
        assert!(m[1].score_table.is_some());
        assert_eq!((m[2].not_due, m[2].score), (false, Some(70.0)));
    }

    #[test]
    fn a_scan_s_measure_its_implementation_calls_not_due_has_no_own_score_either() {
        // A report with the agency's own score column: measure 5.2's table cell read nothing
        // and its own score's "/-/" read "14"; 5.3's own score 70 says nothing of its deadline.
        let sample = include_str!("../../corpus/000_ef92a22f4dcf0ecd.txt");
        let (doc, format) = crate::read::text::parse(sample, crate::model::SourceFormat::Text);
        let r = crate::segment::segment(&doc, "d", "r.txt", format).unwrap();
        let mut objectives = r.objectives.clone();
        for (m, (said, raw)) in objectives[4].measures[1..].iter_mut().zip([
            ("Хугацаа болоогүй. Төлөвлөгөөг хэлэлцсэн.", "14"),
            ("Хугацаандаа хийсэн.", "70"),
        ]) {
            m.narrative = None;
            m.score_narrative = None;
            m.score = None;
            m.score_table = None;
            m.text_scope = crate::model::TextScope::Measure;
            m.implementation.text = said.into();
            m.score_self = Some(StatedNumber {
                value: raw.parse().unwrap(),
                raw: raw.into(),
                source: m.source.clone(),
            });
        }
        scores_from_table(&mut objectives);
        assert_eq!(objectives[4].measures[1].score, Some(14.0));
        assert_eq!(stated_not_due(&mut objectives), vec!["5.2".to_string()]);
        let m = &objectives[4].measures;
        assert!(m[1].not_due && m[1].score.is_none());
        assert!(m[1].score_self.is_some());
        assert_eq!((m[2].not_due, m[2].score), (false, Some(70.0)));
    }

    #[test]
    fn a_scan_s_table_score_no_scale_gives_that_nothing_confirms_is_not_used() {
        let sample = include_str!("../../corpus/000_ef92a22f4dcf0ecd.txt");
        let (doc, format) = crate::read::text::parse(sample, crate::model::SourceFormat::Text);
        let r = crate::segment::segment(&doc, "d", "r.txt", format).unwrap();
        let mut objectives = r.objectives.clone();
        // The first measure reads "1009" beside the evaluation's 100, the second "906" with no
        // evaluation item, the third "110" as the evaluation says too, the fourth "7" alone,
        // the fifth "0" (a score).
        let reads = [
            (1009.0, Some(100.0)),
            (906.0, None),
            (110.0, Some(110.0)),
            (7.0, None),
            (0.0, None),
        ];
        let measures = objectives.iter_mut().flat_map(|o| o.measures.iter_mut());
        for (m, (t, n)) in measures.zip(reads) {
            let stated = |v: f64| StatedNumber {
                value: v,
                raw: v.to_string(),
                source: m.source.clone(),
            };
            m.score_table = Some(stated(t));
            m.score_narrative = n.map(stated);
            m.score = Some(t);
            m.score_source = Some(ScoreSource::Table);
        }
        // Objective 1's summary row reads "/4", objective 2's "/100/".
        for (o, raw) in objectives.iter_mut().zip(["/4", "/100/"]) {
            o.score_summary = Some(StatedNumber {
                value: raw.trim_matches('/').parse().unwrap(),
                raw: raw.into(),
                source: o.source.clone(),
            });
        }
        let set_aside = impossible_reads_set_aside(&mut objectives);
        assert_eq!(set_aside.len(), 4, "{set_aside:?}");
        assert!(objectives[0].score_summary.is_none());
        assert!(objectives[1].score_summary.is_some());
        let scores: Vec<Option<f64>> = objectives
            .iter()
            .flat_map(|o| &o.measures)
            .take(5)
            .map(|m| m.score)
            .collect();
        assert_eq!(
            scores,
            vec![Some(100.0), None, Some(110.0), None, Some(0.0)]
        );
    }

    #[test]
    fn similarity_folds_u_and_ue() {
        assert!((similarity("үр чадварыг дээшлүүлж", "ур чадварыг дээшлүүлж") - 1.0).abs() < 1e-9);
        assert!(similarity("Нийгмийн даатгалын шимтгэл", "Авлигын эсрэг сургалт") < 0.3);
        assert_eq!(similarity("", "x"), 0.0);
    }
}
