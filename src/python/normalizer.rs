//! The `Normalizer`, `AlignedText` and `Edit` classes and the module-level `normalize`.

use super::batch;
use super::convert::{json_to_py, py_to_json, text_arg, CharCounter};
use super::errors::{guard, ConfigError};
use super::options::{defaults, gather, merge, non_defaults};
use crate::edit::{Change, Changes};
use crate::{Normalizer, NormalizerConfig};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};
use std::sync::LazyLock;

/// Texts longer than this are normalized with the GIL released; below it, releasing and
/// re-taking the GIL would cost more than the work.
pub(crate) const DETACH_MIN_BYTES: usize = 16 * 1024;

/// Builds a configuration from an optional mapping and keyword options, naming the option at
/// fault in every error.
pub fn config_from(
    config: Option<&Bound<'_, PyAny>>,
    kwargs: Option<&Bound<'_, PyDict>>,
) -> PyResult<NormalizerConfig> {
    config_from_options(gather(config, kwargs)?, "")
}

/// A configuration from options already read (`prefix` goes before option names in errors).
pub fn config_from_options(
    given: Vec<(String, serde_json::Value)>,
    prefix: &str,
) -> PyResult<NormalizerConfig> {
    let cfg: NormalizerConfig = merge(given, prefix)?;
    cfg.validate().map_err(|e| {
        if prefix.is_empty() {
            e.into()
        } else {
            ConfigError::new_err(format!("option '{prefix}version': {e}"))
        }
    })?;
    Ok(cfg)
}

/// Normalizes Persian text: letters, digits, diacritics, invisible characters, whitespace,
/// punctuation and spacing, as configured.
///
/// Options are keyword arguments (see the README for each one and its default); a dict of
/// options may be passed positionally instead. Instances are immutable, hashable, picklable
/// and safe to share between threads.
///
/// >>> Normalizer(digits="latin").normalize("سال ۱۴۰۲")
/// 'سال 1402'
#[pyclass(frozen, module = "paknevis._paknevis", name = "Normalizer")]
pub struct PyNormalizer {
    pub(crate) inner: Normalizer,
}

impl PyNormalizer {
    fn run_normalize<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let s = text_arg(text, "text")?;
        let n = &self.inner;
        let out: Option<String> = if s.len() >= DETACH_MIN_BYTES {
            py.detach(|| guard(|| n.normalize(s).into_owned_if_changed(s)))?
        } else {
            guard(|| n.normalize(s).into_owned_if_changed(s))?
        };
        Ok(match out {
            None => text.clone(), // unchanged: the same str object, no copy
            Some(o) => PyString::new(py, &o).into_any(),
        })
    }
}

impl PyNormalizer {
    /// `key=value` for each option that differs from the default.
    pub(crate) fn non_default_options(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        let cur = match serde_json::to_value(self.inner.config()) {
            Ok(serde_json::Value::Object(m)) => m,
            _ => return Ok(Vec::new()),
        };
        non_defaults(py, &cur, &defaults::<NormalizerConfig>()?)
    }
}

trait OwnedIfChanged {
    fn into_owned_if_changed(self, input: &str) -> Option<String>;
}

impl OwnedIfChanged for std::borrow::Cow<'_, str> {
    fn into_owned_if_changed(self, _input: &str) -> Option<String> {
        match self {
            std::borrow::Cow::Borrowed(_) => None,
            std::borrow::Cow::Owned(s) => Some(s),
        }
    }
}

#[pymethods]
impl PyNormalizer {
    #[new]
    #[pyo3(signature = (config = None, /, **options))]
    fn new(
        config: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        Ok(PyNormalizer {
            inner: Normalizer::new(config_from(config, options)?)?,
        })
    }

