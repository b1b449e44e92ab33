//! The app's long-lived effects, each a hook of its own so that `App` is layout and wiring.

mod remote_changes;
mod scroll_to_flash;
mod sync;
mod window_keys;

pub use crate::actions::use_actions;
pub use crate::persistence::use_persistence;
pub use remote_changes::use_remote_changes;
pub use scroll_to_flash::use_scroll_to_flash;
pub use sync::use_sync;
pub use window_keys::use_window_keys;
