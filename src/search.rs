//! Search matching with the browser's lower-casing: its Unicode case tables are already in the
//! browser, so the download need not carry Rust's copy.

use redline_core::document::Filter;
use redline_core::Annotation;

pub fn matches(filter: &Filter, annotation: &Annotation) -> bool {
    filter.matches_with(annotation, lowercase)
}

/// Unicode lower case (`String.prototype.toLowerCase`); ASCII text never leaves wasm.
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        js_sys::JsString::from(text).to_lower_case().into()
    }
}
