//! Measures moved across an objective's edge.
//!
//! Enters: objectives from the plan table, the evaluation (narrative items; summary counts
//! already applied for [`regroup_by_summary`]). Leaves: the same measures, some moved to the
//! objective next to theirs and renumbered, with a problem listing each move. A PDF does not
//! draw the edge of a merged № cell, so where the plan table numbers measures by their places
//! only, the layout may put an objective's first or last measures under its neighbour; the
//! evaluation's codes, then its summary's counts, tell where they stand.

use super::reconcile::similarity;
use crate::model::{Evaluation, Measure, Objective, Problem};

/// Text similarity at which a narrative item and a table measure are surely one measure.
const SURELY_SAME_TEXT: f64 = 0.9;

/// The evaluation lists `m` as its item `code`: the item of that code has its text.
fn is_item(eval: &Evaluation, code: &str, m: &Measure) -> bool {
    eval.items
        .iter()
        .find(|i| i.code == code)
        .is_some_and(|i| similarity(&i.text.text, &m.text.text) >= SURELY_SAME_TEXT)
}

/// Measures the plan table numbers by their places only (no code in their cells), standing
/// last under their objective, whose texts are the evaluation's first items of the next
/// objective in order (and not their own places' items), move there; so do first ones whose
/// texts are the items after the previous objective's last. The evaluation's code is the
/// author's word on membership, where the table's is a merged cell's edge that a PDF does not
/// draw. Moves repeat while boundaries shift; places are renumbered. Returns how many moved.
pub fn regroup_by_narrative(
    objectives: &mut [Objective],
    eval: &Evaluation,
    problems: &mut Vec<Problem>,
) -> usize {
    let is_item = |code: String, m: &Measure| is_item(eval, &code, m);
    let mut moved: Vec<String> = Vec::new();
    let total: usize = objectives.iter().map(|o| o.measures.len()).sum();
    for _ in 0..total {
        let mut changed = false;
        for i in 0..objectives.len().saturating_sub(1) {
            let (no, next_no) = (objectives[i].objective_no, objectives[i + 1].objective_no);
            let misplaced = |m: &Measure, code: String| {
                positional(m) && !is_item(m.code.clone(), m) && is_item(code, m)
            };
            // The last `t` measures of objective i are the next one's first `t` items.
            let len = objectives[i].measures.len();
            let down = (1..=len)
                .rev()
                .find(|&t| {
                    objectives[i].measures[len - t..]
                        .iter()
                        .enumerate()
                        .all(|(j, m)| misplaced(m, format!("{next_no}.{}", j + 1)))
                })
                .unwrap_or(0);
            // The first `t` measures of objective i + 1 are items after objective i's last.
            let up = if down > 0 {
                0
            } else {
                (1..=objectives[i + 1].measures.len())
                    .rev()
                    .find(|&t| {
                        objectives[i + 1].measures[..t]
                            .iter()
                            .enumerate()
                            .all(|(j, m)| misplaced(m, format!("{no}.{}", len + 1 + j)))
                    })
                    .unwrap_or(0)
            };
            // The last measure of objective i, listed nowhere (not due, unscored), when the
            // next objective's measures are all its items from the second on: the first one,
            // unlisted, is that measure.
            let listed_anywhere = |m: &Measure| {
                eval.items
                    .iter()
                    .any(|i| similarity(&i.text.text, &m.text.text) >= SURELY_SAME_TEXT)
            };
            let down = if down == 0 && up == 0 && len >= 2 {
                let last = &objectives[i].measures[len - 1];
                let next = &objectives[i + 1].measures;
                let shifted = !next.is_empty()
                    && next
                        .iter()
                        .enumerate()
                        .all(|(j, m)| misplaced(m, format!("{next_no}.{}", j + 2)));
                usize::from(positional(last) && !listed_anywhere(last) && shifted)
            } else {
                down
            };
            if down > 0 || up > 0 {
                moved.extend(shift(
                    &mut objectives[i..i + 2],
                    down as isize - up as isize,
                ));
                changed = true;
                renumber(&mut objectives[i..i + 2]);
            }
        }
        if !changed {
            break;
        }
    }
    if let (false, Some(o)) = (moved.is_empty(), objectives.first()) {
        problems.push(Problem {
            stage: crate::model::Stage::Reconcile,
            source: o.source.clone(),
            message: format!(
                "{} measure(s) stood in the plan table under the objective next to the one the evaluation lists them under (their texts alike, or, for one it does not list, the next objective's items numbered from the second; the table's codes only their places); moved: {}",
                moved.len(),
                moved.join(", ")
            ),
            message_mn: format!(
                "{} арга хэмжээ төлөвлөгөөний хүснэгтэд үнэлгээний жагсаасан зорилтын хөрш зорилтын дор байсан (текст нь адил, эсвэл жагсаагүй нэгийн хувьд дараагийн зорилтын мөрүүд хоёр дахиасаа дугаарлагдсан; хүснэгтийн код нь зөвхөн байрлал); шилжүүлсэн: {}",
                moved.len(),
                moved.join(", ")
            ),
        });
    }
    moved.len()
}

