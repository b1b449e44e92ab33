//! The app's long-lived effects, each a hook of its own so that `App` is layout and wiring.

mod persistence;
mod remote_changes;
mod window_keys;

pub use persistence::use_persistence;
pub use remote_changes::use_remote_changes;
pub use window_keys::use_window_keys;
