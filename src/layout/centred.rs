//! Cells merged down several rows of a table whose cells are centred vertically.
//!
//! Enters: the lines of a table without rules (their heights, which columns hold text on each,
//! which span the table) and its rows (the first line of each). Leaves: for each line and
//! column, the row its text belongs to.
//!
//! A PDF has no row spans. A cell merged down an objective's rows (its number, its activity)
//! shows as one text block; a producer that centres cells sets it at the middle of the rows it
//! spans, so it lands in a middle row, and the rows above it look as if they belonged to the
//! objective before. Here each block is given the rows it is centred on, and its text goes to
//! the first of them, where a producer that sets cells at the top would have put it. Tables
//! whose cells start at the top keep their rows as they are.

/// What this stage needs of a line.
pub(super) struct LineBox {
    pub(super) top: f64,
    pub(super) bottom: f64,
    pub(super) size: f64,
    /// Which columns hold text on this line.
    pub(super) filled: Vec<bool>,
    /// A line spanning the table's columns (a heading row): no span crosses it.
    pub(super) spanning: bool,
}

/// Rows as line ranges: `starts[i]` is row i's first line.
fn row_of(starts: &[usize], line: usize) -> usize {
    starts.partition_point(|&s| s <= line).saturating_sub(1)
}

/// A column's text block: consecutive lines of one cell.
struct Block {
    lines: Vec<usize>,
    top: f64,
    bottom: f64,
}

/// The text blocks of column `c`: its lines, split where the gap between two of them is wider
/// than `gap`, at a spanning line, or at a row whose own start line holds text there.
fn blocks(lines: &[LineBox], starts: &[usize], c: usize, gap: f64) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for (k, l) in lines.iter().enumerate() {
        if !l.filled[c] || l.spanning {
            continue;
        }
        let goes_on = out.last().is_some_and(|b| {
            let last = b.lines[b.lines.len() - 1];
            l.top - b.bottom <= gap
                && !(last + 1..=k).any(|j| lines[j].spanning)
                && !(starts.contains(&k) && row_of(starts, last) != row_of(starts, k))
        });
        match out.last_mut() {
            Some(b) if goes_on => {
                b.lines.push(k);
                b.bottom = b.bottom.max(l.bottom);
            }
            _ => out.push(Block {
                lines: vec![k],
                top: l.top,
                bottom: l.bottom,
            }),
        }
    }
    out
}

/// Blocks that share a row are one cell's paragraphs: one block.
fn cells(blocks: Vec<Block>, starts: &[usize]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for b in blocks {
        let shares = out.last().is_some_and(|last: &Block| {
            row_of(starts, last.lines[last.lines.len() - 1]) >= row_of(starts, b.lines[0])
        });
        match out.last_mut() {
            Some(last) if shares => {
                last.lines.extend(b.lines);
                last.bottom = last.bottom.max(b.bottom);
            }
            _ => out.push(b),
        }
    }
    out
}

/// Are the table's cells centred vertically? In rows where one cell is taller than another by
/// a line or more, compare the short cell with the tall one: same middle (centred) or same
/// top (set at the top).
fn is_centred(lines: &[LineBox], starts: &[usize], n: usize, gap: f64) -> bool {
    let mut centred = 0;
    let mut at_top = 0;
    let per_column: Vec<Vec<Block>> = (0..n).map(|c| blocks(lines, starts, c, gap)).collect();
    for row in 0..starts.len() {
        let in_row: Vec<&Block> = per_column
            .iter()
            .flatten()
            .filter(|b| b.lines.iter().all(|&k| row_of(starts, k) == row))
            .collect();
        let Some(tall) = in_row
            .iter()
            .max_by(|a, b| (a.bottom - a.top).total_cmp(&(b.bottom - b.top)))
        else {
            continue;
        };
        let size = lines[tall.lines[0]].size;
        for b in &in_row {
            if (tall.bottom - tall.top) - (b.bottom - b.top) < 0.9 * size {
                continue;
            }
            let mid = |b: &Block| (b.top + b.bottom) / 2.0;
            if (mid(b) - mid(tall)).abs() < 0.3 * size {
                centred += 1;
            } else if (b.top - tall.top).abs() < 0.3 * size {
                at_top += 1;
            }
        }
    }
    centred >= 2 && centred > 2 * at_top
}

