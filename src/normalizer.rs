//! The normalizer: an immutable, compiled pipeline of named steps.
//!
//! Steps run in a fixed order, each reading the previous one's output once:
//! 1. `html` (off by default): entities and tags;
//! 2. the character pass ([`crate::clean`]): presentation forms, letters, digits, diacritics,
//!    kashida, invisible characters, space characters;
//! 3. the layout pass ([`crate::layout`]): ZWNJ placement, whitespace, punctuation;
//! 4. the spacing engine ([`crate::spacing`]): spaces and ZWNJs between stems and affixes,
//!    decided with the lexicon.
//!
//! Protected spans (URLs, e-mails, mentions, hashtags, Latin words) are found afresh on each
//! pass's input and passed through untouched.
//!
//! Most lines of running text need nothing from steps 2 and 3: one scan ([`crate::quick`])
//! recognises such a line (no protected span, nothing either pass would change) and hands its
//! words straight to the spacing engine, which then reads no byte of the line a second time.
//! When no alignment is kept, the scan also takes lines where the passes would only make
//! edits that need no context (a diacritic dropped, a look-alike letter mapped, ASCII digits
//! made Persian), makes them itself and hands over the patched text's words. Debug builds
//! check every claim on every line that takes this path, the patched ones against the passes.

use crate::config::NormalizerConfig;
use crate::edit::{compose, Changes};
use crate::protect::find_protected;
use crate::rules::RuleSet;
use crate::spacing::SpacingEngine;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;

/// Most rounds of the HTML step (nesting deeper than this is left partly escaped).
const HTML_ROUNDS: usize = 16;

/// A compiled normalizer. Cheap to clone (shared inside), `Send + Sync`, immutable.
#[derive(Clone, Debug)]
pub struct Normalizer {
    inner: Arc<Inner>,
}

struct Inner {
    config: NormalizerConfig,
    /// The compiled spacing engine, when the `spacing` step is on.
    spacing: Option<SpacingEngine>,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Normalizer")
            .field("config", &self.config)
            .finish()
    }
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new(NormalizerConfig::default()).expect("the default configuration is valid")
    }
}

impl PartialEq for Normalizer {
    fn eq(&self, other: &Self) -> bool {
        self.inner.config == other.inner.config
    }
}

/// The result of [`Normalizer::normalize_aligned`]: the output text and the changes that lead
/// to it from the input, which map any output span back to the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// Changes from the input to `text`, sorted.
    pub changes: Changes,
}

/// One edit of [`Normalized::edits`]: replacing `input[src]` by `replacement` is what the
/// normalizer did there, by these rules.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit<'a> {
    /// The rules that made the edit.
    pub rules: RuleSet,
    /// Byte range of the input.
    pub src: Range<usize>,
    /// Byte range of the output.
    pub dst: Range<usize>,
    /// `input[src]`.
    pub original: &'a str,
    /// The text written instead.
    pub replacement: &'a str,
    /// Evidence a rule left, if any.
    pub note: Option<&'a str>,
}

impl Normalized {
    /// Maps a byte span of the output back to the input span that produced it.
    pub fn to_source(&self, span: Range<usize>) -> Range<usize> {
        self.changes.to_source(span)
    }

    /// The edits in order; applying them to `input` gives [`Normalized::text`].
    pub fn edits<'a>(&'a self, input: &'a str) -> impl Iterator<Item = Edit<'a>> + 'a {
        self.changes.list.iter().map(move |c| Edit {
            rules: c.rules,
            src: c.src.clone(),
            dst: c.dst.clone(),
            original: &input[c.src.clone()],
            replacement: &self.text[c.dst.clone()],
            note: c.note.map(|n| self.changes.notes[n as usize].as_str()),
        })
    }
}

impl Normalizer {
    /// Builds a normalizer from a configuration.
    pub fn new(config: NormalizerConfig) -> crate::Result<Normalizer> {
        config.validate()?;
        let spacing = if config.spacing {
            Some(SpacingEngine::new(&config.spacing_options).map_err(crate::Error::config)?)
        } else {
            None
        };
        Ok(Normalizer {
            inner: Arc::new(Inner { config, spacing }),
        })
    }

    /// The configuration this normalizer was built from.
    pub fn config(&self) -> &NormalizerConfig {
        &self.inner.config
    }

