//! biyelelt: Mongolian implementation reports ("төлөвлөгөөний биелэлт") to a checked Parquet
//! dataset.
//!
//! Data flow, one module each: [`read`] (bytes → document) → [`layout`] (positioned words →
//! document; text exports skip it) → [`normalize`] (Mongolian Cyrillic clean-up, used by
//! segmentation on every field) → [`segment`] (document → typed [`model::Report`]) →
//! [`dataset`] (reports → Parquet tables). [`pipeline`] runs one file through all of it.

pub mod check;
pub mod dataset;
pub mod error;
pub mod layout;
pub mod metrics;
pub mod model;
pub mod normalize;
pub mod pipeline;
pub mod read;
pub mod segment;
pub mod view;
