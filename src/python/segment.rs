//! Segmentation from Python: `sentences`, `sentence_spans`, `words`, `word_spans`, `tokenize`,
//! the `Tokenizer` class and its `Token`s.
//!
//! Spans are code-point offsets into the text given. With `normalize=True` the text is
//! normalized first, segmented, and each piece's span is mapped back through the normalizer's
//! alignment, so `text[start:end]` is always a substring of the caller's own text; the strings
//! returned are then the normalized pieces.

use super::batch;
use super::convert::{json_to_py, text_arg, CharCounter};
use super::errors::{guard, ConfigError};
use super::normalizer::{config_from_options, DETACH_MIN_BYTES};
use super::options::{defaults, from_json_text, gather, merge, non_defaults};
use crate::segment::{self, SegmentOptions, TokenKind};
use crate::{Normalized, Normalizer, NormalizerConfig};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString, PyTuple, PyType};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::ops::Range;
use std::sync::LazyLock;

/// Current version of the tokenizer's configuration format.
pub const TOKENIZER_CONFIG_VERSION: u32 = 1;

/// All options of a `Tokenizer`; field names are the Python keyword arguments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TokenizerConfig {
    /// Format version ([`TOKENIZER_CONFIG_VERSION`]).
    pub version: u32,
    /// [`SegmentOptions::newline_is_space`].
    pub newline_is_space: bool,
    /// [`SegmentOptions::join_verb_parts`].
    pub join_verb_parts: bool,
    /// [`SegmentOptions::ellipsis_ends_sentence`].
    pub ellipsis_ends_sentence: bool,
    /// Normalize the text before segmenting it (spans still point into the input).
    pub normalize: bool,
    /// The normalizer used when `normalize` is on.
    pub normalizer: NormalizerConfig,
}

impl Default for TokenizerConfig {
    fn default() -> Self {
        TokenizerConfig {
            version: TOKENIZER_CONFIG_VERSION,
            newline_is_space: false,
            join_verb_parts: false,
            ellipsis_ends_sentence: false,
            normalize: false,
            normalizer: NormalizerConfig::default(),
        }
    }
}

impl TokenizerConfig {
    /// A configuration from options read from Python or JSON. The nested `normalizer` options
    /// (a dict, a `Normalizer`'s configuration, or None for the default) are merged onto the
    /// normalizer's defaults so that their errors name them (`normalizer.digits`).
    fn from_options(given: Vec<(String, Value)>) -> PyResult<TokenizerConfig> {
        let mut opts = Vec::with_capacity(given.len());
        for (key, val) in given {
            let val = if key == "normalizer" {
                let cfg = match val {
                    Value::Null => NormalizerConfig::default(),
                    Value::Object(m) => {
                        config_from_options(m.into_iter().collect(), "normalizer.")?
                    }
                    _ => {
                        return Err(ConfigError::new_err(
                            "option 'normalizer' must be a dict of Normalizer options, \
                             a Normalizer, or None",
                        ))
                    }
                };
                serde_json::to_value(cfg).map_err(|e| ConfigError::new_err(e.to_string()))?
            } else {
                val
            };
            opts.push((key, val));
        }
        let cfg: TokenizerConfig = merge(opts, "")?;
        if cfg.version == 0 || cfg.version > TOKENIZER_CONFIG_VERSION {
            return Err(ConfigError::new_err(format!(
                "option 'version': unsupported configuration version {} \
                 (this paknevis reads versions 1..={TOKENIZER_CONFIG_VERSION})",
                cfg.version
            )));
        }
        Ok(cfg)
    }

    fn segment_options(&self) -> SegmentOptions {
        SegmentOptions::new()
            .newline_is_space(self.newline_is_space)
            .join_verb_parts(self.join_verb_parts)
            .ellipsis_ends_sentence(self.ellipsis_ends_sentence)
    }

    fn json(&self) -> PyResult<Value> {
        serde_json::to_value(self).map_err(|e| ConfigError::new_err(e.to_string()))
    }
}

/// What a call returns.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Output {
    Sentences,
    SentenceSpans,
    Words,
    WordSpans,
    Tokens,
}

impl Output {
    fn is_sentences(self) -> bool {
        matches!(self, Output::Sentences | Output::SentenceSpans)
    }
}

/// A piece of the normalized text and the span of the input it came from (bytes).
struct Mapped {
    src: Range<usize>,
    dst: Range<usize>,
    kind: TokenKind,
}

