//! Reading payloads from files, pipes and standard input under the size cap.

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, Read};
use std::path::PathBuf;

/// Origin of a payload: standard input or a path.
#[derive(Debug, Clone)]
pub enum Source {
    Stdin,
    Path(PathBuf),
}

impl Source {
    /// Maps a command-line operand to a source: `-` is standard input.
    pub fn from_arg(arg: OsString) -> Source {
        if arg == "-" {
            Source::Stdin
        } else {
            Source::Path(PathBuf::from(arg))
        }
    }

    /// Returns the name shown in reports: the path as given, or `<stdin>`.
    pub fn display_name(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_owned(),
            Source::Path(path) => path.to_string_lossy().into_owned(),
        }
    }
}

/// Bytes of a payload, or its size when it exceeds the cap.
#[derive(Debug)]
pub enum Input {
    Bytes(Vec<u8>),
    /// The input is larger than the cap and was not read whole.
    TooLarge {
        /// Size of a regular file from its metadata; `None` for a stream, which was read only to
        /// one byte past the cap.
        size: Option<u64>,
    },
}

/// Reason a payload could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadError {
    NotFound,
    PermissionDenied,
    IsADirectory,
    /// Any other I/O failure; the OS error code, when there is one, goes into the message.
    Other(Option<i32>),
}

/// Reads a payload, rejecting anything larger than `max_size` bytes.
///
/// A regular file larger than the cap is rejected from its metadata without reading it. Pipes,
/// process substitutions, devices and standard input are read up to `max_size + 1` bytes.
pub fn read(source: &Source, max_size: u64) -> Result<Input, ReadError> {
    match source {
        Source::Stdin => read_stream(io::stdin().lock(), max_size).map_err(ReadError::from),
        Source::Path(path) => {
            let file = File::open(path).map_err(ReadError::from)?;
            let metadata = file.metadata().map_err(ReadError::from)?;
            if metadata.is_dir() {
                return Err(ReadError::IsADirectory);
            }
            if metadata.is_file() && metadata.len() > max_size {
                return Ok(Input::TooLarge {
                    size: Some(metadata.len()),
                });
            }
            // A regular file may still grow after the metadata was read, so the cap applies here too.
            read_stream(file, max_size).map_err(ReadError::from)
        }
    }
}

fn read_stream(reader: impl Read, max_size: u64) -> io::Result<Input> {
    let mut bytes = Vec::new();
    reader
        .take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max_size {
        return Ok(Input::TooLarge { size: None });
    }
    Ok(Input::Bytes(bytes))
}

impl From<io::Error> for ReadError {
    fn from(error: io::Error) -> ReadError {
        match error.kind() {
            io::ErrorKind::NotFound => ReadError::NotFound,
            io::ErrorKind::PermissionDenied => ReadError::PermissionDenied,
            io::ErrorKind::IsADirectory => ReadError::IsADirectory,
            _ => ReadError::Other(error.raw_os_error()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stream_at_cap_is_read() {
        let Ok(Input::Bytes(bytes)) = read_stream(&b"12345"[..], 5) else {
            panic!("5 bytes under a 5-byte cap should be read");
        };
        assert_eq!(bytes, b"12345");
    }

    #[test]
    fn stream_over_cap_is_rejected() {
        let input = read_stream(&b"123456"[..], 5).expect("reading a slice cannot fail");
        assert!(matches!(input, Input::TooLarge { size: None }), "{input:?}");
    }
}
