//! One component or view function per file. Components receive data as props and act through
//! the page's [`crate::actions::Actions`] context; dialogs and small leaves take `on<verb>`
//! callbacks. A part that holds no state is a view function its parent calls (with `&Actions`
//! where it acts): each component costs the download its own copy of Yew's lifecycle code.

pub mod annotation_bucket;
pub mod annotation_editor;
pub mod annotation_filters;
pub mod annotation_item;
pub mod annotation_summary;
pub mod article_preview_dialog;
pub mod article_view;
pub mod confirm_delete_dialog;
pub mod dialog_host;
pub mod document_header;
pub mod document_list;
pub mod import_dialog;
pub mod metadata_dialog;
pub mod modal;
pub mod negotiation_map;
pub mod notices;
pub mod orphan_item;
pub mod paragraph;
pub mod party_rename;
pub mod paste_dialog;
pub mod reanchor_dialog;
pub mod relation_editor;
pub mod rename_dialog;
pub mod share_dialog;
pub mod shortcuts_dialog;
pub mod sidebar;
pub mod summary_chart;
pub mod sync_status;
pub mod tool_menu;
pub mod toolbar;
pub mod untagged_dialog;
