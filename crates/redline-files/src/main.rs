//! The files worker: its own wasm, started the first time a file is imported or exported. It
//! reads the file and places its annotations on the open text by the core's rules
//! ([`redline_core::formats::worker`]), telling the page how far it has got now and then, and
//! writes exports, handing the page each file as a blob.

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::start();
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use redline_core::formats::worker::{FilesWork, FromFilesWorker, ToFilesWorker};
    use redline_core::AnnotationId;
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{Blob, BlobPropertyBag, DedicatedWorkerGlobalScope, MessageEvent};

    /// How often the page hears how far placing has got.
    const PROGRESS_EVERY_MS: f64 = 50.0;

    thread_local! {
        static WORK: RefCell<FilesWork> = RefCell::new(FilesWork::default());
    }

    pub fn start() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new({
            let scope = scope.clone();
            move |event: MessageEvent| {
                let Some(message) = event.data().as_string().and_then(|raw| ToFilesWorker::from_json(&raw)) else {
                    return;
                };
                let mut told = js_sys::Date::now();
                let mut progress = |done, total| {
                    if js_sys::Date::now() - told >= PROGRESS_EVERY_MS {
                        tell(&scope, &FromFilesWorker::Progress { done, total });
                        told = js_sys::Date::now();
                    }
                };
                let (answer, contents) =
                    WORK.with(|work| work.borrow_mut().answer(message, &mut fresh_id, &mut progress));
                tell_with_files(&scope, &answer, contents);
            }
        });
        scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
        onmessage.forget();
        tell(&scope, &FromFilesWorker::Ready);
    }

    fn tell(scope: &DedicatedWorkerGlobalScope, message: &FromFilesWorker) {
        let _ = scope.post_message(&JsValue::from_str(&message.to_json()));
    }

    /// Sends `message` with the contents of the files it names beside it, as blobs of their
    /// types: `[message, blob, …]`.
    fn tell_with_files(scope: &DedicatedWorkerGlobalScope, message: &FromFilesWorker, contents: Vec<String>) {
        let FromFilesWorker::Written(Ok(files)) = message else { return tell(scope, message) };
        let sent = js_sys::Array::of1(&JsValue::from_str(&message.to_json()));
        for (file, contents) in files.iter().zip(contents) {
            let options = BlobPropertyBag::new();
            options.set_type(&file.media_type);
            let parts = js_sys::Array::of1(&JsValue::from_str(&contents));
            match Blob::new_with_str_sequence_and_options(&parts, &options) {
                Ok(blob) => sent.push(&blob),
                Err(_) => {
                    let failed = FromFilesWorker::Written(Err("the browser could not hold the file".into()));
                    return tell(scope, &failed);
                }
            };
        }
        let _ = scope.post_message(&sent);
    }

    /// A fresh annotation id (UUID version 4) from the browser's random source.
    fn fresh_id() -> AnnotationId {
        let mut bytes = [0u8; 16];
        let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
        let filled = scope.crypto().and_then(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).map(|_| ()));
        if filled.is_err() {
            for byte in bytes.iter_mut() {
                *byte = (js_sys::Math::random() * 256.0) as u8;
            }
        }
        AnnotationId::from_random_bytes(bytes)
    }
}