/// Measures the plan table numbers by their places only, standing last under an objective
/// whose next number the table lacks (between it and the next objective it has), whose texts
/// are the evaluation's first items of that number in order, open it: the lost objective's №
/// cell was unread ("6" read "(5)") and its rows read as more rows of the one above. Returns
/// the numbers opened.
pub fn open_lost_by_narrative(
    objectives: &mut Vec<Objective>,
    eval: &Evaluation,
    problems: &mut Vec<Problem>,
) -> Vec<u32> {
    let is_item = |code: String, m: &Measure| is_item(eval, &code, m);
    let mut opened = Vec::new();
    let mut i = 0;
    while i < objectives.len() {
        let lost = objectives[i].objective_no + 1;
        let absent = objectives.iter().all(|o| o.objective_no != lost)
            && objectives
                .get(i + 1)
                .is_none_or(|next| next.objective_no > lost);
        let len = objectives[i].measures.len();
        let t = if absent {
            (1..len)
                .rev()
                .find(|&t| {
                    objectives[i].measures[len - t..]
                        .iter()
                        .enumerate()
                        .all(|(j, m)| {
                            positional(m)
                                && !is_item(m.code.clone(), m)
                                && is_item(format!("{lost}.{}", j + 1), m)
                        })
                })
                .unwrap_or(0)
        } else {
            0
        };
        if t == 0 {
            i += 1;
            continue;
        }
        let tail: Vec<Measure> = objectives[i].measures.drain(len - t..).collect();
        problems.push(Problem {
            stage: crate::model::Stage::Reconcile,
            source: tail[0].source.clone(),
            message: format!(
                "objective {}'s last {t} measure(s) are the evaluation's items {lost}.1-{lost}.{t} (their texts alike, the table's codes only their places): objective {lost}, whose № cell was lost or unread, opened with them",
                objectives[i].objective_no
            ),
            message_mn: format!(
                "{}-р зорилтын сүүлийн {t} арга хэмжээ нь үнэлгээний {lost}.1-{lost}.{t} мөрүүд (текст нь адил, хүснэгтийн код нь зөвхөн байрлал): № нүд нь алдагдсан эсвэл уншигдаагүй {lost}-р зорилтыг тэдгээрээр нээсэн",
                objectives[i].objective_no
            ),
        });
        open_after(objectives, i, lost, tail);
        opened.push(lost);
        i += 1;
    }
    opened
}

/// The evaluation's item a measure surely is, as (objective, place) from its code "N.M": the
/// one item whose text is the measure's (two items of that text with other codes: none).
fn item_code(eval: &Evaluation, m: &Measure) -> Option<(u32, u32)> {
    let mut codes = eval
        .items
        .iter()
        .filter(|i| similarity(&i.text.text, &m.text.text) >= SURELY_SAME_TEXT)
        .map(|i| {
            let (n, k) = i.code.split_once('.')?;
            Some((n.parse::<u32>().ok()?, k.parse::<u32>().ok()?))
        });
    let first = codes.next()??;
    codes.all(|c| c == Some(first)).then_some(first)
}