/// The segmenter proper: options and, with `normalize`, the normalizer.
struct Engine {
    opts: SegmentOptions,
    normalizer: Option<Normalizer>,
}

impl Engine {
    fn from_config(cfg: &TokenizerConfig) -> PyResult<Engine> {
        Ok(Engine {
            opts: cfg.segment_options(),
            normalizer: if cfg.normalize {
                Some(Normalizer::new(cfg.normalizer.clone())?)
            } else {
                None
            },
        })
    }

    fn call<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        out: Output,
    ) -> PyResult<Bound<'py, PyList>> {
        let s = text_arg(text, "text")?;
        let done = run(py, s, || self.compute(s, out))?;
        self.build(py, text, s, done, out)
    }

    /// The core's work on `s` (no Python objects: runs detached, on any thread).
    fn compute(&self, s: &str, out: Output) -> Computed {
        let opts = &self.opts;
        match &self.normalizer {
            None if out.is_sentences() => Computed::Spans(segment::sentence_spans(s, opts)),
            None => Computed::Tokens(segment::tokenize(s, opts)),
            Some(n) => {
                let norm = n.normalize_aligned(s);
                let t = norm.text.as_str();
                let pieces = if out.is_sentences() {
                    let spans = segment::sentence_spans(t, opts);
                    map_back(s, &norm, spans.into_iter().map(|r| (r, TokenKind::Word)))
                } else {
                    let toks = segment::tokenize(t, opts);
                    map_back(s, &norm, toks.iter().map(|t| (t.start..t.end, t.kind)))
                };
                Computed::Mapped(norm, pieces)
            }
        }
    }

    /// The Python list for the result of [`Engine::compute`] on `s`, the UTF-8 of `text`.
    fn build<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        s: &str,
        done: Computed,
        out: Output,
    ) -> PyResult<Bound<'py, PyList>> {
        match done {
            Computed::Spans(spans) => {
                if out == Output::SentenceSpans {
                    return span_list(py, s, spans.into_iter());
                }
                if let [only] = spans.as_slice() {
                    if only.start == 0 && only.end == s.len() {
                        // One sentence, the whole text: the same str object, no copy.
                        return PyList::new(py, [text]);
                    }
                }
                substring_list(text, s, spans.into_iter())
            }
            Computed::Tokens(toks) => match out {
                Output::Words => substring_list(text, s, toks.iter().map(|t| t.start..t.end)),
                Output::WordSpans => span_list(py, s, toks.iter().map(|t| t.start..t.end)),
                _ => {
                    let mut cc = CharCounter::new(s);
                    let items = toks
                        .iter()
                        .map(|t| {
                            let start = cc.at(t.start);
                            let end = cc.at(t.end);
                            Bound::new(
                                py,
                                PyToken {
                                    text: substring(text, start, end)?
                                        .cast_into::<PyString>()?
                                        .unbind(),
                                    start,
                                    end,
                                    kind: t.kind,
                                },
                            )
                        })
                        .collect::<PyResult<Vec<_>>>()?;
                    PyList::new(py, items)
                }
            },
            Computed::Mapped(norm, pieces) => {
                let t = norm.text.as_str();
                match out {
                    Output::Sentences | Output::Words => PyList::new(
                        py,
                        pieces.iter().map(|p| PyString::new(py, &t[p.dst.clone()])),
                    ),
                    Output::SentenceSpans | Output::WordSpans => {
                        span_list(py, s, pieces.iter().map(|p| p.src.clone()))
                    }
                    Output::Tokens => {
                        let mut cc = CharCounter::new(s);
                        let items = pieces
                            .iter()
                            .map(|p| {
                                let start = cc.at(p.src.start);
                                let end = cc.at(p.src.end);
                                Bound::new(
                                    py,
                                    PyToken {
                                        text: PyString::new(py, &t[p.dst.clone()]).unbind(),
                                        start,
                                        end,
                                        kind: p.kind,
                                    },
                                )
                            })
                            .collect::<PyResult<Vec<_>>>()?;
                        PyList::new(py, items)
                    }
                }
            }
        }
    }

    /// Segments many texts: the core's work on the batch's texts runs detached, on the thread
    /// pool when the batch is large; missing values (None, NaN, pandas.NA) come back as they
    /// were, in place of a list.
    fn call_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
        out: Output,
    ) -> PyResult<Bound<'py, PyList>> {
        let items = batch::extract(texts)?;
        let done: Vec<Option<Computed>> = py.detach(|| {
            guard(|| {
                crate::batch::map(&items, threads, batch::weight, |it| {
                    it.text().map(|s| self.compute(s, out))
                })
            })
        })?;
        let list = PyList::empty(py);
        for (it, d) in items.iter().zip(done) {
            match (it, d) {
                (batch::Item::Text(s), Some(d)) => {
                    let text = s.as_py_str().bind(py).clone().into_any();
                    list.append(self.build(py, &text, s, d, out)?)?;
                }
                (batch::Item::Missing(m), _) => list.append(m.bind(py))?,
                (batch::Item::Text(_), None) => unreachable!("a text item always gives a result"),
            }
        }
        Ok(list)
    }
}

