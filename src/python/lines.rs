//! `_normalize_lines`: the command line's fast path for plain text. A chunk of UTF-8 lines goes
//! in as bytes and comes out as bytes, so that no Python object is made per line and the text
//! is not decoded to str and encoded back in Python.

use super::errors::guard;
use super::normalizer::PyNormalizer;
use pyo3::exceptions::PyUnicodeDecodeError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;
use std::borrow::Cow;

/// Normalizes the lines of `data` (UTF-8 bytes; lines end with "\n", a "\r" before it is
/// dropped, the last line may lack its "\n") with `normalizer`, in parallel without the GIL
/// when the chunk is large (`threads` as in `normalize_batch`). Returns the normalized lines as
/// UTF-8 bytes, each followed by "\n": the same as `normalize` on every line. Raises
/// UnicodeDecodeError (with the byte position) when `data` is not valid UTF-8.
#[pyfunction]
#[pyo3(signature = (normalizer, data, /, *, threads = None))]
pub fn _normalize_lines<'py>(
    py: Python<'py>,
    normalizer: &Bound<'py, PyNormalizer>,
    data: &[u8],
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyBytes>> {
    let n = &normalizer.get().inner;
    if data.is_empty() {
        return Ok(PyBytes::new(py, b""));
    }
    // A newline byte is never inside a multi-byte UTF-8 sequence, so the chunk is split into
    // lines first and each line is validated by the worker that normalizes it (no serial pass
    // over the whole chunk before the parallel work).
    let outs: Vec<Option<Cow<'_, str>>> = py.detach(|| {
        guard(|| {
            let body = data.strip_suffix(b"\n").unwrap_or(data);
            let lines: Vec<&[u8]> = body
                .split(|&c| c == b'\n')
                .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
                .collect();
            crate::batch::map(
                &lines,
                threads,
                |l| l.len(),
                |l| std::str::from_utf8(l).ok().map(|s| n.normalize(s)),
            )
        })
    })?;
    if outs.iter().any(Option::is_none) {
        // Report the first invalid byte of the whole chunk, as the decoder would.
        if let Err(e) = std::str::from_utf8(data) {
            let err = PyUnicodeDecodeError::new_utf8(py, data, e)?;
            return Err(PyErr::from_value(err.into_any()));
        }
    }
    let outs: Vec<Cow<'_, str>> = outs.into_iter().flatten().collect();
    let total = outs.iter().map(|o| o.len() + 1).sum();
    PyBytes::new_with(py, total, |buf| {
        let mut pos = 0;
        for o in &outs {
            let b = o.as_bytes();
            buf[pos..pos + b.len()].copy_from_slice(b);
            pos += b.len();
            buf[pos] = b'\n';
            pos += 1;
        }
        Ok(())
    })
}