    /// Normalizes `text` and returns the result (the same object when nothing changed).
    /// Raises TypeError for a non-str and ValueError for a lone surrogate.
    ///
    /// >>> Normalizer().normalize("علي  كتاب هاي من")
    /// 'علی کتاب\u200cهای من'
    fn normalize<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        self.run_normalize(py, text)
    }

    /// Normalizes `text` and keeps the alignment: the result's `.text` is the output and
    /// `.to_original(start, end)` maps a span of it back to the span of `text` it came from.
    ///
    /// >>> a = Normalizer().normalize_aligned("كتاب   ها")
    /// >>> a.text, a.to_original(5, 7)
    /// ('کتاب\u200cها', (7, 9))
    fn normalize_aligned(&self, py: Python<'_>, text: &Bound<'_, PyAny>) -> PyResult<PyAligned> {
        let s = text_arg(text, "text")?;
        let n = &self.inner;
        let a = if s.len() >= DETACH_MIN_BYTES {
            py.detach(|| guard(|| n.normalize_aligned(s)))?
        } else {
            guard(|| n.normalize_aligned(s))?
        };
        guard(|| PyAligned::new(s, a.text, &a.changes))
    }

    /// The edits that turn `text` into its normalized form, in order. Applying them to
    /// `text` (each `original` at `start:end` replaced by `replacement`) gives the output.
    ///
    /// >>> [e.as_tuple() for e in Normalizer().explain("علي")]
    /// [('letter', 2, 3, 'ي', 'ی')]
    fn explain(&self, text: &Bound<'_, PyAny>) -> PyResult<Vec<PyEdit>> {
        let s = text_arg(text, "text")?;
        let a = guard(|| self.inner.normalize_aligned(s))?;
        let mut cc = CharCounter::new(s);
        Ok(a.edits(s)
            .map(|e| PyEdit {
                rule: e.rules.to_string(),
                start: cc.at(e.src.start),
                end: cc.at(e.src.end),
                original: e.original.to_owned(),
                replacement: e.replacement.to_owned(),
                evidence: e.note.map(str::to_owned),
            })
            .collect())
    }

    /// Normalizes many texts, in parallel without the GIL when the batch is large. Accepts
    /// any iterable of str (list, tuple, numpy array, pandas Series, pyarrow array); None and
    /// NaN come back as they were. `threads` is the number of threads, this one included
    /// (default: the PAKNEVIS_NUM_THREADS environment variable, else the number of CPUs); use
    /// `threads=1` inside Dask or Spark workers, which already run one task per core. A
    /// non-str item raises TypeError naming its index. Items that need no change come back as
    /// the same objects.
    ///
    /// >>> Normalizer(digits="latin").normalize_batch(["سال ۱۴۰۲", None, "علي"])
    /// ['سال 1402', None, 'علی']
    #[pyo3(signature = (texts, /, *, threads = None))]
    fn normalize_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        let items = batch::extract(texts)?;
        let n = &self.inner;
        // The results become Python objects on this thread, chunk by chunk, while the pool's
        // threads still normalize the rest of the batch (see `map_consume`).
        let mut objs: Vec<Py<PyAny>> = Vec::with_capacity(items.len());
        py.detach(|| {
            guard(|| {
                let mut at = 0;
                crate::batch::map_consume(
                    &items,
                    threads,
                    batch::weight,
                    |it| {
                        it.text().map(|s| match n.normalize(s) {
                            std::borrow::Cow::Borrowed(_) => None,
                            std::borrow::Cow::Owned(o) => Some(o),
                        })
                    },
                    |chunk| {
                        Python::attach(|py| {
                            for out in chunk {
                                objs.push(match (&items[at], out) {
                                    // unchanged: the same str object
                                    (batch::Item::Text(s), Some(None)) => {
                                        s.as_py_str().clone_ref(py).into_any()
                                    }
                                    (_, Some(Some(o))) => PyString::new(py, &o).into_any().unbind(),
                                    (batch::Item::Missing(m), _) => m.clone_ref(py),
                                    (batch::Item::Text(_), None) => {
                                        unreachable!("a text item always gives a result")
                                    }
                                });
                                at += 1;
                            }
                        })
                    },
                )
            })
        })?;
        PyList::new(py, objs)
    }

    /// The options as a dict (every option, with its value).
    ///
    /// >>> Normalizer(digits="latin").config["digits"]
    /// 'latin'
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v = serde_json::to_value(self.inner.config())
            .map_err(|e| ConfigError::new_err(e.to_string()))?;
        json_to_py(py, &v)
    }

    /// The configuration as a JSON string (readable by `Normalizer.from_json`).
    ///
    /// >>> Normalizer.from_json(Normalizer(html=True).to_json()) == Normalizer(html=True)
    /// True
    fn to_json(&self) -> String {
        self.inner.config().to_json()
    }

    /// A normalizer from a JSON configuration written by `to_json` (options left out keep
    /// their defaults).
    ///
    /// >>> Normalizer.from_json('{"digits": "latin"}')
    /// Normalizer(digits='latin')
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, s: &Bound<'_, PyAny>) -> PyResult<Self> {
        let s = text_arg(s, "json")?;
        // Syntax errors give their line and column; a bad value names its option and, for
        // a choice, the valid values; an unknown option lists the valid ones.
        let cfg = config_from_options(super::options::from_json_text(s)?, "")?;
        Ok(PyNormalizer {
            inner: Normalizer::new(cfg)?,
        })
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let cfg = slf.get().config(slf.py())?;
        Ok((slf.get_type(), PyTuple::new(slf.py(), [cfg])?))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Normalizer({})",
            self.non_default_options(py)?.join(", ")
        ))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyNormalizer>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __hash__(&self) -> u64 {
        super::options::config_hash(self.inner.config())
    }
}

