//! Writing reports: atomically for files, in place for everything else.

use crate::Error;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` through a temporary file and a rename, so an
/// interrupted run never leaves half a report.
///
/// A symbolic link is followed, so the link survives and its target is
/// replaced. Anything that is not a regular file (`/dev/null`, `/dev/stdout`,
/// a FIFO) is written in place: renaming over it would replace the device
/// with a plain file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    write_atomically_with(path, |out| out.write_all(bytes))
}

/// [`write_atomically`] for a report written piece by piece: `write` gets a
/// buffered writer, so a large report is never held whole in memory.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Error> {
    let fail = |e: std::io::Error| Error::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    let fill = |file: fs::File| {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        write(&mut out)?;
        out.into_inner().map(drop).map_err(|e| e.into_error())
    };
    let target = real_target(path);
    if let Ok(meta) = fs::metadata(&target)
        && !meta.is_file()
    {
        return fs::OpenOptions::new()
            .write(true)
            .open(&target)
            .and_then(fill)
            .map_err(fail);
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = target.with_file_name(format!(".{name}.claimcheck-{}.tmp", std::process::id()));
    if let Err(e) = fs::File::create(&tmp).and_then(fill) {
        let _ = fs::remove_file(&tmp);
        return Err(fail(e));
    }
    fs::rename(&tmp, &target).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        fail(e)
    })
}

/// `path` with symbolic links resolved when it exists, else `path` itself.
fn real_target(path: &Path) -> PathBuf {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::FileTypeExt;

    #[test]
    fn a_fifo_stays_a_fifo() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("report.fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
        };
        write_atomically(&fifo, b"report\n").unwrap();
        assert_eq!(reader.join().unwrap(), "report\n");
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    }

    #[test]
    fn a_symlink_keeps_pointing_at_the_new_report() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomically(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 2, "no temporary file is left behind");
    }

    #[test]
    fn a_regular_file_is_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.txt");
        fs::write(&path, "a much longer previous report").unwrap();
        write_atomically(&path, b"short").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "short");
    }

    #[test]
    fn a_failed_write_keeps_the_old_report_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.json");
        fs::write(&path, "old").unwrap();
        let err = write_atomically_with(&path, |out| {
            out.write_all(b"half a rep")?;
            Err(std::io::Error::other("disk full"))
        })
        .unwrap_err();
        assert!(err.to_string().contains("disk full"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old");
        let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left behind");
    }
}
