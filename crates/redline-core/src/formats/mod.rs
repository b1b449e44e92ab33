//! What a document becomes in a file, and back: the W3C Web Annotation collection (import and
//! export), doccano JSON Lines and CSV (export).

pub mod csv;
pub mod doccano;
mod json_path;
pub mod w3c;

/// A name for a downloaded file: the title with characters that file systems refuse replaced.
pub fn file_stem(title: &str) -> String {
    let cleaned: String =
        title.chars().map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c }).collect();
    let trimmed = cleaned.trim().trim_matches('.');
    let stem: String = trimmed.chars().take(80).collect();
    if stem.is_empty() {
        "document".to_string()
    } else {
        stem
    }
}
