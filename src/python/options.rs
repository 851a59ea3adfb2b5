//! Options given from Python (a config mapping and/or keyword arguments) merged onto a serde
//! configuration struct's defaults, naming the option at fault in every error.

use super::convert::py_to_json;
use super::errors::ConfigError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

/// The options given, in order: the entries of `config` (a dict, or None) and then `kwargs`.
pub fn gather(
    config: Option<&Bound<'_, PyAny>>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<Vec<(String, Value)>> {
    let mut given: Vec<(String, Value)> = Vec::new();
    if let Some(c) = config {
        if !c.is_none() {
            match py_to_json(c, "config")? {
                Value::Object(m) => given.extend(m),
                _ => return Err(ConfigError::new_err("config must be a dict of options")),
            }
        }
    }
    if let Some(kw) = kwargs {
        for (k, v) in kw.iter() {
            let key: String = k.extract()?;
            let val = py_to_json(&v, &key)?;
            given.push((key, val));
        }
    }
    Ok(given)
}

/// The options of a JSON document: it must be an object.
pub fn from_json_text(s: &str) -> PyResult<Vec<(String, Value)>> {
    let v: Value = serde_json::from_str(s).map_err(|e| {
        ConfigError::new_err(format!(
            "invalid configuration JSON at line {} column {}: {e}",
            e.line(),
            e.column()
        ))
    })?;
    match v {
        Value::Object(m) => Ok(m.into_iter().collect()),
        _ => Err(ConfigError::new_err(
            "a configuration must be a JSON object of options",
        )),
    }
}

/// The options of `T` (its serialized fields) with their default values.
pub fn defaults<T: Default + Serialize>() -> PyResult<Map<String, Value>> {
    match serde_json::to_value(T::default()) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(ConfigError::new_err("internal: config is not an object")),
        Err(e) => Err(ConfigError::new_err(e.to_string())),
    }
}

/// `T::default()` with the `given` options set. An unknown option is an error that lists the
/// valid ones; a bad value is an error that names its option (serde lists the valid choices of
/// an enum). `prefix` is put before option names in messages (`"normalizer."` for a nested
/// configuration). A `type` entry, written by some serializers, is ignored.
pub fn merge<T>(given: Vec<(String, Value)>, prefix: &str) -> PyResult<T>
where
    T: Default + Serialize + DeserializeOwned,
{
    let default_map = defaults::<T>()?;
    let mut merged = default_map.clone();
    for (key, val) in given {
        if key == "type" {
            continue;
        }
        if !default_map.contains_key(&key) {
            let mut names: Vec<&str> = default_map.keys().map(String::as_str).collect();
            names.sort_unstable();
            return Err(ConfigError::new_err(format!(
                "unknown option '{prefix}{key}'; valid options: {}",
                names.join(", ")
            )));
        }
        let mut trial = default_map.clone();
        trial.insert(key.clone(), val.clone());
        if let Err(e) = serde_json::from_value::<T>(Value::Object(trial)) {
            return Err(ConfigError::new_err(format!("option '{prefix}{key}': {e}")));
        }
        merged.insert(key, val);
    }
    serde_json::from_value(Value::Object(merged)).map_err(|e| ConfigError::new_err(e.to_string()))
}

/// `key=value` for each option of `cur` that differs from `def`, values in Python's repr.
pub fn non_defaults(
    py: Python<'_>,
    cur: &Map<String, Value>,
    def: &Map<String, Value>,
) -> PyResult<Vec<String>> {
    let mut parts = Vec::new();
    for (k, v) in cur {
        if def.get(k) != Some(v) {
            let r = super::convert::json_to_py(py, v)?.repr()?.to_string();
            parts.push(format!("{k}={r}"));
        }
    }
    Ok(parts)
}

/// Hash of a configuration, for `__hash__` of the classes that compare equal by configuration
/// (equal configurations serialize to the same JSON).
pub fn config_hash<T: Serialize>(cfg: &T) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(cfg).unwrap_or_default().hash(&mut h);
    h.finish()
}
