//! biyelelt: Mongolian implementation reports ("төлөвлөгөөний биелэлт") to a checked Parquet
//! dataset.
//!
//! Data flow, one module each: [`read`] (bytes → document) → [`layout`] (positioned words →
//! document; text exports skip it) → [`normalize`] (Mongolian Cyrillic clean-up, used by
//! segmentation on every field) → [`segment`] (document → typed [`model::Report`]) →
//! [`metrics`] → [`check`] (findings) → [`locate`] (their figures' boxes on PDF and scan pages)
//! → [`dataset`] (reports → Parquet tables; [`series`] links measures across reports on the
//! way). [`pipeline`] runs one file through all of it; [`archive`] decides which files of an
//! archive need it; [`yoy`] reads a dataset back for the year-over-year view.

pub mod archive;
pub mod check;
pub mod dataset;
pub mod error;
pub mod layout;
pub mod lexicon;
pub mod limits;
pub mod locate;
pub mod metrics;
pub mod model;
pub mod normalize;
pub mod pipeline;
pub mod read;
pub mod scoring;
pub mod segment;
pub mod series;
pub mod view;
pub mod yoy;
