//! The normalizer's configuration: one named, switchable field per step, serde-serializable.
//!
//! The serialized form carries a `version`; unknown fields are rejected so a typo never passes
//! silently. `Default` is the recommended setting for ordinary Persian text.

use serde::{Deserialize, Serialize};

/// Current configuration format version.
pub const CONFIG_VERSION: u32 = 1;

/// Digit set written by the `digits` step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Digits {
    /// Persian digits ۰–۹; ASCII digits only in Persian context. Decimal `.` → `٫`,
    /// thousands `,` → `٬`, `%` → `٪` inside such numbers.
    #[default]
    Fa,
    /// ASCII digits 0–9; `٫` → `.`, `٬` → `,`, `٪` → `%` inside numbers.
    Latin,
    /// Digits untouched.
    Keep,
}

/// How teh marbuta (ة) is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum TehMarbuta {
    /// ة is kept (Arabic words and names keep their spelling).
    #[default]
    Keep,
    /// ة → ه.
    Heh,
}

/// How the ezafe on a word-final heh is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Ezafe {
    /// The Academy standard هٔ (heh + hamza above U+0654); ۀ (U+06C0) is rewritten to it.
    #[default]
    Standard,
    /// ه‌ی (heh, ZWNJ, yeh); ۀ and هٔ are rewritten to it.
    Joda,
    /// Left as written.
    Keep,
}

/// All options of the normalizer. Field names are the Python keyword arguments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct NormalizerConfig {
    /// Format version ([`CONFIG_VERSION`]).
    pub version: u32,
    /// Unescape HTML entities and drop tags (block tags become line breaks). Off by default.
    pub html: bool,
    /// Arabic presentation forms (U+FB50–FDFF, U+FE70–FEFC) → base letters, ligatures expanded.
    pub presentation_forms: bool,
    /// Arabic and Urdu/Kurdish/Pashto look-alike letters → Persian letters (ي ى → ی, ك → ک …).
    pub letters: bool,
    /// Teh marbuta handling.
    pub teh_marbuta: TehMarbuta,
    /// Ezafe-on-heh style.
    pub ezafe: Ezafe,
    /// Digit set.
    pub digits: Digits,
    /// Remove harakat, tanwin, shadda, sukun, superscript alef and Quranic marks.
    pub remove_diacritics: bool,
    /// Remove kashida (tatweel, U+0640).
    pub remove_kashida: bool,
    /// Remove bidi controls, BOM, ZWSP, word joiner and stray ZWJ; soft hyphen and ¬ used as a
    /// half-space → ZWNJ; clean up misplaced and duplicate ZWNJs.
    pub invisible: bool,
    /// Unicode spaces and tabs → space, runs collapsed, lines trimmed, CR/CRLF → LF, at most one
    /// blank line between paragraphs.
    pub whitespace: bool,
    /// In Persian context: , ; ? → ، ؛ ؟ and spacing around punctuation and brackets.
    pub punctuation: bool,
    /// `...` → `…` (in Persian context).
    pub ellipsis: bool,
    /// Straight and curly double quotes → «» (in Persian context, paired on a line).
    pub quotes: bool,
    /// Runs of the same ! ? ؟ reduced to one (in Persian context).
    pub reduce_repeated_punctuation: bool,
    /// Spacing and ZWNJ repair with the built-in lexicon.
    pub spacing: bool,
    /// Options of the spacing engine.
    pub spacing_options: crate::spacing::SpacingOptions,
}

impl Default for NormalizerConfig {
    fn default() -> Self {
        NormalizerConfig {
            version: CONFIG_VERSION,
            html: false,
            presentation_forms: true,
            letters: true,
            teh_marbuta: TehMarbuta::Keep,
            ezafe: Ezafe::Standard,
            digits: Digits::Fa,
            remove_diacritics: true,
            remove_kashida: true,
            invisible: true,
            whitespace: true,
            punctuation: true,
            ellipsis: false,
            quotes: false,
            reduce_repeated_punctuation: false,
            spacing: true,
            spacing_options: crate::spacing::SpacingOptions::default(),
        }
    }
}

impl NormalizerConfig {
    /// Parses a JSON configuration, rejecting unknown fields and future versions.
    pub fn from_json(s: &str) -> crate::Result<NormalizerConfig> {
        let cfg: NormalizerConfig = serde_json::from_str(s).map_err(|e| {
            crate::Error::config(format!(
                "invalid configuration JSON at line {} column {}: {}",
                e.line(),
                e.column(),
                e
            ))
        })?;
        cfg.validate()?;
        Ok(cfg)
    }

    /// The configuration as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Checks values serde cannot check (the version).
    pub fn validate(&self) -> crate::Result<()> {
        if self.version == 0 || self.version > CONFIG_VERSION {
            return Err(crate::Error::config(format!(
                "unsupported configuration version {} (this paknevis reads versions 1..={})",
                self.version, CONFIG_VERSION
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_and_errors() {
        let c = NormalizerConfig {
            digits: Digits::Latin,
            ..Default::default()
        };
        let j = c.to_json();
        assert_eq!(NormalizerConfig::from_json(&j).unwrap(), c);
        let e = NormalizerConfig::from_json(r#"{"digitz": "fa"}"#).unwrap_err();
        assert!(e.to_string().contains("digitz"), "{e}");
        let e = NormalizerConfig::from_json(r#"{"digits": "roman"}"#).unwrap_err();
        assert!(e.to_string().contains("latin"), "{e}");
        assert!(NormalizerConfig::from_json(r#"{"version": 9}"#).is_err());
    }
}
