//! Reconciliation: the evaluation's measure list matched to the plan table's measures, and each
//! measure's score decided.
//!
//! Enters: objectives from the plan table, the narrative items. Leaves: measures with
//! `narrative` (item, similarity, method), `score_narrative`, and `score` with `score_source`:
//! the item's own score, else its band heading's single value, else the table's score on a row
//! holding the measure alone. Items that match poorly are kept and said so; none is dropped.

use crate::model::{Evaluation, NarrativeMatch, Objective, Problem, ScoreSource, StatedNumber};
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
    for (i, item) in eval.items.iter().enumerate() {
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
        let best = sims.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1));
        let chosen = match (by_code, best) {
            (Some((pos, sim)), _) if sim >= SAME_TEXT => Some((pos, sim, "code_and_text")),
            (_, Some((pos, sim))) if sim >= SAME_TEXT + 0.1 => {
                let m = &objectives[pos.0].measures[pos.1];
                problems.push(Problem {
                    stage: "reconcile".into(),
                    source: item.source.clone(),
                    message: format!(
                        "narrative item \"Зорилт {}\" matches table measure {} by its text (similarity {sim:.2}); the codes differ",
                        item.code, m.code
                    ),
                });
                Some((pos, sim, "text"))
            }
            (Some((pos, sim)), _) => {
                let obj = &objectives[pos.0];
                let obj_sim = similarity(&item.text.text, &obj.text.text);
                let why = if obj_sim >= SAME_TEXT {
                    format!(
                        "its text quotes objective {}'s activity instead (similarity {obj_sim:.2})",
                        obj.objective_no
                    )
                } else {
                    "no table measure has a text like it".to_string()
                };
                problems.push(Problem {
                    stage: "reconcile".into(),
                    source: item.source.clone(),
                    message: format!(
                        "narrative item \"Зорилт {}\" matched to table measure {} by its code only (text similarity {sim:.2}): {why}",
                        item.code, obj.measures[pos.1].code
                    ),
                });
                Some((pos, sim, "code_only"))
            }
            _ => None,
        };
        let Some(((o, m), sim, method)) = chosen else {
            problems.push(Problem {
                stage: "reconcile".into(),
                source: item.source.clone(),
                message: format!(
                    "narrative item \"Зорилт {}\" ({:?}) has no measure in the plan table; it is kept in the evaluation only",
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

/// Measures still without a score take the table's, where their row holds them alone.
pub fn scores_from_table(objectives: &mut [Objective]) {
    for m in objectives.iter_mut().flat_map(|o| o.measures.iter_mut()) {
        // A measure the evaluation calls not due has no score, whatever its table cell reads.
        if m.score.is_none() && !(m.not_due && m.narrative.is_some()) {
            if let Some(s) = &m.score_table {
                m.score = Some(s.value);
                m.score_source = Some(ScoreSource::Table);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similarity_folds_u_and_ue() {
        assert!((similarity("үр чадварыг дээшлүүлж", "ур чадварыг дээшлүүлж") - 1.0).abs() < 1e-9);
        assert!(similarity("Нийгмийн даатгалын шимтгэл", "Авлигын эсрэг сургалт") < 0.3);
        assert_eq!(similarity("", "x"), 0.0);
    }
}