/// An objective of the plan table holding the measures of several the evaluation lists, the
/// table lacking the others: their № cells were lost or unread (a 150-dpi scan read "2" as
/// "8,"), so their rows read as more rows of the first. Where every measure is numbered by its
/// place only and the evaluation's items, matched by text, say in order which objective each
/// measure is, and at which place ("Зорилт 3.2" the second of objective 3), it is split there.
/// A measure the evaluation does not list goes with the next listed one when its place allows,
/// else with the one before. Nothing moves unless every listed measure then stands at its
/// item's place (a measure lost to OCR would shift them: the grouping is then not known), and
/// every number it skips is one the items or the summary table (`summary_names`) name.
/// Returns the numbers opened.
pub fn split_by_item_codes(
    objectives: &mut Vec<Objective>,
    eval: &Evaluation,
    summary_names: &[u32],
    problems: &mut Vec<Problem>,
) -> Vec<u32> {
    let mut opened = Vec::new();
    let mut i = 0;
    while i < objectives.len() {
        let no = objectives[i].objective_no;
        let next_no = objectives.get(i + 1).map_or(u32::MAX, |o| o.objective_no);
        let ms = &objectives[i].measures;
        // Measures numbered by place, several: else nothing to split (and no texts to match).
        if ms.len() < 2 || !ms.iter().all(positional) {
            i += 1;
            continue;
        }
        let codes: Vec<Option<(u32, u32)>> = ms.iter().map(|m| item_code(eval, m)).collect();
        let listed: Vec<(usize, (u32, u32))> = codes
            .iter()
            .enumerate()
            .filter_map(|(p, c)| c.map(|c| (p, c)))
            .collect();
        let table_has = |n: u32| objectives.iter().any(|o| o.objective_no == n);
        let fits = listed.windows(2).all(|w| w[0].1 < w[1].1)
            && listed
                .iter()
                .all(|&(_, (n, _))| n == no || (n > no && n < next_no && !table_has(n)))
            && listed.iter().any(|&(_, (n, _))| n != no);
        // Every number up to the last opened is one the evaluation names: items of "3" after
        // objective 1, with no objective 2 anywhere, are not known to be a lost objective's.
        let named = |n: u32| summary_names.contains(&n) || listed.iter().any(|&(_, (m, _))| m == n);
        let last = listed.last().map_or(no, |&(_, (n, _))| n);
        if !fits || !(no + 1..=last).all(named) {
            i += 1;
            continue;
        }
        // Each measure's objective: its item's, else the next listed one's when its place
        // leaves room before that one, else the previous listed one's.
        let group: Vec<u32> = (0..ms.len())
            .map(|p| {
                if let Some((n, _)) = codes[p] {
                    return n;
                }
                let next = listed.iter().find(|(q, _)| *q > p);
                let prev = listed.iter().rev().find(|(q, _)| *q < p);
                match (next, prev) {
                    (Some(&(q, (n, k))), _) if k as usize > q - p => n,
                    (_, Some(&(_, (n, _)))) => n,
                    _ => no,
                }
            })
            .collect();
        let start = |p: usize| (0..=p).rev().take_while(|&q| group[q] == group[p]).last();
        let at_their_places = group[0] == no
            && listed
                .iter()
                .all(|&(p, (_, k))| start(p).is_some_and(|s| p - s + 1 == k as usize));
        if !at_their_places {
            i += 1;
            continue;
        }
        let mut rest: Vec<Measure> = objectives[i].measures.drain(..).collect();
        let mut runs: Vec<(u32, Vec<Measure>)> = Vec::new();
        for (m, n) in rest.drain(..).zip(group) {
            match runs.last_mut() {
                Some((last, run)) if *last == n => run.push(m),
                _ => runs.push((n, vec![m])),
            }
        }
        let mut runs = runs.into_iter();
        if let Some((_, own)) = runs.next() {
            objectives[i].measures = own;
        }
        let mut at = i;
        let mut these = Vec::new();
        for (n, run) in runs {
            these.push(format!("{n} ({} measure(s))", run.len()));
            open_after(objectives, at, n, run);
            opened.push(n);
            at += 1;
        }
        renumber(&mut objectives[i..=at]);
        problems.push(Problem {
            stage: crate::model::Stage::Reconcile,
            source: objectives[i].source.clone(),
            message: format!(
                "objective {no}'s rows hold the measures the evaluation lists under objectives the table lacks, each at its item's place (their texts alike, the table's codes only their places): opened {}, their № cells lost or unread",
                these.join(", ")
            ),
            message_mn: format!(
                "{no}-р зорилтын мөрүүдэд үнэлгээ хүснэгтэд байхгүй зорилтуудын дор жагсаасан арга хэмжээнүүд мөр бүрийнхээ байранд байна (текст нь адил, хүснэгтийн код нь зөвхөн байрлал): {} зорилтыг нээсэн, № нүд нь алдагдсан эсвэл уншигдаагүй",
                these.join(", ")
            ),
        });
        i = at + 1;
    }
    opened
}