/// A normalized text that remembers where each part came from (made by
/// `Normalizer.normalize_aligned`). `str()` of it is the normalized text.
///
/// >>> a = Normalizer().normalize_aligned("علي")
/// >>> a.text, a.original, a.changes
/// ('علی', 'علي', [(2, 3, 2, 3)])
#[pyclass(frozen, module = "paknevis._paknevis", name = "AlignedText")]
pub struct PyAligned {
    text: String,
    original: String,
    /// Changes in code-point units.
    changes: Changes,
    text_chars: usize,
}

impl PyAligned {
    fn new(original: &str, text: String, changes: &Changes) -> PyAligned {
        let mut src = CharCounter::new(original);
        let mut dst = CharCounter::new(&text);
        let list = changes
            .list
            .iter()
            .map(|c| Change {
                src: src.at(c.src.start)..src.at(c.src.end),
                dst: dst.at(c.dst.start)..dst.at(c.dst.end),
                rules: c.rules,
                note: c.note,
            })
            .collect();
        let text_chars = text.chars().count();
        PyAligned {
            original: original.to_owned(),
            changes: Changes {
                list,
                notes: changes.notes.clone(),
            },
            text,
            text_chars,
        }
    }
}

#[pymethods]
impl PyAligned {
    /// The normalized text.
    #[getter]
    fn text(&self) -> &str {
        &self.text
    }

    /// The input text.
    #[getter]
    fn original(&self) -> &str {
        &self.original
    }

    /// Maps the span `[start, end)` of `.text` (code points) to the span of `.original` that
    /// produced it. A boundary inside a rewritten region widens to the whole region. Raises
    /// ValueError for a span outside the text.
    ///
    /// >>> Normalizer().normalize_aligned("كتاب   ها").to_original(4, 5)
    /// (4, 7)
    fn to_original(&self, start: isize, end: isize) -> PyResult<(usize, usize)> {
        let n = self.text_chars as isize;
        if start < 0 || end < start || end > n {
            return Err(PyValueError::new_err(format!(
                "span ({start}, {end}) is not within the text (length {n}) with start <= end"
            )));
        }
        let r = self.changes.to_source(start as usize..end as usize);
        Ok((r.start, r.end))
    }

