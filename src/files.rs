//! Files in and out: downloads made from strings or blobs, and text read from chosen or dropped
//! files.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Offers `contents` as a download named `name`.
pub fn download(name: &str, mime: &str, contents: &str) -> Result<(), String> {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let parts = js_sys::Array::of1(&contents.into());
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(describe)?;
    download_blob(name, &blob)
}

/// Offers `blob` as a download named `name`.
pub fn download_blob(name: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(describe)?;
    let document = gloo::utils::document();
    let link: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(describe)?.dyn_into().map_err(|_| "no link element".to_string())?;
    link.set_href(&url);
    link.set_download(name);
    link.set_hidden(true);
    let body = document.body().ok_or("the page has no body")?;
    body.append_child(&link).map_err(describe)?;
    link.click();
    link.remove();
    // The download has started from the URL; release it once the click is handled.
    gloo::timers::callback::Timeout::new(10_000, move || {
        web_sys::Url::revoke_object_url(&url).ok();
    })
    .forget();
    Ok(())
}

/// The text of a file (or any blob), read as UTF-8.
pub async fn read_text(file: &web_sys::Blob) -> Result<String, String> {
    let text = JsFuture::from(file.text()).await.map_err(describe)?;
    text.as_string().ok_or_else(|| "the file could not be read as text".to_string())
}

/// A clipboard write asked for now, for text that comes later: a browser allows a write only
/// while the click that asked for it counts (Safari only within the click itself), and an export
/// may take longer than that. The text goes to the clipboard as the blob it was written to,
/// without being read into the page.
pub struct PendingClipboard {
    give: js_sys::Function,
    withdraw: js_sys::Function,
    written: js_sys::Promise,
}

impl PendingClipboard {
    /// Asks the clipboard now, for plain text to come.
    pub fn ask() -> Result<Self, String> {
        let mut settle = None;
        let text = js_sys::Promise::new(&mut |give, withdraw| settle = Some((give, withdraw)));
        let (give, withdraw) = settle.ok_or("the clipboard could not be asked")?;
        let record = js_sys::Object::new();
        js_sys::Reflect::set(&record, &PLAIN_TEXT.into(), &text).map_err(describe)?;
        let item = web_sys::ClipboardItem::new_with_record_from_str_to_blob_promise(&record).map_err(describe)?;
        let clipboard = gloo::utils::window().navigator().clipboard();
        let written = clipboard.write(&js_sys::Array::of1(&item));
        Ok(Self { give, withdraw, written })
    }

    /// Hands over the text, and waits for the clipboard to take it.
    pub async fn give(self, text: &web_sys::Blob) -> Result<(), String> {
        // The clipboard takes plain text only from a blob that says it is plain text.
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(PLAIN_TEXT);
        let plain = web_sys::Blob::new_with_blob_sequence_and_options(&js_sys::Array::of1(text), &options);
        match plain {
            Ok(plain) => self.give.call1(&wasm_bindgen::JsValue::NULL, &plain).map_err(describe)?,
            Err(error) => {
                self.withdraw();
                return Err(describe(error));
            }
        };
        JsFuture::from(self.written).await.map(|_| ()).map_err(describe)
    }

    /// Gives up the write: nothing is put on the clipboard.
    pub fn withdraw(self) {
        self.withdraw.call0(&wasm_bindgen::JsValue::NULL).ok();
        // The write now fails; that is expected, and not worth a message of its own.
        wasm_bindgen_futures::spawn_local(async move {
            JsFuture::from(self.written).await.ok();
        });
    }
}

const PLAIN_TEXT: &str = "text/plain";

/// Copies text to the clipboard.
pub async fn copy_to_clipboard(text: &str) -> Result<(), String> {
    let clipboard = gloo::utils::window().navigator().clipboard();
    JsFuture::from(clipboard.write_text(text)).await.map(|_| ()).map_err(describe)
}

fn describe(error: wasm_bindgen::JsValue) -> String {
    js_sys::Reflect::get(&error, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| format!("{error:?}"))
}
