//! Files the views write (`report -o`, `yoy -o`): a new file, or one this program wrote before
//! (an HTML page carrying its generator mark), or any file with `--force`; written beside and
//! renamed, so a crash leaves the old file whole. The user's files are theirs.
//!
//! Enters: a path, the content and the mark. Leaves: the file written, or why not.

use std::path::Path;

/// The `<meta>` that marks a page as written by `biyelelt <command>`.
pub fn mark(command: &str) -> String {
    format!("<meta name=\"generator\" content=\"biyelelt {command}\">")
}

/// Why a file was not written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{path} exists and was not written by `biyelelt {command}`: give another --output (-o) file, move it away, or add --force to replace it")]
    WouldOverwrite { path: String, command: String },
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// Whether `biyelelt command` may write `path`: it is new, or its own page, or `force`.
pub fn may_write(path: &Path, command: &str, force: bool) -> Result<(), OutputError> {
    if path.exists() && !force {
        let ours = std::fs::read_to_string(path)
            .map(|t| t.contains(&mark(command)))
            .unwrap_or(false);
        if !ours {
            return Err(OutputError::WouldOverwrite {
                path: path.display().to_string(),
                command: command.into(),
            });
        }
    }
    Ok(())
}

/// Write `content` to `path` for `biyelelt command`.
pub fn write(path: &Path, content: &str, command: &str, force: bool) -> Result<(), OutputError> {
    may_write(path, command, force)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.partial"));
    let written = std::fs::write(&tmp, content).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written.map_err(|source| OutputError::Write {
        path: path.display().to_string(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_new_files_ours_or_forced_are_written() {
        let t = tempfile::tempdir().unwrap();
        let mine = t.path().join("notes.html");
        std::fs::write(&mine, "<p>my notes</p>").unwrap();
        let err = write(&mine, "page", "yoy", false).unwrap_err().to_string();
        assert!(
            err.contains("--force") && err.contains("biyelelt yoy"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&mine).unwrap(), "<p>my notes</p>");

        let page = format!("<html>{}</html>", mark("yoy"));
        let new = t.path().join("yoy.html");
        write(&new, &page, "yoy", false).unwrap();
        write(&new, &page, "yoy", false).unwrap();
        // Another command's page is not this one's.
        assert!(write(&new, "x", "report", false).is_err());
        write(&mine, "forced", "yoy", true).unwrap();
        assert_eq!(std::fs::read_to_string(&mine).unwrap(), "forced");
        // Nothing left beside.
        let left: Vec<_> = std::fs::read_dir(t.path()).unwrap().collect();
        assert_eq!(left.len(), 2);
    }
}
