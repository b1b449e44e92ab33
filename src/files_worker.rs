//! The page's side of the files worker (`crates/redline-files`, its own wasm, started the first
//! time a file is imported or exported or a web page opened; the messages are
//! [`redline_core::formats::worker`]'s). The worker reads every import format, places
//! annotations on the open text, writes every export and finds a web page's article, so none of
//! that code is in what a reader downloads to open an article, and placing or writing a long
//! document's export never holds the page.
//!
//! One question at a time is answered, in the order asked; placing also reports its progress.
//! Cancelling ends the worker (the next question starts a new one): work under way in it
//! cannot be interrupted any other way.

use crate::actions::Actions;
use crate::own_worker::OwnWorker;
use redline_core::formats::w3c::Imported;
use redline_core::formats::worker::{FromFilesWorker, SentDocument, ToFilesWorker};
use redline_core::formats::ExportFormat;
use redline_core::reanchor::PlacementReport;
use redline_core::web_page::Extracted;
use redline_core::{Document, DocumentText, Label};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::ops::Deref;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

/// The worker's loader, beside the page (Trunk's loader shim for the `redline-files` binary).
const WORKER_SCRIPT: &str = "redline-files_loader.js";

/// A file read by the worker: what it holds, and how the worker finds it again to place it.
#[derive(Debug, PartialEq)]
pub struct ReadImport {
    imported: Imported,
    /// The worker's number for the file.
    number: u32,
    /// The label the user gave the untagged annotations (none: left out).
    untagged: Option<Label>,
}

impl Deref for ReadImport {
    type Target = Imported;
    fn deref(&self) -> &Imported {
        &self.imported
    }
}

impl ReadImport {
    /// The untagged annotations labelled `label`, or left out (`None`), here and when placed.
    pub fn label_untagged(&self, label: Option<Label>) -> ReadImport {
        ReadImport { imported: self.imported.label_untagged(label), number: self.number, untagged: label }
    }
}

/// Why an answer did not come.
#[derive(Debug, Clone, PartialEq)]
pub enum Stopped {
    Cancelled,
    /// A sentence.
    Failed(String),
}

/// A message from the worker and what came beside it (the files it wrote, as blobs).
type Answered = (FromFilesWorker, js_sys::Array);

type Answer = Rc<RefCell<Option<Result<Answered, Stopped>>>>;

/// A question waiting for its answer: the promise its asker awaits, and where the answer goes.
struct Question {
    resolve: js_sys::Function,
    answer: Answer,
}

#[derive(Default)]
pub struct FilesWorker {
    worker: RefCell<Option<OwnWorker>>,
    /// The last worker ended, kept until the next ends: it may be ending from inside one of
    /// its own handlers, which must outlive the call.
    ended: RefCell<Option<OwnWorker>>,
    next_number: Cell<u32>,
    /// Questions asked, oldest first.
    awaiting: RefCell<VecDeque<Question>>,
    /// Hears how far placing has got, while it runs.
    progress: RefCell<Option<Progress>>,
}

/// Told `done` of `total`.
type Progress = Box<dyn Fn(usize, usize)>;

impl FilesWorker {
    /// Whether a worker is running, its code loaded: if not, the next question waits for it.
    pub fn is_running(&self) -> bool {
        self.worker.borrow().as_ref().is_some_and(OwnWorker::has_started)
    }

    /// Reads `raw`, the file `file_name`, as an import; `open_text`: the open document's.
    pub async fn import(
        &self,
        actions: &Actions,
        file_name: &str,
        raw: String,
        open_text: Option<&DocumentText>,
    ) -> Result<ReadImport, String> {
        let number = self.next_number.get().wrapping_add(1);
        self.next_number.set(number);
        let open_text = open_text.map(|t| t.as_str().to_string());
        let message = ToFilesWorker::Import { number, file_name: file_name.into(), raw, now: crate::now(), open_text };
        match self.ask(actions, message).await {
            Ok(FromFilesWorker::Imported { number, imported: Ok(imported) }) => {
                Ok(ReadImport { imported: Rc::unwrap_or_clone(imported), number, untagged: None })
            }
            Ok(FromFilesWorker::Imported { imported: Err(error), .. }) => Err(error),
            Ok(_) => Err(UNREADABLE_ANSWER.into()),
            Err(Stopped::Cancelled) => Err("it was cancelled".into()),
            Err(Stopped::Failed(error)) => Err(error),
        }
    }

    /// Places `import`'s annotations on `text`: the placed annotations as storage records, in
    /// text order, and the report. `progress` hears how far it has got now and then.
    pub async fn place(
        &self,
        actions: &Actions,
        import: &ReadImport,
        text: &DocumentText,
        progress: impl Fn(usize, usize) + 'static,
    ) -> Result<(Vec<String>, PlacementReport), Stopped> {
        *self.progress.borrow_mut() = Some(Box::new(progress));
        let message =
            ToFilesWorker::Place { number: import.number, untagged: import.untagged, text: text.as_str().to_string() };
        let answer = self.ask(actions, message).await;
        self.progress.borrow_mut().take();
        match answer? {
            FromFilesWorker::Placed { records, report } => Ok((records, report)),
            FromFilesWorker::Failed(reason) => Err(Stopped::Failed(reason)),
            _ => Err(Stopped::Failed(UNREADABLE_ANSWER.into())),
        }
    }