/// The result of the core's work on one text, before it becomes Python objects.
enum Computed {
    /// Sentence spans (bytes) of the text itself.
    Spans(Vec<Range<usize>>),
    /// Tokens of the text itself.
    Tokens(Vec<segment::Token>),
    /// The normalized text and its pieces mapped back onto the input.
    Mapped(Normalized, Vec<Mapped>),
}

/// Runs `f` (the core's work on `s`) with panics turned into `PaknevisError`, releasing the
/// GIL when `s` is long enough for that to pay.
fn run<T: Send>(
    py: Python<'_>,
    s: &str,
    f: impl FnOnce() -> T + Send + std::panic::UnwindSafe,
) -> PyResult<T> {
    if s.len() >= DETACH_MIN_BYTES {
        py.detach(|| guard(f))
    } else {
        guard(f)
    }
}

/// `text[a:b]` of a str, copied from its code points without decoding UTF-8.
fn substring<'py>(text: &Bound<'py, PyAny>, a: usize, b: usize) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: `text` is a live str (checked by `text_arg`, or a batch item's `PyBackedStr`);
    // PyUnicode_Substring returns a new reference or NULL with an exception set, which
    // `from_owned_ptr_or_err` takes over.
    unsafe {
        Bound::from_owned_ptr_or_err(
            text.py(),
            pyo3::ffi::PyUnicode_Substring(text.as_ptr(), a as isize, b as isize),
        )
    }
}

/// The list of `text[a:b]` for sorted byte spans of `s`, the UTF-8 of `text`.
fn substring_list<'py>(
    text: &Bound<'py, PyAny>,
    s: &str,
    spans: impl Iterator<Item = Range<usize>>,
) -> PyResult<Bound<'py, PyList>> {
    let mut cc = CharCounter::new(s);
    let items = spans
        .map(|r| {
            let a = cc.at(r.start);
            let b = cc.at(r.end);
            substring(text, a, b)
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(text.py(), items)
}

/// A list of `(start, end)` code-point spans from sorted byte spans of `s`.
fn span_list<'py>(
    py: Python<'py>,
    s: &str,
    spans: impl ExactSizeIterator<Item = Range<usize>>,
) -> PyResult<Bound<'py, PyList>> {
    let mut cc = CharCounter::new(s);
    let items = spans
        .map(|r| {
            let a = cc.at(r.start);
            let b = cc.at(r.end);
            (a, b).into_pyobject(py)
        })
        .collect::<PyResult<Vec<_>>>()?;
    PyList::new(py, items)
}

/// Maps pieces of the normalized text (byte spans, in order) back to spans of the input `src`
/// that are ordered, non-overlapping and trimmed of whitespace. Pieces that come from one
/// stretch of the input (a ligature that expands to several words, a rewritten region two
/// tokens share) become one piece, so each character of the input is in at most one.
fn map_back(
    src: &str,
    norm: &Normalized,
    pieces: impl Iterator<Item = (Range<usize>, TokenKind)>,
) -> Vec<Mapped> {
    let mut out: Vec<Mapped> = Vec::new();
    // A leading piece with no input of its own, waiting to join the next one.
    let mut carry: Option<Mapped> = None;
    for (dst, kind) in pieces {
        let r = norm.to_source(dst.clone());
        let floor = out.last().map_or(0, |m| m.src.end);
        let r = trim(src, r.start.max(floor)..r.end.max(floor));
        if r.start < r.end {
            let mut m = Mapped { src: r, dst, kind };
            if let Some(c) = carry.take() {
                m.src.start = m.src.start.min(c.src.start);
                m.dst.start = c.dst.start;
                m.kind = c.kind;
            }
            out.push(m);
        } else if let Some(last) = out.last_mut() {
            last.dst.end = dst.end;
        } else if let Some(c) = carry.as_mut() {
            c.dst.end = dst.end;
        } else {
            carry = Some(Mapped { src: r, dst, kind });
        }
    }
    out.extend(carry);
    out
}

