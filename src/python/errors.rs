//! Python exceptions and the mapping of Rust errors onto them.
//!
//! The exception classes are defined in Python (`paknevis/_errors.py`) because `ConfigError`
//! derives from both `PaknevisError` and `ValueError`; they are imported on first use.

use pyo3::PyErr;

pyo3::import_exception!(paknevis._errors, PaknevisError);
pyo3::import_exception!(paknevis._errors, ConfigError);

impl From<crate::Error> for PyErr {
    fn from(e: crate::Error) -> PyErr {
        ConfigError::new_err(e.to_string())
    }
}

/// Runs `f`, turning a Rust panic into a `PaknevisError` instead of a `PanicException`
/// (which is a BaseException that `except Exception` would not catch).
pub fn guard<T>(f: impl FnOnce() -> T) -> pyo3::PyResult<T> {
    // Unwind safety: the core's objects are immutable, and everything built inside `f` is
    // dropped with the panic, so no broken state can be observed afterwards.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|p| {
        let msg = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into());
        PaknevisError::new_err(format!(
            "internal error in paknevis (please report it with the input): {msg}"
        ))
    })
}
