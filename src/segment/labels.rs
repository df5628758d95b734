//! Column labels as OCR reads them: a key word found in a header label though a letter or two
//! of it was misread ("Хэрэгжүүлэх арга шэцжээ" for "… хэмжээ", "Биелзлт" for "Биелэлт").
//!
//! Enters: a label (spaces already dropped, lowercase) and a key. Leaves: whether the key
//! stands in the label within the edits its length allows.

/// Edits allowed in a key of `n` letters: one per six letters, none under six (a short key
/// such as "хувь" misread is another word).
fn allowed_edits(n: usize) -> usize {
    n / 6
}

/// Whether `key` stands somewhere in `label` with at most [`allowed_edits`] letters changed,
/// dropped or added (the smallest edit distance of `key` to any stretch of `label`).
pub fn contains_fuzzy(label: &str, key: &str) -> bool {
    let label: Vec<char> = label.chars().collect();
    let key: Vec<char> = key.chars().collect();
    let k = allowed_edits(key.len());
    if key.is_empty() || label.len() + k < key.len() {
        return false;
    }
    let key_text: String = key.iter().collect();
    let (min_len, max_len) = (key.len().saturating_sub(k).max(1), key.len() + k);
    (0..label.len()).any(|start| {
        (min_len..=max_len)
            .filter(|len| start + len <= label.len())
            .any(|len| {
                let stretch: String = label[start..start + len].iter().collect();
                strsim::levenshtein(&stretch, &key_text) <= k
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_misread_by_a_letter_or_two_is_found() {
        assert!(contains_fuzzy("хэрэгжүүлэхаргахэмжээ", "аргахэмжээ"));
        // One letter misread in ten: found.
        assert!(contains_fuzzy("хэрэгжүүлэхаргахэцжээ", "аргахэмжээ"));
        // A letter lost.
        assert!(contains_fuzzy("биелэт", "биелэлт"));
        assert!(contains_fuzzy("хүрэхтүвшйн", "хүрэхтүвшин"));
        // Two misread in ten: another word.
        assert!(!contains_fuzzy("хэрэгжүүлэхаргашэцжээ", "аргахэмжээ"));
        // Under six letters nothing is forgiven.
        assert!(!contains_fuzzy("хуви", "хувь"));
        assert!(contains_fuzzy("хувь", "хувь"));
        // Implementation is not the measure, nor the score.
        assert!(!contains_fuzzy("хэрэгжилт", "аргахэмжээ"));
        assert!(!contains_fuzzy("биелэлт", "үнэлгээ"));
        assert!(!contains_fuzzy("", "үнэлгээ"));
    }
}
