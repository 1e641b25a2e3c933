//! Table benchmark page: `?n=1000` prepares N customers (from `data.js`, the same rows the plain
//! JavaScript page renders), then a click on #render mounts the app's `CustomersTable` with them
//! inside a `<Router>` (its row links need one). Data preparation happens before the click, so
//! the click → next frame time is the component's render only.

use std::cell::RefCell;
use std::rc::Rc;

use customers_app::features::customers_list::CustomersTable;
use domain::Customer;
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// `data.js`: the customers for the page's `?n=` as a JSON array.
    #[wasm_bindgen(js_name = benchCustomersJson)]
    fn bench_customers_json() -> String;
}

fn main() {
    console_error_panic_hook::set_once();
    let rows: Vec<Customer> =
        serde_json::from_str(&bench_customers_json()).expect("data.js returns customers");
    let rows = Rc::new(RefCell::new(Some(rows)));
    let document = document();
    let button = document.get_element_by_id("render").expect("#render");
    let mount = document
        .get_element_by_id("mount")
        .expect("#mount")
        .unchecked_into::<leptos::web_sys::HtmlElement>();
    let on_click = Closure::<dyn FnMut()>::new(move || {
        let Some(customers) = rows.borrow_mut().take() else {
            return;
        };
        let handle = leptos::mount::mount_to(mount.clone(), move || {
            view! { <Router><CustomersTable customers/></Router> }
        });
        handle.forget();
    });
    button
        .add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())
        .expect("listener");
    on_click.forget();
    button.remove_attribute("disabled").expect("enable");
}
