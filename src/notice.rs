//! The messages the page shows about what happened: each on a topic, so that a new one replaces
//! the last on its topic instead of piling up, and some with a remedy the user can press.

/// How loud a notice is: `status` is read out politely, `alert` at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Status,
    Alert,
}

/// What a notice offers to do about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remedy {
    /// Everything kept under backup keys.
    DownloadBackups,
    ExportJson,
    UndoDeleteDocument,
    /// Store again the open document, which another tab deleted.
    KeepDocument,
}

/// What a notice is about: a new notice replaces the one shown on its topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// What the last command did.
    Status,
    /// Whether changes reach the browser's storage.
    Storage,
    /// A file that could not be read, written or imported.
    File,
    /// A file being read or written, while it is (its outcome then speaks for itself).
    FileWork,
    /// An action the document refused.
    Action,
    /// The open document was deleted in another tab.
    DeletedElsewhere,
    /// A document deleted here, with its undo.
    Deleted,
    /// An import that could not be applied.
    Import,
    /// Stored data that could not be read (kept under a backup key).
    Unreadable,
    /// What the team's room sent that was not taken.
    Sync,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: u64,
    pub topic: Topic,
    pub severity: Severity,
    pub text: String,
    pub remedy: Option<Remedy>,
}