    /// The changed regions as (original_start, original_end, text_start, text_end) tuples.
    #[getter]
    fn changes(&self) -> Vec<(usize, usize, usize, usize)> {
        self.changes
            .list
            .iter()
            .map(|c| (c.src.start, c.src.end, c.dst.start, c.dst.end))
            .collect()
    }

    fn __len__(&self) -> usize {
        self.text_chars
    }

    fn __str__(&self) -> &str {
        &self.text
    }

    fn __repr__(&self) -> String {
        let head: String = self.text.chars().take(40).collect();
        let more = if self.text_chars > 40 { "…" } else { "" };
        format!(
            "AlignedText({head:?}{more}, changes={})",
            self.changes.list.len()
        )
    }
}

/// One edit reported by `Normalizer.explain`: the input span `start:end`, its text
/// `original`, the `replacement` written instead, the `rule` and, when the rule gives one, the
/// `evidence` for the decision.
///
/// >>> e = Normalizer().explain("کتابها")[0]
/// >>> e.rule, e.start, e.end, e.replacement, e.evidence
/// ('split_joined', 4, 4, '\u200c', 'affix: کتابها = stem (q=97) + suffix')
#[pyclass(frozen, module = "paknevis._paknevis", name = "Edit", get_all)]
pub struct PyEdit {
    /// Rule name(s), joined by `+` when one region was touched by several rules.
    rule: String,
    /// Start of the edited span in the input (code points).
    start: usize,
    /// End of the edited span in the input (code points).
    end: usize,
    /// The input text of the span.
    original: String,
    /// What was written instead.
    replacement: String,
    /// Evidence for the decision, when the rule gives one.
    evidence: Option<String>,
}

#[pymethods]
impl PyEdit {
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        // Python's own repr of the strings, so the output reads (and evaluates) as Python.
        let r = |s: &str| -> PyResult<String> { Ok(PyString::new(py, s).repr()?.to_string()) };
        let evidence = match &self.evidence {
            Some(e) => format!(", evidence={}", r(e)?),
            None => String::new(),
        };
        Ok(format!(
            "Edit(rule={}, start={}, end={}, original={}, replacement={}{evidence})",
            r(&self.rule)?,
            self.start,
            self.end,
            r(&self.original)?,
            r(&self.replacement)?,
        ))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyEdit>().is_ok_and(|o| {
            let o = o.get();
            (
                o.start,
                o.end,
                &o.rule,
                &o.original,
                &o.replacement,
                &o.evidence,
            ) == (
                self.start,
                self.end,
                &self.rule,
                &self.original,
                &self.replacement,
                &self.evidence,
            )
        })
    }

    /// The edit as a tuple (rule, start, end, original, replacement).
    ///
    /// >>> Normalizer().explain("ك")[0].as_tuple()
    /// ('letter', 0, 1, 'ك', 'ک')
    fn as_tuple(&self) -> (String, usize, usize, String, String) {
        (
            self.rule.clone(),
            self.start,
            self.end,
            self.original.clone(),
            self.replacement.clone(),
        )
    }
}

static DEFAULT: LazyLock<PyNormalizer> = LazyLock::new(|| PyNormalizer {
    inner: Normalizer::default(),
});

