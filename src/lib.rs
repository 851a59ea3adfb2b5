//! paknevis: fast, correct normalization and segmentation of Persian (Farsi) text.
//!
//! ```rust
//! use paknevis::{Normalizer, NormalizerConfig};
//! let n = Normalizer::new(NormalizerConfig::default()).unwrap();
//! assert_eq!(n.normalize("علي"), "علی");
//! assert_eq!(n.normalize("كتاب   ها"), "کتاب\u{200c}ها");
//! ```
#![deny(missing_docs)]

pub mod batch;
pub mod charset;
pub mod clean;
pub mod config;
pub mod context;
pub mod edit;
mod error;
pub mod html;
pub mod layout;
pub mod letters;
pub mod normalizer;
pub mod numbers;
pub mod protect;
pub mod quick;
pub mod rules;
pub mod segment;
pub mod spacing;

pub use config::{Digits, Ezafe, NormalizerConfig, TehMarbuta};
pub use error::{Error, Result};
pub use normalizer::{normalize, Edit, Normalized, Normalizer};
pub use rules::{Rule, RuleSet};
pub use spacing::{SpacingEngine, SpacingOptions};

#[cfg(test)]
mod testoibits {
    fn assert_all<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}

    #[test]
    fn oibits() {
        assert_all::<crate::Normalizer>();
        assert_all::<crate::Normalized>();
    }
}

#[cfg(feature = "python")]
mod python;
