//! Long work done a slice at a time: awaiting these between slices lets the page draw and take
//! input in between.

use wasm_bindgen::JsCast;

/// How long one slice of long work may run (ms) before the page gets its turn.
pub const SLICE_MS: f64 = 25.0;

/// Resolves in a new task (`setTimeout(0)`), after the browser has had its turn.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            window.set_timeout_with_callback(&resolve).ok();
        }
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.ok();
}

/// Resolves in a task queued from the next animation frame, so after that frame is drawn (a
/// timer alone may run several slices before the browser draws).
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else { return };
        let after_drawing = wasm_bindgen::closure::Closure::once_into_js(move || {
            if let Some(window) = web_sys::window() {
                window.set_timeout_with_callback(resolve.unchecked_ref()).ok();
            }
        });
        window.request_animation_frame(after_drawing.unchecked_ref()).ok();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.ok();
}
