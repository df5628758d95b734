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
/// top (set at the top). Compared paragraph by paragraph, two cells' paragraphs may start on
/// one line by chance (a measure's and its target's, in cells of several measures); compared
/// whole, a cell of several measures split over rows by its paragraph gaps looks set at the
/// top of what its row holds. Either way showing the cells centred is enough: set at the top,
/// a short cell's middle is never a taller one's. A row the page end cuts (`at_page_end`) does
/// not vote: a producer may set what the page holds of it at the top.
fn is_centred(lines: &[LineBox], starts: &[usize], n: usize, gap: f64, at_page_end: bool) -> bool {
    let paragraphs: Vec<Vec<Block>> = (0..n).map(|c| blocks(lines, starts, c, gap)).collect();
    let whole: Vec<Vec<Block>> = (0..n)
        .map(|c| cells(blocks(lines, starts, c, gap), starts))
        .collect();
    [paragraphs, whole].iter().any(|per_column| {
        let voting = if at_page_end {
            starts.len().saturating_sub(1)
        } else {
            starts.len()
        };
        let (centred, at_top) = alignment_votes(lines, starts, voting, per_column);
        centred >= 2 && centred > 2 * at_top
    })
}

/// Short blocks of rows `0..rows` centred on a taller block of their row, and set at the top of
/// its tallest.
fn alignment_votes(
    lines: &[LineBox],
    starts: &[usize],
    rows: usize,
    per_column: &[Vec<Block>],
) -> (usize, usize) {
    let mut centred = 0;
    let mut at_top = 0;
    for row in 0..rows {
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
        let height = |b: &Block| b.bottom - b.top;
        let mid = |b: &Block| (b.top + b.bottom) / 2.0;
        for b in &in_row {
            if height(tall) - height(b) < 0.9 * size {
                continue;
            }
            // Centred on the tallest or on another block taller by a line (the middle one of
            // a cell's paragraphs, when a paragraph gap split the cell over two rows): set at
            // the top, a short block's middle is above any taller one's.
            let on_taller = in_row
                .iter()
                .filter(|t| height(t) - height(b) >= 0.9 * size)
                .any(|t| (mid(b) - mid(t)).abs() < 0.3 * size);
            if on_taller {
                centred += 1;
            } else if (b.top - tall.top).abs() < 0.3 * size {
                at_top += 1;
            }
        }
    }
    (centred, at_top)
}