/// Objectives the table lacks, whose numbers come next, holding measures of the one above:
/// their № cells were lost or unread and their rows read as more rows of the objective above.
/// The summary table counts each one's measures: cut by those counts from the front (the one
/// above's own count first) and from the back (the last lost one's first), each cut where a
/// table row ends, none of the measures with a written code, as far as the counts and the
/// rows agree; a lost one the cuts do not reach from either side (a measure of it, or of its
/// neighbours, lost too) stays with the measures between. `counts` are the summary's
/// (objective number, measures). Returns the numbers opened.
pub fn open_lost_by_summary(
    objectives: &mut Vec<Objective>,
    counts: &[(u32, usize)],
    problems: &mut Vec<Problem>,
) -> Vec<u32> {
    let count = |no: u32| {
        counts
            .iter()
            .find(|(n, _)| *n == no)
            .map(|(_, c)| *c)
            .filter(|c| *c >= 1)
    };
    let mut opened = Vec::new();
    let mut i = 0;
    while i < objectives.len() {
        let no = objectives[i].objective_no;
        let next_no = objectives.get(i + 1).map_or(u32::MAX, |o| o.objective_no);
        let table_has = |n: u32| objectives.iter().any(|o| o.objective_no == n);
        // The lost ones: the numbers after this one's, up to the table's next, that the
        // summary counts.
        let lost: Vec<u32> = (no.saturating_add(1)..next_no)
            .take_while(|&n| count(n).is_some() && !table_has(n))
            .collect();
        let ms = &objectives[i].measures;
        if lost.is_empty() || ms.len() < 2 || !ms.iter().all(positional) {
            i += 1;
            continue;
        }
        let row_ends_before = |c: usize| {
            let (a, b) = (&ms[c - 1], &ms[c]);
            (a.table_row, a.source.page) != (b.table_row, b.source.page)
        };
        let groups: Vec<u32> = std::iter::once(no).chain(lost.iter().copied()).collect();
        // Where each group starts: from the front while the counts fall on row ends…
        let mut starts: Vec<(u32, usize)> = vec![(no, 0)];
        let mut at = 0;
        let mut k = 0;
        while k + 1 < groups.len() {
            let Some(c) = count(groups[k]) else { break };
            if at + c >= ms.len() || !row_ends_before(at + c) {
                break;
            }
            at += c;
            k += 1;
            starts.push((groups[k], at));
        }
        // …then from the back, down to the last group the front reached.
        let mut from_back: Vec<(u32, usize)> = Vec::new();
        let mut end = ms.len();
        let mut j = groups.len() - 1;
        while j > k {
            let Some(c) = count(groups[j]) else { break };
            if c >= end - at || !row_ends_before(end - c) {
                break;
            }
            end -= c;
            from_back.push((groups[j], end));
            j -= 1;
        }
        // The group the cuts leave holds what is between them: a count of its own that says
        // otherwise stops it all, unless cuts from both sides bracket it (a measure of it lost).
        let (front_cuts, back_cuts) = (k, from_back.len());
        let left_size = from_back.last().map_or(ms.len(), |s| s.1) - at;
        let left_contradicted = count(groups[k]).is_some_and(|c| c != left_size);
        starts.extend(from_back.into_iter().rev());
        if starts.len() < 2 || (left_contradicted && (front_cuts == 0 || back_cuts == 0)) {
            i += 1;
            continue;
        }
        let n_rows = ms.len();
        let mut rest: Vec<Measure> = objectives[i].measures.drain(starts[1].1..).collect();
        let mut these = Vec::new();
        let mut pos = i;
        for w in 1..starts.len() {
            let (n, start) = starts[w];
            let stop = starts.get(w + 1).map_or(n_rows, |s| s.1);
            let tail = rest.split_off(stop - start);
            let run = std::mem::replace(&mut rest, tail);
            these.push(format!("{n} ({} measure(s))", run.len()));
            open_after(objectives, pos, n, run);
            opened.push(n);
            pos += 1;
        }
        problems.push(Problem {
            stage: crate::model::Stage::Reconcile,
            source: objectives[i].source.clone(),
            message: format!(
                "objective {no}'s rows hold {n_rows} measure(s); the summary table counts its own and those of objectives the table lacks, which fall on the rows' ends: opened {} (their № cells lost or unread)",
                these.join(", ")
            ),
            message_mn: format!(
                "{no}-р зорилтын мөрүүдэд {n_rows} арга хэмжээ байна; нэгтгэл хүснэгт түүний өөрийнх болон хүснэгтэд байхгүй зорилтуудынхыг тоолсон нь мөрүүдийн төгсгөлд таарч байна: {} зорилтыг нээсэн (№ нүд нь алдагдсан эсвэл уншигдаагүй)",
                these.join(", ")
            ),
        });
        i = pos + 1;
    }
    opened
}

