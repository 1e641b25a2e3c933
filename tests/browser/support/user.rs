//! Acting like a user in browser tests: find controls, type, leave, paste, click, and wait for
//! the render.

use wasm_bindgen::JsCast;

/// The element matching `selector` inside `root`, as `T`.
pub fn el<T: JsCast>(root: &web_sys::HtmlElement, selector: &str) -> T {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .dyn_into::<T>()
        .unwrap_or_else(|_| panic!("{selector} is not the expected element type"))
}

/// The input matching `selector`.
pub fn input(root: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlInputElement {
    el(root, selector)
}

/// A plain event named `name`.
pub fn event(name: &str, bubbles: bool) -> web_sys::Event {
    let init = web_sys::EventInit::new();
    init.set_bubbles(bubbles);
    web_sys::Event::new_with_event_init_dict(name, &init).unwrap()
}

/// Presses `key` ("ArrowLeft", "Home", …) on `target`: one `keydown` that bubbles.
pub fn press(target: &web_sys::Element, key: &str) {
    let window = web_sys::window().unwrap();
    let class = js_sys::Reflect::get(&window, &"KeyboardEvent".into()).unwrap();
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"key".into(), &key.into()).unwrap();
    js_sys::Reflect::set(&init, &"bubbles".into(), &true.into()).unwrap();
    js_sys::Reflect::set(&init, &"cancelable".into(), &true.into()).unwrap();
    let args = js_sys::Array::of2(&"keydown".into(), &init);
    let ev =
        js_sys::Reflect::construct::<fn() -> wasm_bindgen::JsValue>(class.unchecked_ref(), &args)
            .unwrap();
    target
        .dispatch_event(ev.unchecked_ref::<web_sys::Event>())
        .unwrap();
}

/// Types `value` (replacing what is there), as one `input` event.
pub fn type_into(input: &web_sys::HtmlInputElement, value: &str) {
    input.set_value(value);
    input.dispatch_event(&event("input", true)).unwrap();
}

/// Leaves the control (`blur`, which does not bubble).
pub fn leave(input: &web_sys::HtmlInputElement) {
    input.dispatch_event(&event("blur", false)).unwrap();
}

/// Types and leaves the field.
pub fn fill(root: &web_sys::HtmlElement, selector: &str, value: &str) {
    let field = input(root, selector);
    type_into(&field, value);
    leave(&field);
}

/// Pastes `text` from the clipboard into `input`.
pub fn paste(input: &web_sys::HtmlInputElement, text: &str) {
    let data = web_sys::DataTransfer::new().unwrap();
    data.set_data("text/plain", text).unwrap();
    let init = web_sys::ClipboardEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_clipboard_data(Some(&data));
    let ev = web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init).unwrap();
    input.dispatch_event(&ev).unwrap();
}

/// Clicks the element matching `selector`.
pub fn click(root: &web_sys::HtmlElement, selector: &str) {
    el::<web_sys::HtmlElement>(root, selector).click();
}

/// The button whose visible text is `label`.
pub fn button(root: &web_sys::HtmlElement, label: &str) -> web_sys::HtmlButtonElement {
    let list = root.query_selector_all("button").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlButtonElement>().ok())
        .find(|b| b.text_content().unwrap_or_default().trim() == label)
        .unwrap_or_else(|| panic!("no button “{label}”"))
}

/// Lets effects, the render and a frame run.
pub async fn settle() {
    leptos::task::tick().await;
    sleep(40).await;
    leptos::task::tick().await;
}

/// Waits without blocking the browser's event loop.
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// The form's submit button (Save).
pub fn save_button(root: &web_sys::HtmlElement) -> web_sys::HtmlButtonElement {
    el(root, "button[type=submit]")
}

/// The text of the label bound to the control `id`, without the required mark.
pub fn label(root: &web_sys::HtmlElement, id: &str) -> String {
    super::text(root, &format!("label[for={id}]"))
        .trim_end_matches('*')
        .to_owned()
}
