//! The Python binding `paknevis._paknevis` (compiled with the `python` feature).
//!
//! A thin layer: it converts arguments (str in, code-point offsets out), releases the GIL for
//! long texts, and maps errors and panics to Python exceptions. All work is in the core.

mod batch;
mod convert;
mod errors;
mod lines;
mod normalizer;
mod options;
mod segment;

use pyo3::prelude::*;

/// The extension's Rust allocations (outputs, change lists, tokens) go through mimalloc rather
/// than the C library's malloc: glibc serves every allocation above its mmap threshold (at most
/// 32 MB) with fresh pages from the kernel and unmaps them on free, so each call on a string of
/// tens of MB faulted in and zeroed its buffers anew (about 40 % of the time of some
/// pathological inputs, see BENCHMARKS.md, Linearity). Python's own objects are unaffected.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// paknevis: normalization and segmentation of Persian text (compiled core).
#[pymodule(gil_used = false)]
mod _paknevis {
    use super::*;

    #[pymodule_export]
    use super::lines::_normalize_lines;
    #[pymodule_export]
    use super::normalizer::{
        _after_fork, normalize, normalize_batch, PyAligned, PyEdit, PyNormalizer,
    };

    #[pymodule_export]
    use super::segment::{
        sentence_spans, sentences, sentences_batch, tokenize, tokenize_batch, word_spans, words,
        words_batch, PyToken, PyTokenizer,
    };

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        Ok(())
    }
}