/// For each line and column, the row its text belongs to.
/// `continues`: the table goes on from the page before, so its first rows may belong to a
/// cell merged down from there; `at_page_end`: the page ends the table, and may cut its last
/// merged cell.
pub(super) fn owners(
    lines: &[LineBox],
    starts: &[usize],
    n: usize,
    gap: f64,
    (continues, at_page_end): (bool, bool),
) -> Vec<Vec<usize>> {
    let mut owner: Vec<Vec<usize>> = (0..lines.len())
        .map(|k| vec![row_of(starts, k); n])
        .collect();
    if starts.is_empty() || !is_centred(lines, starts, n, gap, at_page_end) {
        return owner;
    }
    let rows = starts.len();
    let spanning_row = |i: usize| {
        let end = starts.get(i + 1).copied().unwrap_or(lines.len());
        lines[starts[i]..end].iter().any(|l| l.spanning)
    };
    let column_spans = |extents: &[(f64, f64)]| -> Vec<(Vec<Block>, Vec<Span>)> {
        let row_top = |i: usize| extents[i].0;
        let row_bottom = |i: usize| extents[i].1;
        let table = Rows {
            top: &row_top,
            bottom: &row_bottom,
            spanning: &spanning_row,
            count: rows,
            continues,
            at_page_end,
        };
        (0..n)
            .map(|c| {
                let bs = cells(blocks(lines, starts, c, gap), starts);
                let found = spans(&bs, &table, lines, starts);
                (bs, found)
            })
            .collect()
    };
    // A row's height is its own cells': a cell merged down several rows and centred on them
    // may reach into a row from the one above (an objective's name beside its first measure,
    // over the next measure's first line) and make that row look taller than it is, so that a
    // figure centred on the row itself seems centred on it and the row before. The rows are
    // measured with every line first, then again without the lines of the cells found merged.
    let extents = |merged: &[Vec<bool>]| -> Vec<(f64, f64)> {
        (0..rows)
            .map(|i| {
                let end = starts.get(i + 1).copied().unwrap_or(lines.len());
                let own: Vec<&LineBox> = (starts[i]..end)
                    .filter(|&k| (0..n).any(|c| lines[k].filled[c] && !merged[k][c]))
                    .map(|k| &lines[k])
                    .collect();
                let all: Vec<&LineBox> = lines[starts[i]..end].iter().collect();
                let of = if own.is_empty() { all } else { own };
                (
                    of.iter().map(|l| l.top).fold(f64::INFINITY, f64::min),
                    of.iter()
                        .map(|l| l.bottom)
                        .fold(f64::NEG_INFINITY, f64::max),
                )
            })
            .collect()
    };
    let none = vec![vec![false; n]; lines.len()];
    let mut row_extents = extents(&none);
    let mut per_column = column_spans(&row_extents);
    let mut merged_lines = none.clone();
    for (c, (bs, found)) in per_column.iter().enumerate() {
        for s in found.iter().filter(|s| s.end - s.first >= 2) {
            for &k in &bs[s.block].lines {
                merged_lines[k][c] = true;
            }
        }
    }
    if merged_lines != none {
        row_extents = extents(&merged_lines);
        per_column = column_spans(&row_extents);
    }
    let row_top = |i: usize| row_extents[i].0;
    let row_bottom = |i: usize| row_extents[i].1;
    // A first column with a cell of its own on every row (a summary table's names, numbers
    // repeated on every row) leaves no row to share: figures centred on several rows by the
    // chance of equal heights keep their rows.
    let first_starts: std::collections::BTreeSet<usize> = per_column
        .first()
        .iter()
        .flat_map(|(bs, _)| bs.iter().map(|b| rows_of_block(b, starts).0))
        .collect();
    if first_starts.len() == rows {
        return owner;
    }
    // A column left of merged cells whose blocks are too few to tile the rows by themselves
    // (an objective's number, where the page holds one objective) follows their spans: each
    // block centred on one of them goes to its first row.
    let merged: Vec<(usize, usize)> = per_column
        .iter()
        .flat_map(|(_, found)| found.iter().map(|s| (s.first, s.end)))
        .filter(|(first, end)| end - first >= 2)
        .collect();
    let first_merged = per_column
        .iter()
        .position(|(_, found)| found.iter().any(|s| s.end - s.first >= 2));
    let tolerance = lines.first().map_or(0.0, |l| 0.5 * l.size);
    for (c, (bs, found)) in per_column.iter().enumerate() {
        let moves: Vec<(usize, usize)> = if !found.is_empty() {
            found.iter().map(|s| (s.block, s.first)).collect()
        } else if first_merged.is_some_and(|m| c < m) {
            bs.iter()
                .enumerate()
                .filter_map(|(i, b)| {
                    let (lo, hi) = rows_of_block(b, starts);
                    let mid = (b.top + b.bottom) / 2.0;
                    merged
                        .iter()
                        .find(|&&(first, end)| {
                            first <= lo
                                && hi < end
                                && ((row_top(first) + row_bottom(end - 1)) / 2.0 - mid).abs()
                                    <= tolerance
                        })
                        .map(|&(first, _)| (i, first))
                })
                .collect()
        } else {
            // No tiling of centred spans (a producer that does not centre a merged cell on
            // all its rows, a total row below no block): a block standing across a row's start
            // is still a merged cell, and goes to the first row it stands in.
            bs.iter()
                .enumerate()
                .filter_map(|(i, b)| {
                    let (lo, hi) = rows_of_block(b, starts);
                    (lo < hi).then_some((i, lo))
                })
                .collect()
        };
        for (i, first) in moves {
            for &k in &bs[i].lines {
                owner[k][c] = first;
            }
        }
    }
    owner
}

