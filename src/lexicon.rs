//! Mongolian words as a dictionary knows them: Hunspell's mn_MN (Debian: hunspell-mn).
//!
//! Enters: words. Leaves: for each, whether the dictionary knows it; or nothing when no
//! dictionary is installed, and the callers decide without it.
//!
//! The dictionary is loaded once per run (half a second) on a thread of its own: the Hunspell
//! library's handle may not be shared between threads, so the layout's workers send it their
//! words and wait for the answers.

use std::path::PathBuf;
use std::sync::mpsc::{channel, Sender};
use std::sync::{Mutex, OnceLock};

/// Where a dictionary is looked for: `$BIYELELT_DICTIONARIES` first, then the system's folders.
const FOLDERS: [&str; 3] = [
    "/usr/share/hunspell",
    "/usr/share/myspell/dicts",
    "/usr/share/myspell",
];

type Request = (Vec<String>, Sender<Vec<bool>>);

/// The dictionary's thread, started by the first question; `None` when no dictionary is found.
fn server() -> Option<&'static Mutex<Sender<Request>>> {
    static SERVER: OnceLock<Option<Mutex<Sender<Request>>>> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            let (aff, dic) = dictionary_files()?;
            let (send, receive) = channel::<Request>();
            std::thread::Builder::new()
                .name("lexicon".into())
                .spawn(move || {
                    let dictionary =
                        hunspell_rs::Hunspell::new(&aff.to_string_lossy(), &dic.to_string_lossy());
                    for (words, answer) in receive {
                        let known = words
                            .iter()
                            .map(|w| {
                                dictionary.check(w) == hunspell_rs::CheckResult::FoundInDictionary
                            })
                            .collect();
                        // The asker may have gone; nothing to do then.
                        let _ = answer.send(known);
                    }
                })
                .ok()?;
            Some(Mutex::new(send))
        })
        .as_ref()
}

/// The mn_MN dictionary's two files, if installed.
fn dictionary_files() -> Option<(PathBuf, PathBuf)> {
    let from_env = std::env::var_os("BIYELELT_DICTIONARIES").map(PathBuf::from);
    from_env
        .into_iter()
        .chain(FOLDERS.iter().map(PathBuf::from))
        .map(|folder| (folder.join("mn_MN.aff"), folder.join("mn_MN.dic")))
        .find(|(aff, dic)| aff.is_file() && dic.is_file())
}

/// Whether the dictionary knows each word (any casing it allows: a capital at the start of a
/// sentence included), or `None` without a dictionary.
pub fn known(words: &[String]) -> Option<Vec<bool>> {
    if words.is_empty() {
        return Some(Vec::new());
    }
    let (answer, receive) = channel();
    server()?.lock().ok()?.send((words.to_vec(), answer)).ok()?;
    receive.recv().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dictionary_knows_words_and_not_their_pieces() {
        let Some(_) = dictionary_files() else {
            eprintln!("no mn_MN dictionary installed (apt install hunspell-mn): skipped");
            return;
        };
        let words: Vec<String> = ["байгуулах", "Байгууллагын", "хэлэлцүү", "зохионбайгуулах"]
            .map(String::from)
            .to_vec();
        assert_eq!(known(&words), Some(vec![true, true, false, false]));
    }
}