/// Objective `no`, holding `measures`, put after objective `i`; both renumbered.
fn open_after(objectives: &mut Vec<Objective>, i: usize, no: u32, measures: Vec<Measure>) {
    objectives.insert(i + 1, Objective::opened_with(no, measures));
    renumber(&mut objectives[i..i + 2]);
}

/// The measure numbered by its place only (no code written in its cell).
fn positional(m: &Measure) -> bool {
    !m.code_written
}

/// Move `k` measures from the end of the first objective to the start of the second (`k` < 0:
/// from the start of the second to the end of the first); returns the moves as "code → objective N".
fn shift(pair: &mut [Objective], k: isize) -> Vec<String> {
    let (first, second) = pair.split_at_mut(1);
    let (first, second) = (&mut first[0], &mut second[0]);
    let moved: Vec<String>;
    if k > 0 {
        let len = first.measures.len();
        let tail: Vec<Measure> = first.measures.drain(len - k as usize..).collect();
        moved = tail
            .iter()
            .map(|m| format!("{} → objective {}", m.code, second.objective_no))
            .collect();
        second.measures.splice(0..0, tail);
    } else {
        let head: Vec<Measure> = second.measures.drain(..(-k) as usize).collect();
        moved = head
            .iter()
            .map(|m| format!("{} → objective {}", m.code, first.objective_no))
            .collect();
        first.measures.extend(head);
    }
    moved
}

/// On a scan, an objective with more measures than its summary row counts, `k` more, whose
/// table holds exactly `k` places where a measure's text ends without the infinitive's "-х"
/// (a measure is an action: "… зохион байгуулах") and the next measure of the same row, with
/// no written code either, goes on from it: OCR read the next line's small letter as a
/// capital ("Салбарын хэмжээнд" / "Худалдан авах …"), which started a measure. Each such pair
/// is one measure again. The summary's count is the author's word; the text's shape says
/// where. Returns the joins, as "code + code".
pub fn join_split_by_summary(objectives: &mut [Objective]) -> Vec<String> {
    let ends_action = |m: &Measure| {
        m.text
            .text
            .trim_end()
            .trim_end_matches(['.', ',', ';'])
            .ends_with(['х', 'Х'])
    };
    let mut joined = Vec::new();
    for o in objectives.iter_mut() {
        let Some(n) = o
            .n_measures_stated
            .as_ref()
            .map(|s| s.value)
            .filter(|n| *n >= 1.0 && n.fract() == 0.0)
        else {
            continue;
        };
        let surplus = o.measures.len().saturating_sub(n as usize);
        let cut: Vec<usize> = (1..o.measures.len())
            .filter(|&j| {
                let (a, b) = (&o.measures[j - 1], &o.measures[j]);
                positional(a)
                    && positional(b)
                    && !ends_action(a)
                    && a.table_row == b.table_row
                    && a.source.page == b.source.page
            })
            .collect();
        if surplus == 0 || cut.len() != surplus {
            continue;
        }
        let mut here = Vec::new();
        for &j in cut.iter().rev() {
            let b = o.measures.remove(j);
            let a = &mut o.measures[j - 1];
            here.push(format!("{} + {}", a.code, b.code));
            // The capital that started it was OCR's: the text goes on in lowercase.
            let rest = b.text.text.trim_start();
            let mut chars = rest.chars();
            let first: String = chars
                .next()
                .into_iter()
                .flat_map(char::to_lowercase)
                .collect();
            a.text.text = format!("{} {first}{}", a.text.text.trim_end(), chars.as_str());
            a.text.raw = None;
            for (mine, theirs) in [
                (&mut a.target, b.target),
                (&mut a.implementation, b.implementation),
            ] {
                if mine.is_empty() {
                    *mine = theirs;
                }
            }
            a.score_table = a.score_table.take().or(b.score_table);
            a.score_self = a.score_self.take().or(b.score_self);
            if a.score.is_none() {
                (a.score, a.score_source, a.not_due) = (b.score, b.score_source, b.not_due);
            }
        }
        here.reverse();
        joined.extend(here);
        renumber(std::slice::from_mut(o));
    }
    joined
}