/// The rows (first, last) a block's lines stand in.
fn rows_of_block(b: &Block, starts: &[usize]) -> (usize, usize) {
    (
        row_of(starts, b.lines[0]),
        row_of(starts, b.lines[b.lines.len() - 1]),
    )
}

/// A block's span of rows: `first..end`.
#[derive(Debug)]
struct Span {
    block: usize,
    first: usize,
    end: usize,
}

/// A table's rows as the span search sees them.
struct Rows<'a> {
    top: &'a dyn Fn(usize) -> f64,
    bottom: &'a dyn Fn(usize) -> f64,
    spanning: &'a dyn Fn(usize) -> bool,
    count: usize,
    continues: bool,
    at_page_end: bool,
}

/// Each block's span of rows, if the column is one of cells merged down: by dynamic
/// programming over the blocks in order, the spans tile the rows (each holds its block's own
/// rows; none crosses a spanning row, which needs none), and each span's middle is its
/// block's middle within half a line. Rows above the first block may stay without one when
/// the table goes on from the page before, rows below the last when the page ends the table
/// (there the last block may stand at the top of the span the page end cuts, as LibreOffice
/// sets it). A column of a few figures in otherwise empty cells (a band's counts) cannot tile the rows
/// with centred spans: it keeps its rows. Returns each block's span, or nothing.
fn spans(bs: &[Block], table: &Rows, lines: &[LineBox], starts: &[usize]) -> Vec<Span> {
    let (rows, row_top, row_bottom, spanning_row) =
        (table.count, table.top, table.bottom, table.spanning);
    let own: Vec<(usize, usize)> = bs.iter().map(|b| rows_of_block(b, starts)).collect();
    // One block is a merged cell only when it stands across a row's start; a cell in the
    // table's first row above it (its header, when the table begins on this page) proves no
    // more: one count in the middle of three equal rows is centred on all three. On a page
    // that goes on from the one before, the rows above a lone block may end the objective
    // begun there, and those below it are its own: centred, it spans as many above as below.
    let below_first: Vec<&(usize, usize)> = own
        .iter()
        .filter(|(lo, _)| table.continues || *lo > 0)
        .collect();
    let lone_within = below_first.len() == 1 && below_first[0].0 == below_first[0].1;
    if bs.is_empty()
        || (!table.continues && (lone_within || (bs.len() < 2 && own[0].0 == own[0].1)))
    {
        return Vec::new();
    }
    let size = lines[bs[0].lines[0]].size;
    let tolerance = 0.5 * size;
    let inf = f64::INFINITY;
    // best[k][e]: least total miss with blocks 0..k placed and rows 0..e tiled.
    let mut best = vec![vec![inf; rows + 1]; bs.len() + 1];
    let mut choice = vec![vec![0usize; rows + 1]; bs.len() + 1];
    best[0][0] = 0.0;
    for e in 1..=rows {
        let free = table.continues || spanning_row(e - 1);
        if free && best[0][e - 1] < inf {
            best[0][e] = best[0][e - 1];
        }
    }
    for k in 0..bs.len() {
        let (lo, hi) = own[k];
        let mid = (bs[k].top + bs[k].bottom) / 2.0;
        for from in 0..=lo {
            if best[k][from] == inf || (from..lo).any(spanning_row) {
                continue;
            }
            for e in hi..rows {
                if e > hi && spanning_row(e) {
                    break;
                }
                let mut miss = ((row_top(from) + row_bottom(e)) / 2.0 - mid).abs();
                // A cell the page end cuts has its text at the top of what this page holds,
                // beside the first row's other cells (a line of its own between two rows is
                // centred, not set at the top).
                let beside_others = {
                    let end = starts.get(from + 1).copied().unwrap_or(lines.len());
                    (starts[from]..end).any(|l| !bs[k].lines.contains(&l))
                };
                if table.at_page_end
                    && k + 1 == bs.len()
                    && e + 1 == rows
                    && (bs[k].top - row_top(from)).abs() < tolerance
                    && beside_others
                {
                    miss = 0.0;
                }
                if miss > tolerance {
                    continue;
                }
                if best[k][from] + miss < best[k + 1][e + 1] {
                    best[k + 1][e + 1] = best[k][from] + miss;
                    choice[k + 1][e + 1] = from;
                }
            }
        }
        // Spanning rows between spans need no block.
        for e in 1..=rows {
            if spanning_row(e - 1) && best[k + 1][e - 1] < best[k + 1][e] {
                best[k + 1][e] = best[k + 1][e - 1];
                choice[k + 1][e] = usize::MAX;
            }
        }
    }
    // The end: all rows tiled (the page end cuts the last span, it does not free the rows
    // below it: a summary table's count centred on three rows of nine would tile them so).
    if best[bs.len()][rows] == inf {
        return Vec::new();
    }
    let mut e = rows;
    let mut out = Vec::with_capacity(bs.len());
    let mut k = bs.len();
    while k > 0 {
        let from = choice[k][e];
        if from == usize::MAX {
            e -= 1;
            continue;
        }
        out.push(Span {
            block: k - 1,
            first: from,
            end: e,
        });
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

    /// `rows` rows of a measure cell three lines tall (column 1) with a score centred on each
    /// (column 2); the objectives' numbers (column 0) stand on the middle line of the rows in
    /// `numbered`.
    fn table(rows: usize, numbered: &[usize]) -> (Vec<LineBox>, Vec<usize>) {
        let mut lines = Vec::new();
        let mut starts = Vec::new();
        for r in 0..rows {
            let top = 100.0 + 40.0 * r as f64;
            starts.push(lines.len());
            lines.push(line(top, &[false, true, false]));
            lines.push(line(top + 11.0, &[numbered.contains(&r), true, true]));
            lines.push(line(top + 22.0, &[false, true, false]));
        }
        (lines, starts)
    }

    #[test]
    fn blocks_centred_on_three_rows_go_to_the_first() {
        // Two objectives of three rows each, numbered on rows 1 and 4.
        let (lines, starts) = table(6, &[1, 4]);
        let owner = owners(&lines, &starts, 3, 3.0, (false, false));
        assert_eq!(owner[4][0], 0);
        assert_eq!(owner[13][0], 3);
        // The measure cells stay in their rows.
        assert_eq!(owner[4][1], 1);
        assert_eq!(owner[7][1], 2);
    }

    #[test]
    fn one_merged_cell_across_a_row_start_goes_to_its_first_row_and_its_number_follows() {
        // Columns: number, activity, measure, score. Row 0 ends an objective of the page
        // before; objective 2 spans rows 1 and 2, its activity's two lines across row 2's
        // start, its number just below that start.
        let l = |top: f64, filled: [bool; 4]| line(top, &filled);
        let (no, act, meas, both) = (
            [true, false, false, false],
            [false, true, false, false],
            [false, false, true, false],
            [false, false, true, true],
        );
        let lines = vec![
            l(60.0, meas),
            l(71.0, both),
            l(82.0, meas),
            l(100.0, meas),
            l(111.0, both),
            l(118.0, act),
            l(122.0, meas),
            l(128.0, meas),
            l(128.5, no),
            l(129.0, act),
            l(139.0, both),
            l(150.0, meas),
        ];
        let starts = vec![0, 3, 7];
        let owner = owners(&lines, &starts, 4, 3.0, (true, false));
        assert_eq!(owner[9][1], 1, "the activity's second line");
        assert_eq!(owner[8][0], 1, "the number");
        assert_eq!(owner[10][2], 2, "the measure keeps its row");
    }

    #[test]
    fn a_lone_figure_under_its_header_keeps_its_row() {
        // A summary table beginning on the page: its header row, then three rows; the name
        // (column 0) wraps, the count (column 1) stands on every row, a band's count (column
        // 2) only in the middle one, where it is centred on all three rows as well.
        let mut lines = vec![line(50.0, &[true, true, true])];
        let mut starts = vec![0];
        for r in 0..3 {
            let top = 100.0 + 40.0 * r as f64;
            starts.push(lines.len());
            lines.push(line(top, &[true, false, false]));
            lines.push(line(top + 6.0, &[false, true, r == 1]));
            lines.push(line(top + 12.0, &[true, false, false]));
        }
        let owner = owners(&lines, &starts, 3, 3.0, (false, false));
        assert_eq!(owner[5][2], 2);
    }

    #[test]
    fn counts_beside_a_name_on_every_row_keep_their_rows() {
        // A summary table of five rows: a name wrapped over three lines on every row (column
        // 0), the count centred on each (column 1), a band's count on rows 0, 2 and 4 only
        // (column 2); the one of row 2 is centred on rows 1-3 as well.
        let mut lines = Vec::new();
        let mut starts = Vec::new();
        for r in 0..5 {
            let top = 100.0 + 40.0 * r as f64;
            starts.push(lines.len());
            lines.push(line(top, &[true, false, false]));
            lines.push(line(top + 11.0, &[true, true, r % 2 == 0]));
            lines.push(line(top + 22.0, &[true, false, false]));
        }
        let owner = owners(&lines, &starts, 3, 3.0, (false, false));
        assert_eq!(owner[7][2], 2, "the count of row 2 stays there");
    }

    #[test]
    fn figures_in_a_column_of_empty_cells_keep_their_rows() {
        // Counts in two rows of nine (a band's column in a summary table): no tiling of the
        // rows by spans centred on them.
        let (lines, starts) = table(9, &[1, 5]);
        let owner = owners(&lines, &starts, 3, 3.0, (false, false));
        assert_eq!(owner[4][0], 1);
        assert_eq!(owner[16][0], 5);
    }

    #[test]
    fn a_count_centred_on_three_rows_of_a_table_the_page_ends_keeps_its_row() {
        // A header row, then nine rows; one count (column 0) on row 2's middle line, which is
        // also the middle of rows 1-3. The page ends the table: that frees no row below.
        let (body, starts) = table(9, &[2]);
        let mut lines = vec![line(60.0, &[true, true, true])];
        lines.extend(body);
        let starts: Vec<usize> = std::iter::once(0)
            .chain(starts.iter().map(|s| s + 1))
            .collect();
        let owner = owners(&lines, &starts, 3, 3.0, (false, true));
        // Row 2 of the body is row 3 of the table; its middle line is line 1 + 2 * 3 + 1.
        assert_eq!(owner[8][0], 3);
    }

    #[test]
    fn a_table_set_at_the_top_keeps_its_rows() {
        // The number and the scores on each row's first line: nothing moves.
        let (mut lines, starts) = table(6, &[]);
        for (k, l) in lines.iter_mut().enumerate() {
            l.filled[2] = starts.contains(&k);
            l.filled[0] = k == 3 || k == 12;
        }
        let owner = owners(&lines, &starts, 3, 3.0, (false, false));
        assert_eq!(owner[3][0], 1);
        assert_eq!(owner[12][0], 4);
        assert_eq!(owner[6][2], 2);
    }

    #[test]
    fn a_lone_number_on_a_page_that_goes_on_is_centred_on_its_rows() {
        // Five rows; rows 0-1 end the objective the page before began; the next objective's
        // number stands on row 3, centred on rows 2-4.
        let (lines, starts) = table(5, &[3]);
        let owner = owners(&lines, &starts, 3, 3.0, (true, false));
        assert_eq!(owner[10][0], 2);
        // On a page that begins the table, the same number is a cell of its own row.
        let owner = owners(&lines, &starts, 3, 3.0, (false, false));
        assert_eq!(owner[10][0], 3);
    }

    #[test]
    fn a_figure_centred_on_its_row_keeps_it_beside_a_merged_cell_reaching_into_the_next() {
        // A page that goes on: row 0 is the rest of a measure the page break cut (no score);
        // rows 1 and 2 are an objective's two measures, its name (column 0) centred on both,
        // so it stands in row 1's lower half and reaches over row 2's first line. Row 1's
        // score (column 2) is centred on row 1's own cells, not on rows 0-1 as row 1 would
        // look with the name's lines counted in its height.
        let at = |top: f64, filled: [bool; 3]| line(top, &filled);
        let lines = vec![
            at(45.0, [false, true, false]),
            at(74.0, [false, true, false]),
            at(80.0, [false, false, true]),
            at(86.0, [false, true, false]),
            at(94.0, [true, false, false]),
            at(106.0, [true, false, false]),
            at(114.0, [false, true, false]),
            at(120.0, [false, false, true]),
            at(126.0, [false, true, false]),
        ];
        let starts = [0, 1, 6];
        let owner = owners(&lines, &starts, 3, 3.0, (true, false));
        assert_eq!(owner[2][2], 1, "row 1's score");
        assert_eq!(owner[7][2], 2, "row 2's score");
        assert_eq!(
            (owner[4][0], owner[5][0]),
            (1, 1),
            "the name goes to its first row"
        );
    }

    #[test]
    fn a_part_after_a_page_break_may_begin_in_a_cell_merged_from_the_page_before() {
        // Seven rows; objectives' numbers centred on rows 1-3 and 4-6; row 0 ends the
        // objective the page before began.
        let (lines, starts) = table(7, &[2, 5]);
        let owner = owners(&lines, &starts, 3, 3.0, (true, false));
        assert_eq!(owner[7][0], 1);
        assert_eq!(owner[16][0], 4);
    }

    #[test]
    fn a_number_alone_between_the_last_two_rows_is_centred_on_them_not_set_at_the_top() {
        // A page between two page breaks: rows 0-2 end the objective of the page before;
        // objectives numbered on rows 5 (centred on rows 3-7) and 9 (rows 8-10); the last
        // objective's number stands alone between rows 11 and 12, centred on the two rows
        // the page holds of it, and is a row of its own. Spans of 4-6 and 7-11 are centred
        // on the same lines: only the last number, read as set at the top of its own row,
        // would allow them (exactly: it stands half a point below their middle).
        let (mut lines, mut starts) = table(13, &[5, 9]);
        lines.insert(36, line(571.5, &[true, false, false]));
        starts.insert(12, 36);
        for s in starts.iter_mut().skip(13) {
            *s += 1;
        }
        let owner = owners(&lines, &starts, 3, 3.0, (true, true));
        assert_eq!(owner[16][0], 3);
        assert_eq!(owner[28][0], 8);
        assert_eq!(owner[36][0], 11);
    }

    #[test]
    fn a_cell_of_several_paragraphs_is_compared_whole() {
        // Columns: number, measure, target, score. Row 0 holds one objective's two measures
        // in one cell (paragraphs of 2 and 3 lines) and their targets (1 and 2 lines),
        // centred as a whole: the second target starts on the second measure's first line,
        // which compared paragraph by paragraph looks set at the top. Rows 1-3 are the next
        // objective's measures, its number centred on them. The page goes on from the one
        // before (a lone number on a page that begins the table keeps its row).
        let (m, mt, no) = (
            [false, true, false, false],
            [false, true, true, false],
            [true, false, false, true],
        );
        let lines: Vec<LineBox> = [
            (100.0, m),
            (111.0, mt),
            (125.0, no),
            (128.0, mt),
            (139.0, mt),
            (150.0, m),
            (180.0, m),
            (191.0, m),
            (215.0, m),
            (220.5, no),
            (226.0, m),
            (250.0, m),
            (261.0, m),
        ]
        .iter()
        .map(|(top, filled)| line(*top, filled))
        .collect();
        let starts = [0, 6, 8, 11];
        let owner = owners(&lines, &starts, 4, 3.0, (true, false));
        assert_eq!(owner[2][0], 0);
        assert_eq!(owner[9][0], 1);
        assert_eq!(owner[9][3], 1);
    }

    #[test]
    fn a_cell_of_several_measures_split_over_rows_is_seen_centred_by_its_paragraphs() {
        // Columns: number, activity, measure, unit, implementation, score; a page that goes
        // on from the one before. Row 0 ends the objective begun there; the next objective's
        // three measures stand in one cell centred with its number, activity, unit and score,
        // but the first measure's paragraph gap made it row 1 of its own: compared whole, the
        // activity looks set at the top of row 2's measures.
        let f = |cols: &[usize]| -> Vec<bool> { (0..6).map(|c| cols.contains(&c)).collect() };
        let mut lines: Vec<LineBox> = [
            (45.2, f(&[4])),
            (51.0, f(&[2])),
            (56.9, f(&[4])),
            (85.5, f(&[2, 4])),
            (97.1, f(&[2, 4])),
            (122.9, f(&[1, 2, 4])),
            (128.7, f(&[0, 3, 5])),
            (134.6, f(&[1, 2, 4])),
            (160.4, f(&[2, 4])),
            (172.0, f(&[2, 4])),
            (200.6, f(&[0, 5])),
        ]
        .iter()
        .map(|(top, filled)| line(*top, filled))
        .collect();
        // The last line is the mean's label row across the table.
        lines[10].spanning = true;
        let starts = [0, 3, 5, 10];
        let owner = owners(&lines, &starts, 6, 3.0, (true, false));
        assert_eq!(owner[6][0], 1);
        assert_eq!(owner[5][1], 1);
        assert_eq!(owner[6][5], 1);
    }

    #[test]
    fn a_row_the_page_end_cuts_does_not_vote_on_the_table_s_alignment() {
        // Columns: number, measure, score; the table begins on this page and the page end
        // cuts it. Objective 1's measures in one cell of five paragraphs split over rows 0
        // and 1 by a paragraph gap, its number and score centred on all five; objective 2 on
        // row 2, centred; objective 3 on row 3, which the page end cuts: its number and score
        // set at the top of what the page holds of it.
        let (m, ns, all) = (
            [false, true, false],
            [true, false, true],
            [true, true, true],
        );
        let lines: Vec<LineBox> = [
            (100.0, m),
            (111.0, m),
            (125.0, m),
            (136.0, m),
            (160.0, m),
            (160.5, ns),
            (171.0, m),
            (185.0, m),
            (196.0, m),
            (210.0, m),
            (221.0, m),
            (250.0, m),
            (255.5, ns),
            (261.0, m),
            (290.0, all),
            (301.0, m),
        ]
        .iter()
        .map(|(top, filled)| line(*top, filled))
        .collect();
        let starts = [0, 4, 11, 14];
        let owner = owners(&lines, &starts, 3, 3.0, (false, true));
        assert_eq!(owner[5][0], 0);
        assert_eq!(owner[5][2], 0);
        assert_eq!(owner[14][0], 3);
    }

    #[test]
    fn a_number_centred_on_the_middle_paragraph_of_a_cell_split_over_rows_is_seen_centred() {
        // Columns: number, activity, measure, score; a page that goes on from the one before.
        // Row 0 ends the objective begun there; the next objective's five measures stand in
        // one cell, which its paragraph gaps split into rows 1 (two) and 2 (three); its number,
        // activity and score are centred on the whole cell, on the third measure. Compared
        // with row 2's tallest block or whole cell, nothing looks centred.
        let (m, am, ns) = (
            [false, false, true, false],
            [false, true, true, false],
            [true, false, false, true],
        );
        let lines: Vec<LineBox> = [
            (60.0, m),
            (71.0, m),
            (100.0, m),
            (111.0, m),
            (128.0, m),
            (139.0, m),
            (159.5, am),
            (165.0, ns),
            (170.5, am),
            (191.0, m),
            (202.0, m),
            (219.0, m),
            (230.0, m),
        ]
        .iter()
        .map(|(top, filled)| line(*top, filled))
        .collect();
        let starts = [0, 2, 6];
        let owner = owners(&lines, &starts, 4, 3.0, (true, false));
        assert_eq!(owner[7][0], 1);
        assert_eq!(owner[6][1], 1);
        assert_eq!(owner[7][3], 1);
    }
}