    /// Finds the article in a web page, `page` as [`redline_core::web_page::FlatPage`] wrote it;
    /// the error is a sentence.
    pub async fn read_page(&self, actions: &Actions, page: Vec<String>) -> Result<Extracted, String> {
        match self.ask(actions, ToFilesWorker::ReadPage { page }).await {
            Ok(FromFilesWorker::Page(extracted)) => extracted,
            Ok(_) => Err(format!("{UNREADABLE_ANSWER}.")),
            Err(Stopped::Cancelled) => Err("It was cancelled.".into()),
            Err(Stopped::Failed(error)) => Err(format!("{error}.")),
        }
    }

    /// Writes the files `format` exports `document` to: each file's name and contents, in the
    /// order to download them; the error is a sentence.
    pub async fn export(
        &self,
        actions: &Actions,
        format: ExportFormat,
        document: &Document,
    ) -> Result<Vec<(String, web_sys::Blob)>, String> {
        let message = ToFilesWorker::Export { format, document: SentDocument::of(document) };
        match self.ask_for_files(actions, message).await {
            Ok((FromFilesWorker::Written(Ok(files)), blobs)) if blobs.length() as usize == files.len() => {
                let blobs = blobs.iter().map(|blob| blob.dyn_into::<web_sys::Blob>().ok());
                let written = files.into_iter().zip(blobs).map(|(file, blob)| Some((file.name, blob?)));
                written.collect::<Option<Vec<_>>>().ok_or_else(|| UNREADABLE_ANSWER.into())
            }
            Ok((FromFilesWorker::Written(Err(error)), _)) => Err(error),
            Ok(_) => Err(UNREADABLE_ANSWER.into()),
            Err(Stopped::Cancelled) => Err("it was cancelled".into()),
            Err(Stopped::Failed(error)) => Err(error),
        }
    }

    /// Stops the work under way: the worker ends, and whoever waits is told it was cancelled.
    pub fn cancel(&self) {
        self.stop(Stopped::Cancelled);
    }

    async fn ask(&self, actions: &Actions, message: ToFilesWorker) -> Result<FromFilesWorker, Stopped> {
        self.ask_for_files(actions, message).await.map(|(answer, _)| answer)
    }

    /// Asks `message`: the answer, and the files that came beside it.
    async fn ask_for_files(&self, actions: &Actions, message: ToFilesWorker) -> Result<Answered, Stopped> {
        if self.worker.borrow().is_none() {
            let worker = start_worker(actions.clone()).ok_or_else(|| Stopped::Failed(NOT_LOADED.into()))?;
            *self.worker.borrow_mut() = Some(worker);
        }
        let answer = Answer::default();
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            self.awaiting.borrow_mut().push_back(Question { resolve, answer: answer.clone() });
        });
        self.post(message.to_json());
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        let taken = answer.borrow_mut().take();
        taken.unwrap_or_else(|| Err(Stopped::Failed(BROKE.into())))
    }

    fn receive(&self, raw: &str, beside: js_sys::Array) {
        match FromFilesWorker::from_json(raw) {
            Some(FromFilesWorker::Ready) => {
                if let Some(worker) = self.worker.borrow_mut().as_mut() {
                    worker.started();
                }
            }
            Some(FromFilesWorker::Progress { done, total }) => {
                if let Some(progress) = self.progress.borrow().as_ref() {
                    progress(done, total);
                }
            }
            Some(answer) => self.answer(Ok((answer, beside))),
            None => self.answer(Err(Stopped::Failed(UNREADABLE_ANSWER.into()))),
        }
    }

    /// Hands the oldest waiting question its answer.
    fn answer(&self, answer: Result<Answered, Stopped>) {
        let Some(question) = self.awaiting.borrow_mut().pop_front() else { return };
        question.answered(answer);
    }

    /// Ends the worker; every waiting question gets `why`.
    fn stop(&self, why: Stopped) {
        let ended = self.worker.borrow_mut().take();
        if let Some(ended) = ended {
            ended.terminate();
            *self.ended.borrow_mut() = Some(ended);
        }
        let awaiting: Vec<_> = self.awaiting.borrow_mut().drain(..).collect();
        for question in awaiting {
            question.answered(Err(why.clone()));
        }
    }

    fn post(&self, json: String) {
        if let Some(worker) = self.worker.borrow_mut().as_mut() {
            worker.post(json);
        }
    }
}

impl Question {
    fn answered(self, answer: Result<Answered, Stopped>) {
        *self.answer.borrow_mut() = Some(answer);
        self.resolve.call0(&JsValue::NULL).ok();
    }
}

const NOT_LOADED: &str = "the code that reads and writes files could not be loaded; check the connection and try again";
const BROKE: &str = "the files worker stopped unexpectedly";
const UNREADABLE_ANSWER: &str = "the files worker gave an answer that could not be read";

/// Creates the files worker.
fn start_worker(actions: Actions) -> Option<OwnWorker> {
    let on_message = {
        let actions = actions.clone();
        move |raw: String, beside| actions.files().receive(&raw, beside)
    };
    // Its code could not be fetched or run (it never said it had started), or it broke while
    // working: whoever waits is told which, and the next question starts a new worker.
    let on_failure = move || {
        let files = actions.files();
        files.stop(Stopped::Failed(if files.is_running() { BROKE } else { NOT_LOADED }.into()));
    };
    OwnWorker::start(WORKER_SCRIPT, on_message, on_failure)
}