/// Objective numbers and places set anew; codes too where they were places only.
fn renumber(objectives: &mut [Objective]) {
    for o in objectives {
        for (j, m) in o.measures.iter_mut().enumerate() {
            m.objective_no = o.objective_no;
            m.measure_no = j as u32 + 1;
            if positional(m) {
                m.code = format!("{}.{}", m.objective_no, m.measure_no);
            }
        }
    }
}

/// Consecutive objectives whose measures the plan table splits other than the summary table
/// counts them, their sum the same ("4, 3, 2" where the summary says "3, 3, 3"), are split as
/// the summary counts them: the measures between a table edge and the summary's move, when
/// every one of them is numbered by place only and the evaluation does not list it under its
/// present code. The summary's counts are the author's word on the grouping the PDF did not
/// draw; a single miscount in the summary changes the sum and moves nothing. Returns how many
/// moved.
pub fn regroup_by_summary(
    objectives: &mut [Objective],
    eval: &Evaluation,
    problems: &mut Vec<Problem>,
) -> usize {
    let listed_here = |m: &Measure| {
        eval.items
            .iter()
            .any(|i| i.code == m.code && similarity(&i.text.text, &m.text.text) >= SURELY_SAME_TEXT)
    };
    let stated = |o: &Objective| {
        o.n_measures_stated
            .as_ref()
            .map(|s| s.value)
            .filter(|n| *n >= 1.0 && n.fract() == 0.0)
            .map(|n| n as usize)
    };
    let mut moved: Vec<String> = Vec::new();
    let (mut start, mut surplus) = (0, 0isize);
    for end in 0..objectives.len() {
        let Some(n) = stated(&objectives[end]) else {
            (start, surplus) = (end + 1, 0);
            continue;
        };
        surplus += objectives[end].measures.len() as isize - n as isize;
        if surplus != 0 {
            continue;
        }
        let run = &mut objectives[start..=end];
        // The run's measures in order, and the objective each stands under now and would.
        let counts: Vec<usize> = run.iter().filter_map(stated).collect();
        let now: Vec<usize> = run
            .iter()
            .enumerate()
            .flat_map(|(k, o)| std::iter::repeat_n(k, o.measures.len()))
            .collect();
        let then: Vec<usize> = counts
            .iter()
            .enumerate()
            .flat_map(|(k, &n)| std::iter::repeat_n(k, n))
            .collect();
        let all: Vec<&Measure> = run.iter().flat_map(|o| &o.measures).collect();
        let changes: Vec<usize> = (0..all.len()).filter(|&j| now[j] != then[j]).collect();
        if !changes.is_empty()
            && changes
                .iter()
                .all(|&j| positional(all[j]) && !listed_here(all[j]))
        {
            moved.extend(
                changes
                    .iter()
                    .map(|&j| format!("{} → objective {}", all[j].code, run[then[j]].objective_no)),
            );
            let mut measures: Vec<Measure> =
                run.iter_mut().flat_map(|o| o.measures.drain(..)).collect();
            for (o, &n) in run.iter_mut().zip(&counts) {
                o.measures = measures.drain(..n).collect();
            }
            renumber(run);
        }
        start = end + 1;
    }
    if let (false, Some(o)) = (moved.is_empty(), objectives.first()) {
        problems.push(Problem {
            stage: crate::model::Stage::Reconcile,
            source: o.source.clone(),
            message: format!(
                "{} measure(s) stood in the plan table under the objective next to the one the summary table counts them under (the objectives' counts summing alike, the table's codes only their places); moved: {}",
                moved.len(),
                moved.join(", ")
            ),
            message_mn: format!(
                "{} арга хэмжээ төлөвлөгөөний хүснэгтэд нэгтгэл хүснэгтийн тоолсон зорилтын хөрш зорилтын дор байсан (зорилтуудын тоонуудын нийлбэр адил, хүснэгтийн код нь зөвхөн байрлал); шилжүүлсэн: {}",
                moved.len(),
                moved.join(", ")
            ),
        });
    }
    moved.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NarrativeItem, Source, Text, TextScope};

    fn text(s: &str) -> Text {
        Text {
            text: s.into(),
            ..Default::default()
        }
    }

    fn measure(objective_no: u32, place: u32, words: &str, code_written: bool) -> Measure {
        Measure {
            objective_no,
            measure_no: place,
            code: format!("{objective_no}.{place}"),
            code_written,
            text: text(words),
            target: Text::default(),
            implementation: Text::default(),
            text_scope: TextScope::Measure,
            table_row: place,
            source: Source::default(),
            score: None,
            score_source: None,
            score_table: None,
            score_self: None,
            score_narrative: None,
            not_due: false,
            narrative: None,
        }
    }

    fn objective(no: u32, measures: Vec<Measure>) -> Objective {
        Objective {
            objective_no: no,
            text: Text::default(),
            measures,
            source: Source::default(),
            score_table: None,
            score_self: None,
            score_summary: None,
            n_measures_stated: None,
            band_counts_stated: Vec::new(),
            band_counts_unplaced: None,
            row_scores: Vec::new(),
        }
    }

    fn item(code: &str, words: &str) -> NarrativeItem {
        NarrativeItem {
            code: code.into(),
            text: text(words),
            score: None,
            not_due: false,
            heading: None,
            source: Source::default(),
            raw: String::new(),
        }
    }

    const TEXTS: [&str; 4] = [
        "Орон нутагт зөвлөмжийн биелэлтийг сайжруулах ажлыг зохион байгуулах",
        "Хууль тогтоомжийн дагуу зөвлөмжийн биелэлтийг хэлэлцүүлэх",
        "Хүний нөөцийн бодлогыг шударга хэрэгжүүлэх арга хэмжээ авах",
        "Төсвийн хөрөнгийн зарцуулалтад хяналт тавьж тайлагнах",
    ];

    /// Objective 1's rows hold four measures; the evaluation lists the last two under 2.
    fn lost_objective(code_written: bool) -> (Vec<Objective>, Evaluation) {
        let ms = TEXTS
            .iter()
            .enumerate()
            .map(|(p, t)| measure(1, p as u32 + 1, t, code_written))
            .collect();
        let eval = Evaluation {
            items: vec![
                item("1.1", TEXTS[0]),
                item("1.2", TEXTS[1]),
                item("2.1", TEXTS[2]),
                item("2.2", TEXTS[3]),
            ],
            ..Default::default()
        };
        (vec![objective(1, ms)], eval)
    }

    #[test]
    fn measures_numbered_by_place_go_to_the_objective_their_items_name() {
        let (mut objectives, eval) = lost_objective(false);
        let mut problems = Vec::new();
        let opened = split_by_item_codes(&mut objectives, &eval, &[], &mut problems);
        assert_eq!(opened, vec![2]);
        let shape: Vec<(u32, Vec<String>)> = objectives
            .iter()
            .map(|o| {
                (
                    o.objective_no,
                    o.measures.iter().map(|m| m.code.clone()).collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            vec![
                (1, vec!["1.1".to_string(), "1.2".to_string()]),
                (2, vec!["2.1".to_string(), "2.2".to_string()])
            ]
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
    }

    #[test]
    fn codes_written_in_the_table_are_never_overridden() {
        let (mut objectives, eval) = lost_objective(true);
        let mut problems = Vec::new();
        let opened = split_by_item_codes(&mut objectives, &eval, &[], &mut problems);
        assert!(opened.is_empty());
        assert_eq!(objectives.len(), 1);
        assert_eq!(objectives[0].measures.len(), 4);
        assert!(problems.is_empty());
    }

    #[test]
    fn an_objective_the_table_has_is_not_opened_again() {
        let (mut objectives, eval) = lost_objective(false);
        objectives.push(objective(2, vec![measure(2, 1, "Өөр арга хэмжээ", true)]));
        let mut problems = Vec::new();
        let opened = split_by_item_codes(&mut objectives, &eval, &[], &mut problems);
        assert!(opened.is_empty());
        assert_eq!(objectives[0].measures.len(), 4);
    }
}
