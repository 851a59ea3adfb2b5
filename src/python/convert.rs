//! Conversions at the Python boundary: text arguments, code-point offsets, JSON values.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

/// The UTF-8 of a `str` argument, with clear errors for everything else.
pub fn text_arg<'a>(obj: &'a Bound<'_, PyAny>, what: &str) -> PyResult<&'a str> {
    let s = obj.cast::<PyString>().map_err(|_| {
        let ty = obj
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|_| "?".into());
        if ty == "bytes" || ty == "bytearray" {
            PyTypeError::new_err(format!(
                "{what} must be str, not {ty}; decode it first, e.g. data.decode('utf-8')"
            ))
        } else {
            PyTypeError::new_err(format!("{what} must be str, not {ty}"))
        }
    })?;
    s.to_str().map_err(|_| {
        PyValueError::new_err(format!(
            "{what} contains a lone surrogate (not valid Unicode text); \
             fix the source or use text.encode('utf-8', 'replace').decode()"
        ))
    })
}

/// Converts sorted byte offsets of `s` to code-point offsets in one pass.
pub struct CharCounter<'a> {
    s: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    /// A counter at the start of `s`.
    pub fn new(s: &'a str) -> Self {
        CharCounter {
            s,
            byte: 0,
            chars: 0,
        }
    }

    /// Code-point offset of byte offset `b`; calls must not go backwards.
    pub fn at(&mut self, b: usize) -> usize {
        if b < self.byte {
            // Not monotone: count afresh (correct, only slower).
            return self.s[..b].chars().count();
        }
        self.chars += count_chars(&self.s.as_bytes()[self.byte..b]);
        self.byte = b;
        self.chars
    }
}

/// The number of code points in UTF-8 `bytes` (that start and end on char boundaries): the
/// bytes that are not continuation bytes. Cheaper than `str::chars().count()` on the short
/// stretches between tokens, and vectorized on long ones.
#[inline]
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// A JSON value as a Python object.
pub fn json_to_py<'py>(py: Python<'py>, v: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else {
                n.as_f64().unwrap_or(0.0).into_pyobject(py)?.into_any()
            }
        }
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let items = a
                .iter()
                .map(|x| json_to_py(py, x))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        Value::Object(m) => {
            let d = PyDict::new(py);
            for (k, x) in m {
                d.set_item(k, json_to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

/// A Python value (bool, int, float, str, None, list/tuple, dict, Normalizer) as JSON.
pub fn py_to_json(obj: &Bound<'_, PyAny>, name: &str) -> PyResult<serde_json::Value> {
    use serde_json::Value;
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.cast::<PyInt>().is_ok() {
        let i: i64 = obj.extract()?;
        return Ok(Value::from(i));
    }
    if obj.cast::<PyFloat>().is_ok() {
        let f: f64 = obj.extract()?;
        return Ok(Value::from(f));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_str()?.to_owned()));
    }
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        let mut out = Vec::new();
        for item in obj.try_iter()? {
            out.push(py_to_json(&item?, name)?);
        }
        return Ok(Value::Array(out));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut m = serde_json::Map::new();
        for (k, v) in d.iter() {
            let key: String = k.extract().map_err(|_| {
                PyTypeError::new_err(format!("option {name}: dictionary keys must be str"))
            })?;
            let sub = format!("{name}.{key}");
            m.insert(key, py_to_json(&v, &sub)?);
        }
        return Ok(Value::Object(m));
    }
    if let Ok(n) = obj.cast::<crate::python::normalizer::PyNormalizer>() {
        // A Normalizer stands for its configuration (the `normalizer` option of Tokenizer).
        return serde_json::to_value(n.get().inner.config())
            .map_err(|e| crate::python::errors::ConfigError::new_err(e.to_string()));
    }
    let ty = obj
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_default();
    Err(crate::python::errors::ConfigError::new_err(format!(
        "option {name}: unsupported value of type {ty}"
    )))
}
