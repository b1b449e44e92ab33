//! A web worker of the page's own (a wasm of its own, started through Trunk's loader shim) that
//! says when it has started: messages sent before then wait here, since a worker that is still
//! loading its wasm would lose them. The sync and files clients each keep one.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub struct OwnWorker {
    worker: web_sys::Worker,
    /// Messages for the worker until it says it has started.
    waiting: Option<Vec<String>>,
    _listener: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _failed: Closure<dyn FnMut(web_sys::Event)>,
}

impl OwnWorker {
    /// Creates the worker from `script` (the browser fetches its code now, unless the offline
    /// worker has it), or `None` if the browser refuses: `on_message` hears each message, with
    /// what came beside it (a message sent as `[message, value, …]`: files as blobs),
    /// `on_failure` that its code could not be fetched or run, or broke.
    pub fn start(
        script: &str,
        mut on_message: impl FnMut(String, js_sys::Array) + 'static,
        mut on_failure: impl FnMut() + 'static,
    ) -> Option<OwnWorker> {
        let worker = web_sys::Worker::new(script).ok()?;
        let listener = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            if let Some(raw) = data.as_string() {
                on_message(raw, js_sys::Array::new());
            } else if js_sys::Array::is_array(&data) {
                let beside: js_sys::Array = data.unchecked_into();
                if let Some(raw) = beside.shift().as_string() {
                    on_message(raw, beside);
                }
            }
        });
        let failed = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| on_failure());
        worker.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        worker.set_onerror(Some(failed.as_ref().unchecked_ref()));
        Some(OwnWorker { worker, waiting: Some(Vec::new()), _listener: listener, _failed: failed })
    }

    /// Sends `json` now, or once the worker has started.
    pub fn post(&mut self, json: String) {
        match &mut self.waiting {
            Some(waiting) => waiting.push(json),
            None => {
                self.worker.post_message(&JsValue::from_str(&json)).ok();
            }
        }
    }

    /// The worker said it has started: what waited is sent.
    pub fn started(&mut self) {
        for json in self.waiting.take().unwrap_or_default() {
            self.post(json);
        }
    }

    pub fn has_started(&self) -> bool {
        self.waiting.is_none()
    }

    pub fn terminate(&self) {
        self.worker.terminate();
    }
}