/// `r` without the whitespace at its ends.
fn trim(s: &str, r: Range<usize>) -> Range<usize> {
    let piece = &s[r.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let rest = piece.trim();
    r.start + lead..r.start + lead + rest.len()
}

/// Splits Persian text into sentences and word tokens, with spans into the text given.
///
/// Options (keyword arguments, or a dict of them positionally): `newline_is_space`,
/// `join_verb_parts`, `ellipsis_ends_sentence`, `normalize` (normalize before segmenting;
/// spans still point into the input) and `normalizer` (the options of the normalizer used
/// then: a dict or a `Normalizer`). Instances are immutable, hashable, picklable and safe to
/// share between threads.
///
/// >>> Tokenizer().words("کتاب‌ها را خواندم.")
/// ['کتاب\u200cها', 'را', 'خواندم', '.']
#[pyclass(frozen, module = "paknevis._paknevis", name = "Tokenizer")]
pub struct PyTokenizer {
    cfg: TokenizerConfig,
    engine: Engine,
}

impl PyTokenizer {
    fn from_config(cfg: TokenizerConfig) -> PyResult<PyTokenizer> {
        Ok(PyTokenizer {
            engine: Engine::from_config(&cfg)?,
            cfg,
        })
    }
}

#[pymethods]
impl PyTokenizer {
    #[new]
    #[pyo3(signature = (config = None, /, **options))]
    fn new(
        config: Option<&Bound<'_, PyAny>>,
        options: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        PyTokenizer::from_config(TokenizerConfig::from_options(gather(config, options)?)?)
    }

    /// The sentences of `text` (the normalized sentences with `normalize=True`).
    ///
    /// >>> Tokenizer().sentences("سلام. خوبی؟")
    /// ['سلام.', 'خوبی؟']
    /// >>> Tokenizer(normalize=True).sentences("سلام . خوبي؟")
    /// ['سلام.', 'خوبی؟']
    fn sentences<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        self.engine.call(py, text, Output::Sentences)
    }

    /// The sentences of `text` as `(start, end)` code-point spans of `text`.
    ///
    /// >>> Tokenizer().sentence_spans("سلام. خوبی؟")
    /// [(0, 5), (6, 11)]
    fn sentence_spans<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        self.engine.call(py, text, Output::SentenceSpans)
    }

    /// The word tokens of `text` (normalized with `normalize=True`).
    ///
    /// >>> Tokenizer(join_verb_parts=True).words("او خواهد رفت.")
    /// ['او', 'خواهد رفت', '.']
    fn words<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        self.engine.call(py, text, Output::Words)
    }

    /// The word tokens of `text` as `(start, end)` code-point spans of `text`.
    ///
    /// >>> Tokenizer(normalize=True).word_spans("كتاب هاي من")
    /// [(0, 8), (9, 11)]
    fn word_spans<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        self.engine.call(py, text, Output::WordSpans)
    }

    /// The tokens of `text` with their text, span and kind.
    ///
    /// >>> [(t.text, t.kind) for t in Tokenizer().tokenize("ساعت 22:30 @ali")]
    /// [('ساعت', 'word'), ('22:30', 'datetime'), ('@ali', 'mention')]
    fn tokenize<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        self.engine.call(py, text, Output::Tokens)
    }

    /// The sentences of each of many texts: a list with, for each text, what `sentences` gives
    /// for it. Accepts any iterable of str (list, tuple, numpy array, pandas Series, pyarrow
    /// array); None, NaN and pandas.NA come back as they were. Large batches run in parallel
    /// without the GIL; `threads` is the number of threads, this one included (default: the
    /// PAKNEVIS_NUM_THREADS environment variable, else the number of CPUs); use `threads=1`
    /// inside Dask or Spark workers. A non-str item raises TypeError naming its index.
    ///
    /// >>> Tokenizer().sentences_batch(["سلام. خوبی؟", None])
    /// [['سلام.', 'خوبی؟'], None]
    #[pyo3(signature = (texts, /, *, threads = None))]
    fn sentences_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        self.engine
            .call_batch(py, texts, threads, Output::Sentences)
    }

    /// The word tokens of each of many texts: a list with, for each text, what `words` gives
    /// for it; missing values come back as they were (see `sentences_batch`).
    ///
    /// >>> Tokenizer(normalize=True).words_batch(["كتاب هاي من", None])
    /// [['کتاب\u200cهای', 'من'], None]
    #[pyo3(signature = (texts, /, *, threads = None))]
    fn words_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        self.engine.call_batch(py, texts, threads, Output::Words)
    }

    /// The tokens of each of many texts: a list with, for each text, what `tokenize` gives
    /// for it; missing values come back as they were (see `sentences_batch`).
    ///
    /// >>> [[t.kind for t in ts] for ts in Tokenizer().tokenize_batch(["۱۲ کتاب"])]
    /// [['number', 'word']]
    #[pyo3(signature = (texts, /, *, threads = None))]
    fn tokenize_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
    ) -> PyResult<Bound<'py, PyList>> {
        self.engine.call_batch(py, texts, threads, Output::Tokens)
    }

    /// The options as a dict (every option, with its value; `normalizer` as a dict).
    ///
    /// >>> Tokenizer(normalize=True).config["normalize"]
    /// True
    #[getter]
    fn config<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_py(py, &self.cfg.json()?)
    }

    /// The configuration as a JSON string (readable by `Tokenizer.from_json`).
    ///
    /// >>> Tokenizer.from_json(Tokenizer(normalize=True).to_json()) == Tokenizer(normalize=True)
    /// True
    fn to_json(&self) -> String {
        serde_json::to_string(&self.cfg).unwrap_or_default()
    }

    /// A tokenizer from a JSON configuration written by `to_json`.
    ///
    /// >>> Tokenizer.from_json('{"join_verb_parts": true}')
    /// Tokenizer(join_verb_parts=True)
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, s: &Bound<'_, PyAny>) -> PyResult<Self> {
        let s = text_arg(s, "json")?;
        PyTokenizer::from_config(TokenizerConfig::from_options(from_json_text(s)?)?)
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        let cfg = slf.get().config(slf.py())?;
        Ok((slf.get_type(), PyTuple::new(slf.py(), [cfg])?))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let (Value::Object(cur), Value::Object(def)) =
            (self.cfg.json()?, TokenizerConfig::default().json()?)
        else {
            return Ok("Tokenizer()".into());
        };
        let mut parts = Vec::new();
        for (k, v) in &cur {
            if k == "normalizer" {
                if let Value::Object(n) = v {
                    let nd = non_default_map(n, &defaults::<NormalizerConfig>()?);
                    if !nd.is_empty() {
                        let r = json_to_py(py, &Value::Object(nd))?.repr()?;
                        parts.push(format!("normalizer={r}"));
                    }
                }
            } else if def.get(k) != Some(v) {
                let mut one = serde_json::Map::new();
                one.insert(k.clone(), v.clone());
                parts.extend(non_defaults(py, &one, &def)?);
            }
        }
        Ok(format!("Tokenizer({})", parts.join(", ")))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyTokenizer>()
            .is_ok_and(|o| o.get().cfg == self.cfg)
    }

    fn __hash__(&self) -> u64 {
        super::options::config_hash(&self.cfg)
    }
}

