//! paknevis: normalization and segmentation of Persian (Farsi) text.
#![deny(missing_docs)]

pub mod charset;
pub mod edit;
pub mod protect;
pub mod rules;
pub mod segment;