/// Normalizes `text` with the given options (keyword arguments of `Normalizer`; the default
/// normalizer is shared, one with options is built for the call: keep a `Normalizer` to
/// normalize many texts with the same options).
///
/// >>> normalize("علي  كتاب هاي من")
/// 'علی کتاب\u200cهای من'
/// >>> normalize("سال ۱۴۰۲", digits="latin")
/// 'سال 1402'
//
// The options are spelled out one by one, not taken as `**options`, so that the call takes
// the fast calling convention without a tuple and a dict per call (about 40 ns of a line's
// time); `None` stands for the default. A test checks that they are the options of
// `Normalizer`.
#[pyfunction]
#[pyo3(signature = (
    text, /, *, version = None, html = None, presentation_forms = None, letters = None,
    teh_marbuta = None, ezafe = None, digits = None, remove_diacritics = None,
    remove_kashida = None, invisible = None, whitespace = None, punctuation = None,
    ellipsis = None, quotes = None, reduce_repeated_punctuation = None, spacing = None,
    spacing_options = None
))]
#[allow(clippy::too_many_arguments)]
pub fn normalize<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    version: Option<&Bound<'py, PyAny>>,
    html: Option<&Bound<'py, PyAny>>,
    presentation_forms: Option<&Bound<'py, PyAny>>,
    letters: Option<&Bound<'py, PyAny>>,
    teh_marbuta: Option<&Bound<'py, PyAny>>,
    ezafe: Option<&Bound<'py, PyAny>>,
    digits: Option<&Bound<'py, PyAny>>,
    remove_diacritics: Option<&Bound<'py, PyAny>>,
    remove_kashida: Option<&Bound<'py, PyAny>>,
    invisible: Option<&Bound<'py, PyAny>>,
    whitespace: Option<&Bound<'py, PyAny>>,
    punctuation: Option<&Bound<'py, PyAny>>,
    ellipsis: Option<&Bound<'py, PyAny>>,
    quotes: Option<&Bound<'py, PyAny>>,
    reduce_repeated_punctuation: Option<&Bound<'py, PyAny>>,
    spacing: Option<&Bound<'py, PyAny>>,
    spacing_options: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let all = [
        ("version", version),
        ("html", html),
        ("presentation_forms", presentation_forms),
        ("letters", letters),
        ("teh_marbuta", teh_marbuta),
        ("ezafe", ezafe),
        ("digits", digits),
        ("remove_diacritics", remove_diacritics),
        ("remove_kashida", remove_kashida),
        ("invisible", invisible),
        ("whitespace", whitespace),
        ("punctuation", punctuation),
        ("ellipsis", ellipsis),
        ("quotes", quotes),
        ("reduce_repeated_punctuation", reduce_repeated_punctuation),
        ("spacing", spacing),
        ("spacing_options", spacing_options),
    ];
    if all.iter().all(|(_, v)| v.is_none()) {
        return DEFAULT.run_normalize(py, text);
    }
    let mut given = Vec::new();
    for (name, v) in all {
        if let Some(v) = v {
            given.push((name.to_string(), py_to_json(v, name)?));
        }
    }
    PyNormalizer {
        inner: Normalizer::new(config_from_options(given, "")?)?,
    }
    .run_normalize(py, text)
}

/// Normalizes many texts with the given options (keyword arguments of `Normalizer`); see
/// `Normalizer.normalize_batch` for the batch, missing values and `threads`.
///
/// >>> normalize_batch(["علي", None, "سال ۱۴۰۲"], digits="latin")
/// ['علی', None, 'سال 1402']
#[pyfunction]
#[pyo3(signature = (texts, /, *, threads = None, **options))]
pub fn normalize_batch<'py>(
    py: Python<'py>,
    texts: &Bound<'py, PyAny>,
    threads: Option<usize>,
    options: Option<&Bound<'py, PyDict>>,
) -> PyResult<Bound<'py, PyList>> {
    match options {
        Some(o) if !o.is_empty() => PyNormalizer {
            inner: Normalizer::new(config_from(None, Some(o))?)?,
        }
        .normalize_batch(py, texts, threads),
        _ => DEFAULT.normalize_batch(py, texts, threads),
    }
}

/// Called in a forked child (registered with os.register_at_fork): batches then run on the
/// calling thread, since the thread pool did not survive the fork.
#[pyfunction]
pub fn _after_fork() {
    crate::batch::set_forked();
}
