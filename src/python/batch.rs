//! Batch arguments: any iterable of str (list, tuple, numpy object array, pandas Series,
//! pyarrow string array), with None and NaN passed through, extracted while attached to the
//! interpreter so that the work can run detached on the core's thread pool.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyFloat, PyList, PyString};

/// One batch item: a text to process, or a missing value returned as it was.
pub enum Item {
    /// A str, borrowed from its Python object.
    Text(PyBackedStr),
    /// None, NaN or pandas.NA: returned unchanged.
    Missing(Py<PyAny>),
}

impl Item {
    /// The text, if any.
    pub fn text(&self) -> Option<&str> {
        match self {
            Item::Text(s) => Some(s),
            Item::Missing(_) => None,
        }
    }
}

fn is_missing(obj: &Bound<'_, PyAny>) -> bool {
    if obj.is_none() {
        return true;
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return f.value().is_nan();
    }
    // pandas.NA and pandas.NaT without importing pandas.
    obj.get_type()
        .name()
        .is_ok_and(|n| n == "NAType" || n == "NaTType")
}

/// Extracts a batch. Raises TypeError naming the index of the first item that is neither a
/// str nor a missing value.
pub fn extract(texts: &Bound<'_, PyAny>) -> PyResult<Vec<Item>> {
    if texts.cast::<PyString>().is_ok() {
        return Err(PyTypeError::new_err(
            "texts must be an iterable of str, not a single str (wrap it in a list)",
        ));
    }
    // pyarrow arrays iterate as scalars; their to_pylist() gives str and None.
    let owned;
    let texts = if texts.cast::<PyList>().is_err() && texts.hasattr("to_pylist")? {
        owned = texts.call_method0("to_pylist")?;
        &owned
    } else {
        texts
    };
    let iter = texts.try_iter().map_err(|_| {
        let ty = texts
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default();
        PyTypeError::new_err(format!("texts must be an iterable of str, not {ty}"))
    })?;
    let mut out = Vec::with_capacity(texts.len().unwrap_or(0));
    for (i, obj) in iter.enumerate() {
        let obj = obj?;
        if let Ok(s) = obj.cast::<PyString>() {
            let b = PyBackedStr::try_from(s.clone()).map_err(|_| {
                PyValueError::new_err(format!(
                    "texts[{i}] contains a lone surrogate (not valid Unicode text)"
                ))
            })?;
            out.push(Item::Text(b));
        } else if is_missing(&obj) {
            out.push(Item::Missing(obj.unbind()));
        } else {
            let ty = obj
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default();
            let hint = if ty == "bytes" {
                "; decode it first"
            } else {
                ""
            };
            return Err(PyTypeError::new_err(format!(
                "texts[{i}] is {ty}, expected str or None{hint}"
            )));
        }
    }
    Ok(out)
}

/// Bytes of text in a batch item (for the sequential threshold).
pub fn weight(item: &Item) -> usize {
    item.text().map_or(0, str::len)
}
