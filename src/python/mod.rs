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
