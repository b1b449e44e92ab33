//! Long work after a frame: awaiting [`next_frame`] first lets the page draw what it has to say
//! (a notice, the start of a long article) before the work holds it.

use wasm_bindgen::JsCast;

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