/// The entries of `cur` that differ from `def`.
fn non_default_map(
    cur: &serde_json::Map<String, Value>,
    def: &serde_json::Map<String, Value>,
) -> serde_json::Map<String, Value> {
    cur.iter()
        .filter(|(k, v)| def.get(*k) != Some(*v))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// One token: its text, its `[start, end)` code-point span in the input, and its kind (word,
/// number, datetime, url, email, mention, hashtag, emoji, punct or symbol). With
/// `normalize=True` the text is the normalized token and `input[start:end]` the input it came
/// from.
///
/// >>> tokenize("كتاب هاي", normalize=True)
/// [Token(text='کتاب\u200cهای', start=0, end=8, kind='word')]
#[pyclass(frozen, module = "paknevis._paknevis", name = "Token")]
pub struct PyToken {
    text: Py<PyString>,
    start: usize,
    end: usize,
    kind: TokenKind,
}

fn kind_from_name(name: &str) -> PyResult<TokenKind> {
    TokenKind::ALL
        .iter()
        .copied()
        .find(|k| k.name() == name)
        .ok_or_else(|| {
            let names: Vec<&str> = TokenKind::ALL.iter().map(|k| k.name()).collect();
            PyValueError::new_err(format!(
                "unknown token kind '{name}'; kinds: {}",
                names.join(", ")
            ))
        })
}

#[pymethods]
impl PyToken {
    #[new]
    fn new(text: &Bound<'_, PyAny>, start: usize, end: usize, kind: &str) -> PyResult<Self> {
        text_arg(text, "text")?;
        Ok(PyToken {
            text: text.cast::<PyString>()?.clone().unbind(),
            start,
            end,
            kind: kind_from_name(kind)?,
        })
    }

    /// The token's text (normalized when the tokenizer normalizes).
    #[getter]
    fn text(&self, py: Python<'_>) -> Py<PyString> {
        self.text.clone_ref(py)
    }

    /// Start of the token in the input (code points).
    #[getter]
    fn start(&self) -> usize {
        self.start
    }

    /// End of the token in the input (code points).
    #[getter]
    fn end(&self) -> usize {
        self.end
    }

    /// The kind: word, number, datetime, url, email, mention, hashtag, emoji, punct, symbol.
    #[getter]
    fn kind(&self) -> &'static str {
        self.kind.name()
    }

    /// The token as a tuple `(text, start, end, kind)`.
    ///
    /// >>> tokenize("۱۲")[0].as_tuple()
    /// ('۱۲', 0, 2, 'number')
    fn as_tuple(&self, py: Python<'_>) -> (Py<PyString>, usize, usize, &'static str) {
        (
            self.text.clone_ref(py),
            self.start,
            self.end,
            self.kind.name(),
        )
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> (
        Bound<'py, PyType>,
        (Py<PyString>, usize, usize, &'static str),
    ) {
        (slf.get_type(), slf.get().as_tuple(slf.py()))
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Token(text={}, start={}, end={}, kind='{}')",
            self.text.bind(py).repr()?,
            self.start,
            self.end,
            self.kind.name()
        ))
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        let Ok(o) = other.cast::<PyToken>() else {
            return Ok(false);
        };
        let o = o.get();
        Ok(o.start == self.start
            && o.end == self.end
            && o.kind == self.kind
            && PyAnyMethods::eq(o.text.bind(py).as_any(), self.text.bind(py))?)
    }

    fn __hash__(&self, py: Python<'_>) -> PyResult<isize> {
        self.as_tuple(py).into_pyobject(py)?.hash()
    }
}