/// For each line and column, the row its text belongs to.
/// `continues`: the table goes on from the page before, so its first rows may belong to a
/// cell merged down from there.
pub(super) fn owners(
    lines: &[LineBox],
    starts: &[usize],
    n: usize,
    gap: f64,
    continues: bool,
) -> Vec<Vec<usize>> {
    let mut owner: Vec<Vec<usize>> = (0..lines.len())
        .map(|k| vec![row_of(starts, k); n])
        .collect();
    if starts.is_empty() || !is_centred(lines, starts, n, gap) {
        return owner;
    }
    let rows = starts.len();
    let row_top = |i: usize| lines[starts[i]].top;
    let row_bottom = |i: usize| {
        let end = starts.get(i + 1).copied().unwrap_or(lines.len());
        lines[starts[i]..end]
            .iter()
            .map(|l| l.bottom)
            .fold(f64::NEG_INFINITY, f64::max)
    };
    let spanning_row = |i: usize| {
        let end = starts.get(i + 1).copied().unwrap_or(lines.len());
        lines[starts[i]..end].iter().any(|l| l.spanning)
    };
    let table = Rows {
        top: &row_top,
        bottom: &row_bottom,
        spanning: &spanning_row,
        count: rows,
        continues,
    };
    let moves: Vec<(usize, usize, usize)> = (0..n)
        .flat_map(|c| {
            let bs = cells(blocks(lines, starts, c, gap), starts);
            spans(&bs, &table, lines, starts)
                .into_iter()
                .flat_map(|(b, first)| bs[b].lines.iter().map(move |&k| (k, c, first)))
                .collect::<Vec<_>>()
        })
        .collect();
    for (k, c, first) in moves {
        owner[k][c] = first;
    }
    owner
}

/// A table's rows as the span search sees them.
struct Rows<'a> {
    top: &'a dyn Fn(usize) -> f64,
    bottom: &'a dyn Fn(usize) -> f64,
    spanning: &'a dyn Fn(usize) -> bool,
    count: usize,
    continues: bool,
}

