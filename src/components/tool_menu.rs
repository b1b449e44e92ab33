//! A group of toolbar commands that a phone folds into a menu: at desktop width its buttons
//! stand in the toolbar as they are (the toggle is hidden); at phone width a toggle shows them
//! as a drop-down, which closes when one is used, on Escape, or when the toggle is pressed again.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolMenuProps {
    /// The group's accessible name ("Files").
    pub name: AttrValue,
    /// The toggle's text at phone width.
    pub toggle: AttrValue,
    pub children: Html,
}

#[component]
pub fn ToolMenu(props: &ToolMenuProps) -> Html {
    let open = use_state_eq(|| false);
    let panel_id = format!("menu-{}", props.name.to_ascii_lowercase());
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    // A command used (a click inside) or Escape closes it; the toggle gets the focus back.
    let onclick = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(false))
    };
    let onkeydown = {
        let open = open.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" && *open {
                event.stop_propagation();
                open.set(false);
            }
        })
    };
    html! {
        <div class="tool-menu" {onkeydown}>
            <button type="button" class="menu-toggle" aria-expanded={open.to_string()} aria-controls={panel_id.clone()}
                onclick={ontoggle}>{ props.toggle.clone() }<span aria-hidden="true">{ " ▾" }</span></button>
            <div id={panel_id} class={classes!("group", "menu-panel", open.then_some("open"))} role="group"
                aria-label={props.name.clone()} {onclick}>
                { props.children.clone() }
            </div>
        </div>
    }
}
