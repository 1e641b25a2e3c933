//! A fake server: `window.fetch` answering every request the same way, so the API client's
//! classification of answers (and views that fetch) run without a server.

use wasm_bindgen::JsCast;

/// Replaces `window.fetch` with one answering every request with `status` and the JSON `body`
/// until dropped, when the real one is put back.
pub struct FakeFetch(js_sys::Function);

impl FakeFetch {
    pub fn answer(status: u16, body: &str) -> Self {
        let window = web_sys::window().unwrap();
        let real = js_sys::Reflect::get(&window, &"fetch".into()).unwrap();
        let content_type = if status < 300 {
            "application/json"
        } else {
            "application/problem+json"
        };
        let fake = js_sys::Function::new_with_args(
            "",
            &format!(
                "return Promise.resolve(new Response({body:?}, {{ status: {status}, headers: {{ 'content-type': '{content_type}' }} }}));"
            ),
        );
        js_sys::Reflect::set(&window, &"fetch".into(), &fake).unwrap();
        FakeFetch(real.unchecked_into())
    }
}

impl Drop for FakeFetch {
    fn drop(&mut self) {
        let window = web_sys::window().unwrap();
        js_sys::Reflect::set(&window, &"fetch".into(), &self.0).unwrap();
    }
}
