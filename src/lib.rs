//! The Red Line Annotator's web shell: Yew components over `redline-core`, plus the three places
//! that touch the browser: DOM selection ↔ offsets ([`dom`]), local storage ([`storage`]) and
//! files ([`files`]).

// Outside tests, a failure is handled or reported, never a panic.
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod actions;
pub mod app;
pub mod commands;
pub mod components;
pub mod dom;
pub mod files;
pub mod files_worker;
pub mod fingerprint;
pub mod first_screen;
pub mod graphemes;
pub mod hooks;
pub mod notice;
pub mod own_worker;
pub mod page_parser;
pub mod persistence;
pub mod reanchoring;
pub mod remote;
pub mod search;
pub mod shortcuts;
pub mod startup;
pub mod storage;
pub mod store;
pub mod sync_client;
pub mod tasks;

use wasm_bindgen::JsCast;

/// Mounts the app on `<main id="app">` (or the body), after installing the panic notice.
pub fn start() {
    yew::set_custom_panic_hook(Box::new(show_panic_notice));
    keep_for_offline_use();
    let root = gloo::utils::document().get_element_by_id("app");
    match root {
        Some(root) => yew::Renderer::<app::App>::with_root(root).render(),
        None => yew::Renderer::<app::App>::new().render(),
    };
}

/// How long after start the offline worker is registered.
const OFFLINE_WORKER_AFTER_MS: u32 = 3_000;

/// Registers the service worker that keeps the app's files, so that it opens with the network
/// gone (`static/sw.js`; its path is relative, so a sub-path deployment keeps its own). Where
/// the browser has no service workers (a page not served securely), the app simply needs its
/// server, as before.
fn keep_for_offline_use() {
    let Some(service_workers) = service_workers() else { return };
    // Once the page has settled: the worker fetches and stores the whole release again, which
    // must not compete with drawing a long article (its frames come over the first second).
    let register = move || {
        let registering = service_workers.register("sw.js");
        wasm_bindgen_futures::spawn_local(async move {
            if wasm_bindgen_futures::JsFuture::from(registering).await.is_err() {
                web_sys::console::warn_1(&"The app could not be kept for offline use.".into());
            }
        });
    };
    gloo::timers::callback::Timeout::new(OFFLINE_WORKER_AFTER_MS, register).forget();
}

/// The browser's service workers, where it has them (not on a page served insecurely).
pub fn service_workers() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = gloo::utils::window().navigator();
    js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false).then(|| navigator.service_worker())
}

/// A panic ends the WebAssembly instance; what the user sees instead of a dead page. Stored
/// data is untouched: every change was written when it was made.
fn show_panic_notice(info: &std::panic::PanicHookInfo) {
    web_sys::console::error_1(&info.to_string().into());
    let document = gloo::utils::document();
    let Ok(notice) = document.create_element("div") else {
        return;
    };
    notice.set_attribute("role", "alert").ok();
    notice.set_attribute("class", "panic-notice").ok();
    notice.set_attribute("data-testid", "panic-notice").ok();
    notice.set_text_content(Some("Something broke; your data is kept. Reload the page to continue."));
    if let Some(body) = document.body() {
        body.append_child(notice.unchecked_ref()).ok();
    }
}

/// Ends the app the way a bug would (a Rust panic), so that support can check that the crash
/// notice shows and that no stored work is lost: `wasmBindings.crash_for_diagnostics()` in the
/// browser's console.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn crash_for_diagnostics() {
    panic!("a crash was requested for diagnostics");
}

/// Milliseconds since the epoch, from the browser's clock.
pub fn now() -> redline_core::Timestamp {
    redline_core::Timestamp(js_sys::Date::now() as i64)
}

/// A fresh annotation id (UUID version 4) from the browser's random source.
pub fn new_annotation_id() -> redline_core::AnnotationId {
    redline_core::AnnotationId::from_random_bytes(random_bytes())
}

/// 16 bytes from the browser's cryptographic random source.
pub fn random_bytes() -> [u8; 16] {
    let mut bytes = [0u8; 16];
    let filled = gloo::utils::window()
        .crypto()
        .and_then(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).map(|_| ()));
    if filled.is_err() {
        for byte in bytes.iter_mut() {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    bytes
}
