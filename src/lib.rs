//! paknevis: normalization and segmentation of Persian (Farsi) text.
#![deny(missing_docs)]

pub mod edit;
pub mod rules;
pub mod spacing;
