//! Grapheme clusters from the browser's `Intl.Segmenter`: its Unicode segmentation tables are
//! already in the browser, so the download need not carry Rust's copy.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = Segmenter)]
    type Segmenter;
    #[wasm_bindgen(constructor, catch, js_namespace = Intl, js_class = "Segmenter")]
    fn new(locales: &JsValue, options: &js_sys::Object) -> Result<Segmenter, JsValue>;
    #[wasm_bindgen(method)]
    fn segment(this: &Segmenter, text: &str) -> JsValue;
}

/// Where the grapheme clusters of `text` start, in bytes. Without `Intl.Segmenter` (browsers
/// before 2024), every code point counts as a cluster of its own.
pub fn starts(text: &str) -> Vec<usize> {
    let code_points = || text.char_indices().map(|(offset, _)| offset).collect();
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"granularity".into(), &"grapheme".into()).ok();
    let Ok(segmenter) = Segmenter::new(&JsValue::UNDEFINED, &options) else {
        return code_points();
    };
    let Ok(Some(segments)) = js_sys::try_iter(&segmenter.segment(text)) else {
        return code_points();
    };
    // Segments come in order, indexed in UTF-16 code units: one walk over the text maps them.
    let mut chars = text.char_indices().peekable();
    let mut utf16 = 0;
    let mut starts = Vec::new();
    for segment in segments.flatten() {
        let Some(index) = js_sys::Reflect::get(&segment, &"index".into()).ok().and_then(|i| i.as_f64()) else {
            continue;
        };
        let index = index as usize;
        while let Some(&(_, ch)) = chars.peek().filter(|_| utf16 < index) {
            utf16 += ch.len_utf16();
            chars.next();
        }
        if utf16 == index {
            starts.push(chars.peek().map_or(text.len(), |&(offset, _)| offset));
        }
    }
    starts
}
