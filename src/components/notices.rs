//! Status and error messages: a polite live region for news, an alert region for problems.

use crate::actions::Actions;
use crate::store::{Notice, Remedy, Severity};
use yew::prelude::*;

pub fn notices(actions: &Actions, notices: &[Notice]) -> Html {
    let render = |severity: Severity| {
        notices
            .iter()
            .filter(|n| n.severity == severity)
            .map(|notice| {
                let id = notice.id;
                let dismiss = actions.clone();
                let remedy = notice.remedy.clone().map(|remedy| {
                    let actions = actions.clone();
                    let label = match &remedy {
                        Remedy::DownloadBackups => "Download the unreadable data",
                        Remedy::ExportJson => "Export JSON now",
                        Remedy::UndoDeleteDocument => "Undo delete",
                        Remedy::KeepDocument => "Keep it",
                    };
                    html! { <button type="button" onclick={move |_| actions.remedy(remedy.clone())}>{ label }</button> }
                });
                html! {
                    <div key={id} class={classes!("notice", if severity == Severity::Alert { "alert" } else { "status" })}>
                        <span class="notice-text">{ notice.text.clone() }</span>
                        { for remedy }
                        <button type="button" class="icon" aria-label="Dismiss message" onclick={move |_| dismiss.dismiss(id)}>{ "×" }</button>
                    </div>
                }
            })
            .collect::<Html>()
    };
    html! {
        <div class="notices">
            <div role="alert" data-testid="alerts">{ render(Severity::Alert) }</div>
            <div role="status" aria-live="polite" data-testid="status">{ render(Severity::Status) }</div>
        </div>
    }
}
