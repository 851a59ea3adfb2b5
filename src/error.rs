//! The crate's error type. Normalizing valid text never fails; only building a normalizer
//! from a bad configuration does.

use std::fmt;

/// An error from paknevis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
enum ErrorKind {
    /// A configuration value or document was invalid.
    Config(String),
}

impl Error {
    pub(crate) fn config(msg: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Config(msg.into()),
        }
    }

    /// Whether the error is about the configuration.
    pub fn is_config(&self) -> bool {
        matches!(self.kind, ErrorKind::Config(_))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Config(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for Error {}

/// Result with the crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