    /// Normalizes `text`. Borrows the input when nothing changed.
    pub fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.run(text, false).0
    }

    /// Normalizes `text` and keeps the alignment to the input.
    pub fn normalize_aligned(&self, text: &str) -> Normalized {
        let (out, changes) = self.run(text, true);
        Normalized {
            text: out.into_owned(),
            changes,
        }
    }

    fn run<'a>(&self, text: &'a str, track: bool) -> (Cow<'a, str>, Changes) {
        let cfg = &self.inner.config;
        let mut cur: Cow<'a, str> = Cow::Borrowed(text);
        let mut total = Changes::default();
        let mut step = |cur: &mut Cow<'a, str>, r| take_step(cur, &mut total, track, r);
        if cfg.html {
            // Until stable, so that the output is idempotent: unescaping «&amp;lt;» or
            // dropping the «<a>» of «<A<a>>» can make a new entity or tag. Each round is
            // linear and removes characters; the bound keeps nested input linear too.
            for _ in 0..HTML_ROUNDS {
                let r = crate::html::unescape_and_strip(&cur);
                if r.is_none() {
                    break;
                }
                step(&mut cur, r);
            }
        }
        // A text that both character-level passes would pass over, or would only patch in
        // ways that need no context: only spacing is left, and the words the check found go
        // straight to it. Patches are taken only when no alignment is kept.
        match &self.inner.spacing {
            Some(engine) => {
                let done = crate::quick::with_scratch(|s| {
                    let ok = if track {
                        crate::quick::scan(&cur, cfg, s)
                    } else {
                        crate::quick::scan_patched(&cur, cfg, s)
                    };
                    if !ok {
                        return None;
                    }
                    if s.patches.is_empty() {
                        debug_check_quick(&cur, cfg);
                        let r = engine.repair_words(&cur, &s.words, track);
                        debug_assert!(
                            r == engine.repair_tracked(&cur, &[], track),
                            "the spacing engine read the quick check's words otherwise: {cur:?}"
                        );
                        return Some((r, None));
                    }
                    let patched = s.apply(&cur);
                    debug_check_quick(&patched, cfg);
                    let r = engine.repair_words(&patched, &s.words, false);
                    debug_assert!(
                        r == engine.repair_tracked(&patched, &[], false),
                        "the spacing engine read the patching check's words otherwise: {cur:?}"
                    );
                    Some((r, Some(patched)))
                });
                match done {
                    Some((r, None)) => {
                        step(&mut cur, r);
                        return (cur, total);
                    }
                    Some((r, Some(patched))) => {
                        let out = r.map_or(patched, |(o, _)| o);
                        #[cfg(debug_assertions)]
                        {
                            let slow = self.passes(cur.clone(), false, Changes::default());
                            debug_assert!(
                                slow.0 == out,
                                "the patching check's text differs from the passes': {cur:?}"
                            );
                        }
                        return (Cow::Owned(out), total);
                    }
                    None => {}
                }
            }
            None => {
                if crate::quick::unchanged_by_char_passes(&cur, cfg) {
                    debug_check_quick(&cur, cfg);
                    return (cur, total);
                }
            }
        }
        self.passes(cur, track, total)
    }

    /// The character, layout and spacing passes over `cur`, composing their changes onto
    /// `total` when `track` is set.
    fn passes<'a>(
        &self,
        mut cur: Cow<'a, str>,
        track: bool,
        mut total: Changes,
    ) -> (Cow<'a, str>, Changes) {
        let cfg = &self.inner.config;
        let mut step = |cur: &mut Cow<'a, str>, r| take_step(cur, &mut total, track, r);
        let protected = find_protected(&cur);
        let r = crate::clean::clean_tracked(&cur, cfg, &protected, track);
        // The spans are found again only when the character pass changed the text.
        let protected = if r.is_some() { None } else { Some(protected) };
        step(&mut cur, r);
        let protected = protected.unwrap_or_else(|| find_protected(&cur));
        let r = crate::layout::layout_tracked(&cur, cfg, &protected, track);
        let protected = if r.is_some() { None } else { Some(protected) };
        step(&mut cur, r);
        if let Some(engine) = &self.inner.spacing {
            let protected = protected.unwrap_or_else(|| find_protected(&cur));
            let r = engine.repair_tracked(&cur, &protected, track);
            step(&mut cur, r);
        }
        (cur, total)
    }
}

/// Takes one step's result, if it changed anything: its text becomes the current one, and
/// (when `track` is set) its changes are composed onto `total`.
fn take_step<'a>(
    cur: &mut Cow<'a, str>,
    total: &mut Changes,
    track: bool,
    r: Option<(String, Changes)>,
) {
    if let Some((out, ch)) = r {
        if track {
            // The first step's changes are the total so far: moved, not copied.
            *total = if total.is_empty() {
                ch
            } else {
                compose(total, &ch)
            };
        }
        *cur = Cow::Owned(out);
    }
}

/// Debug builds (the tests) check the quick check's claim: no protected span, and both
/// character-level passes leave the text as it is.
#[inline]
fn debug_check_quick(_cur: &str, _cfg: &NormalizerConfig) {
    #[cfg(debug_assertions)]
    {
        let p = find_protected(_cur);
        debug_assert!(p.is_empty(), "quick check passed protected spans: {_cur:?}");
        debug_assert!(
            crate::clean::clean_tracked(_cur, _cfg, &p, false).is_none()
                && crate::layout::layout_tracked(_cur, _cfg, &p, false).is_none(),
            "quick check passed text a character pass changes: {_cur:?}"
        );
    }
}

/// Normalizes `text` with the default configuration.
pub fn normalize(text: &str) -> Cow<'_, str> {
    static DEFAULT: std::sync::LazyLock<Normalizer> = std::sync::LazyLock::new(Normalizer::default);
    DEFAULT.normalize(text)
}
