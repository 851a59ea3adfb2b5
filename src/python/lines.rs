//! `_normalize_lines`: the command line's fast path for plain text. A chunk of UTF-8 lines goes
//! in as bytes and comes out as bytes, so that no Python object is made per line and the text
//! is not decoded to str and encoded back in Python.

use super::errors::guard;
use super::normalizer::PyNormalizer;
use pyo3::exceptions::PyUnicodeDecodeError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

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
    // The chunk is cut into pieces of whole lines, and each worker splits, validates and
    // normalizes the lines of its pieces into its own buffer: only the final copy into the
    // bytes object is serial. (A newline byte is never inside a multi-byte UTF-8 sequence.)
    let outs: Vec<Option<Vec<u8>>> = py.detach(|| {
        guard(|| {
            let body = data.strip_suffix(b"\n").unwrap_or(data);
            let pieces = pieces_of_lines(body, (body.len() / 256).clamp(2048, 65536));
            crate::batch::map(&pieces, threads, |p| p.len(), |p| normalize_piece(n, p))
        })
    })?;
    // Every piece or none: a piece that failed is reported, never dropped.
    let Some(outs) = outs.into_iter().collect::<Option<Vec<Vec<u8>>>>() else {
        // Report the first invalid byte of the whole chunk, as the decoder would.
        let err = match std::str::from_utf8(data) {
            Err(e) => PyUnicodeDecodeError::new_utf8(py, data, e)?,
            Ok(_) => return Err(pyo3::exceptions::PyValueError::new_err("invalid UTF-8")),
        };
        return Err(PyErr::from_value(err.into_any()));
    };
    let total = outs.iter().map(Vec::len).sum();
    PyBytes::new_with(py, total, |buf| {
        let mut pos = 0;
        for o in &outs {
            buf[pos..pos + o.len()].copy_from_slice(o);
            pos += o.len();
        }
        Ok(())
    })
}

/// `body` cut after a newline about every `size` bytes: runs of whole lines, each without its
/// last newline (the line structure of `body` is that of the pieces, one after the other).
fn pieces_of_lines(body: &[u8], size: usize) -> Vec<&[u8]> {
    let mut out = Vec::with_capacity(body.len() / size + 1);
    let mut rest = body;
    loop {
        let cut = rest
            .get(size..)
            .and_then(|tail| tail.iter().position(|&c| c == b'\n'))
            .map(|k| size + k);
        match cut {
            Some(k) => {
                out.push(&rest[..k]);
                rest = &rest[k + 1..];
            }
            None => {
                out.push(rest);
                return out;
            }
        }
    }
}

/// The normalized lines of one piece, each followed by a newline (a "\r" before a newline is
/// dropped); `None` when a line is not valid UTF-8.
fn normalize_piece(n: &crate::Normalizer, piece: &[u8]) -> Option<Vec<u8>> {
    // The piece is valid UTF-8 exactly when each of its lines is (a newline byte is never part
    // of a multi-byte sequence): one validation for the whole piece.
    let piece = simdutf8::basic::from_utf8(piece).ok()?;
    let mut out = Vec::with_capacity(piece.len() + piece.len() / 8 + 16);
    for line in piece.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        out.extend_from_slice(n.normalize(line).as_bytes());
        out.push(b'\n');
    }
    Some(out)
}