static PLAIN: LazyLock<Engine> = LazyLock::new(|| Engine {
    opts: SegmentOptions::new(),
    normalizer: None,
});

static NORMALIZING: LazyLock<Engine> = LazyLock::new(|| Engine {
    opts: SegmentOptions::new(),
    normalizer: Some(Normalizer::default()),
});

/// Runs `f` with the engine for the keyword options of a module-level function: a shared one
/// for the defaults, one built on the spot otherwise (boolean options without parsing a
/// configuration; anything else through `Tokenizer`'s checks).
fn with_engine<'py, R>(
    options: Option<&Bound<'py, PyDict>>,
    f: impl FnOnce(&Engine) -> PyResult<R>,
) -> PyResult<R> {
    let Some(o) = options.filter(|o| !o.is_empty()) else {
        return f(&PLAIN);
    };
    if let Some(e) = quick_engine(o) {
        return f(&e);
    }
    let cfg = TokenizerConfig::from_options(gather(None, Some(o))?)?;
    f(&Engine::from_config(&cfg)?)
}

/// The engine for boolean options given as `True`/`False`, or None for anything else.
fn quick_engine(o: &Bound<'_, PyDict>) -> Option<Engine> {
    let mut opts = SegmentOptions::new();
    let mut normalize = false;
    for (k, v) in o.iter() {
        let on = v.cast::<PyBool>().ok()?.is_true();
        let k = k.cast::<PyString>().ok()?;
        match k.to_str().ok()? {
            "normalize" => normalize = on,
            "newline_is_space" => opts.newline_is_space = on,
            "join_verb_parts" => opts.join_verb_parts = on,
            "ellipsis_ends_sentence" => opts.ellipsis_ends_sentence = on,
            _ => return None,
        }
    }
    Some(Engine {
        opts,
        normalizer: normalize.then(|| NORMALIZING.normalizer.clone()).flatten(),
    })
}