/// Each block's span of rows, by dynamic programming over the blocks in order: a span holds
/// the rows of the block's own lines, spans do not overlap nor cross a spanning row, and the
/// cost is how far each span's middle is from its block's middle, plus a quarter line for each
/// row left without a block. Returns (block, first row of its span).
fn spans(bs: &[Block], table: &Rows, lines: &[LineBox], starts: &[usize]) -> Vec<(usize, usize)> {
    let (rows, row_top, row_bottom, spanning_row) =
        (table.count, table.top, table.bottom, table.spanning);
    if bs.is_empty() {
        return Vec::new();
    }
    let own: Vec<(usize, usize)> = bs
        .iter()
        .map(|b| {
            (
                row_of(starts, b.lines[0]),
                row_of(starts, b.lines[b.lines.len() - 1]),
            )
        })
        .collect();

    let size = lines[bs[0].lines[0]].size;
    let uncovered = 0.25 * size;
    // best[k][e]: least cost with blocks 0..k placed and rows 0..e decided.
    let inf = f64::INFINITY;
    let mut best = vec![vec![inf; rows + 1]; bs.len() + 1];
    let mut choice = vec![vec![(0usize, 0usize); rows + 1]; bs.len() + 1];
    best[0][0] = 0.0;
    // Rows above the first block: free when a cell merged down from the page before holds
    // them.
    let leading = if table.continues { 0.0 } else { uncovered };
    for e in 1..=rows {
        best[0][e] = best[0][e - 1] + leading;
    }
    for k in 0..bs.len() {
        let (lo, hi) = own[k];
        let mid = (bs[k].top + bs[k].bottom) / 2.0;
        for from in 0..=lo {
            if best[k][from] == inf {
                continue;
            }
            for s in from..=lo {
                if (s..lo).any(spanning_row) {
                    continue;
                }
                let skipped = (s - from) as f64 * uncovered;
                for e in hi..rows {
                    if e > hi && spanning_row(e) {
                        break;
                    }
                    let cost =
                        best[k][from] + skipped + ((row_top(s) + row_bottom(e)) / 2.0 - mid).abs();
                    if cost < best[k + 1][e + 1] {
                        best[k + 1][e + 1] = cost;
                        choice[k + 1][e + 1] = (from, s);
                    }
                }
            }
        }
        // Rows after the last span decided may stay uncovered.
        for e in 1..=rows {
            let carried = best[k + 1][e - 1] + uncovered;
            if carried < best[k + 1][e] {
                best[k + 1][e] = carried;
                choice[k + 1][e] = (usize::MAX, e - 1);
            }
        }
    }
    if best[bs.len()][rows] == inf {
        return Vec::new();
    }
    // Walk back from the end.
    let mut out = Vec::with_capacity(bs.len());
    let (mut k, mut e) = (bs.len(), rows);
    while k > 0 {
        let (from, s) = choice[k][e];
        if from == usize::MAX {
            e = s;
            continue;
        }
        out.push((k - 1, s));
        k -= 1;
        e = from;
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(top: f64, filled: &[bool]) -> LineBox {
        LineBox {
            top,
            bottom: top + 10.0,
            size: 10.0,
            filled: filled.to_vec(),
            spanning: false,
        }
    }

    /// Three rows of a measure cell three lines tall (column 1) with a score centred on each
    /// (column 2), the objective's number (column 0) centred on all three rows: it stands on
    /// the middle row's middle line.
    fn merged_table() -> (Vec<LineBox>, Vec<usize>) {
        let mut lines = Vec::new();
        let mut starts = Vec::new();
        for r in 0..3 {
            let top = 100.0 + 40.0 * r as f64;
            starts.push(lines.len());
            lines.push(line(top, &[false, true, false]));
            lines.push(line(top + 11.0, &[r == 1, true, true]));
            lines.push(line(top + 22.0, &[false, true, false]));
        }
        (lines, starts)
    }

    #[test]
    fn a_block_centred_on_three_rows_goes_to_the_first() {
        let (lines, starts) = merged_table();
        let owner = owners(&lines, &starts, 3, 3.0, false);
        // Line 4 (the middle row's middle line) holds the number: it goes to row 0.
        assert_eq!(owner[4][0], 0);
        // The measure cells stay in their rows.
        assert_eq!(owner[4][1], 1);
        assert_eq!(owner[7][1], 2);
    }

    #[test]
    fn a_table_set_at_the_top_keeps_its_rows() {
        // The number and the scores on each row's first line: nothing moves.
        let (mut lines, starts) = merged_table();
        for (k, l) in lines.iter_mut().enumerate() {
            l.filled[2] = starts.contains(&k);
            l.filled[0] = k == 3;
        }
        let owner = owners(&lines, &starts, 3, 3.0, false);
        assert_eq!(owner[3][0], 1);
        assert_eq!(owner[6][2], 2);
    }

    #[test]
    fn a_part_after_a_page_break_may_begin_in_a_cell_merged_from_the_page_before() {
        // Seven rows; objectives' numbers centred on rows 1-3 and 4-6; row 0 ends the
        // objective the page before began.
        let mut lines = Vec::new();
        let mut starts = Vec::new();
        for r in 0..7 {
            let top = 100.0 + 40.0 * r as f64;
            starts.push(lines.len());
            lines.push(line(top, &[false, true, false]));
            lines.push(line(top + 11.0, &[r == 2 || r == 5, true, true]));
            lines.push(line(top + 22.0, &[false, true, false]));
        }
        let owner = owners(&lines, &starts, 3, 3.0, true);
        assert_eq!(owner[7][0], 1);
        assert_eq!(owner[16][0], 4);
    }
}