macro_rules! module_fn {
    ($rust:ident, $name:literal, $out:expr, $doc:literal) => {
        #[doc = $doc]
        #[pyfunction(name = $name)]
        #[pyo3(signature = (text, **options))]
        pub fn $rust<'py>(
            py: Python<'py>,
            text: &Bound<'py, PyAny>,
            options: Option<&Bound<'py, PyDict>>,
        ) -> PyResult<Bound<'py, PyList>> {
            with_engine(options, |e| e.call(py, text, $out))
        }
    };
}

module_fn!(
    sentences,
    "sentences",
    Output::Sentences,
    "The sentences of `text`. Options are those of `Tokenizer`; with `normalize=True` the \
     sentences are normalized.\n\n\
     >>> sentences(\"سلام. خوبی؟\")\n\
     ['سلام.', 'خوبی؟']"
);
module_fn!(
    sentence_spans,
    "sentence_spans",
    Output::SentenceSpans,
    "The sentences of `text` as `(start, end)` code-point spans of `text` (options of \
     `Tokenizer`).\n\n\
     >>> sentence_spans(\"سلام. خوبی؟\")\n\
     [(0, 5), (6, 11)]"
);
module_fn!(
    words,
    "words",
    Output::Words,
    "The word tokens of `text`. Options are those of `Tokenizer`; with `normalize=True` the \
     tokens are normalized.\n\n\
     >>> words(\"كتاب هاي من.\", normalize=True)\n\
     ['کتاب\\u200cهای', 'من', '.']"
);
module_fn!(
    word_spans,
    "word_spans",
    Output::WordSpans,
    "The word tokens of `text` as `(start, end)` code-point spans of `text` (options of \
     `Tokenizer`).\n\n\
     >>> word_spans(\"کتاب‌ها را\")\n\
     [(0, 7), (8, 10)]"
);
module_fn!(
    tokenize,
    "tokenize",
    Output::Tokens,
    "The tokens of `text` as `Token`s: text, span and kind (options of `Tokenizer`).\n\n\
     >>> tokenize(\"سال ۱۴۰۲\")\n\
     [Token(text='سال', start=0, end=3, kind='word'), Token(text='۱۴۰۲', start=4, end=8, kind='number')]"
);

macro_rules! module_batch_fn {
    ($rust:ident, $name:literal, $out:expr, $doc:literal) => {
        #[doc = $doc]
        #[pyfunction(name = $name)]
        #[pyo3(signature = (texts, /, *, threads = None, **options))]
        pub fn $rust<'py>(
            py: Python<'py>,
            texts: &Bound<'py, PyAny>,
            threads: Option<usize>,
            options: Option<&Bound<'py, PyDict>>,
        ) -> PyResult<Bound<'py, PyList>> {
            with_engine(options, |e| e.call_batch(py, texts, threads, $out))
        }
    };
}

module_batch_fn!(
    sentences_batch,
    "sentences_batch",
    Output::Sentences,
    "The sentences of each of many texts (options of `Tokenizer`; see \
     `Tokenizer.sentences_batch` for the batch and `threads`). Missing values (None, NaN, \
     pandas.NA) come back as they were.\n\n\
     >>> sentences_batch([\"سلام. خوبی؟\", None])\n\
     [['سلام.', 'خوبی؟'], None]"
);
module_batch_fn!(
    words_batch,
    "words_batch",
    Output::Words,
    "The word tokens of each of many texts (options of `Tokenizer`; see \
     `Tokenizer.sentences_batch` for the batch and `threads`). Missing values (None, NaN, \
     pandas.NA) come back as they were.\n\n\
     >>> words_batch([\"كتاب هاي من\", None], normalize=True)\n\
     [['کتاب\\u200cهای', 'من'], None]"
);
module_batch_fn!(
    tokenize_batch,
    "tokenize_batch",
    Output::Tokens,
    "The `Token`s of each of many texts (options of `Tokenizer`; see \
     `Tokenizer.sentences_batch` for the batch and `threads`). Missing values come back as \
     they were.\n\n\
     >>> [[t.text for t in ts] for ts in tokenize_batch([\"سلام دنیا\"])]\n\
     [['سلام', 'دنیا']]"
);
