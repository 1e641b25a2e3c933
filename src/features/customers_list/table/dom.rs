//! The DOM calls the customer rows are built with: elements through members that take strings
//! already in JavaScript, the prototypes' helpers and icons, and the link's path encoding.

use leptos::web_sys::{Document, Element};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// An element, through the members the rows use. Unlike `web_sys::Element`'s, these take
    /// strings already in JavaScript, so a constant (an attribute name, a class, a label) crosses
    /// from wasm once per table rather than once per row, and they skip the exception wrapper.
    #[wasm_bindgen(js_name = Element)]
    pub(super) type El;
    #[wasm_bindgen(method, js_name = setAttribute)]
    pub(super) fn set_attr(this: &El, name: &JsValue, value: &JsValue);
    #[wasm_bindgen(method, js_name = setAttribute)]
    pub(super) fn set_attr_str(this: &El, name: &JsValue, value: &str);
    /// A number becomes the attribute's text in JavaScript (`String(value)`).
    #[wasm_bindgen(method, js_name = setAttribute)]
    pub(super) fn set_attr_num(this: &El, name: &JsValue, value: f64);
    #[wasm_bindgen(method, setter = className)]
    pub(super) fn set_class(this: &El, value: &JsValue);
    #[wasm_bindgen(method, setter = textContent)]
    pub(super) fn set_text(this: &El, value: &str);
    #[wasm_bindgen(method, setter = textContent)]
    pub(super) fn set_text_js(this: &El, value: &JsValue);
    #[wasm_bindgen(method, js_name = cloneNode)]
    pub(super) fn clone_deep(this: &El, deep: bool) -> Element;
    #[wasm_bindgen(method, js_name = appendChild)]
    pub(super) fn append(this: &El, child: &Element);
    #[wasm_bindgen(method, js_name = insertBefore)]
    pub(super) fn insert_before(this: &El, child: &Element, before: &Element);
}

/// `el` through [`El`].
pub(super) fn el(el: &Element) -> &El {
    el.unchecked_ref()
}

/// The SVG namespace.
pub(super) const SVG: &str = "http://www.w3.org/2000/svg";
/// The pencil of "Edit customer".
pub(super) const EDIT_ICON: &str = "M3 17.25V21h3.75L17.81 9.94l-3.75-3.75L3 17.25zm17.71-10.21a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83z";
/// The eye of a viewer's "View customer" link.
pub(super) const VIEW_ICON: &str = "M12 4.5C7 4.5 2.73 7.61 1 12c1.73 4.39 6 7.5 11 7.5s9.27-3.11 11-7.5c-1.73-4.39-6-7.5-11-7.5zM12 17c-2.76 0-5-2.24-5-5s2.24-5 5-5 5 2.24 5 5-2.24 5-5 5zm0-8c-1.66 0-3 1.34-3 3s1.34 3 3 3 3-1.34 3-3-1.34-3-3-3z";
/// The envelope of "Resend".
pub(super) const MAIL_ICON: &str = "M20 4H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2zm0 4-8 5-8-5V6l8 5 8-5v2z";

/// A JavaScript string made once.
pub(super) fn js(s: &str) -> JsValue {
    JsValue::from_str(s)
}

/// Creates `<tag>` with the given attributes and text.
pub(super) fn element(
    document: &Document,
    tag: &str,
    attributes: &[(&str, &str)],
    text: &str,
) -> Element {
    let el = document.create_element(tag).expect("valid tag");
    for (name, value) in attributes {
        el.set_attribute(name, value).expect("valid attribute name");
    }
    if !text.is_empty() {
        el.set_text_content(Some(text));
    }
    el
}

/// An icon: `<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d=…/></svg>`.
pub(super) fn icon(document: &Document, path: &str) -> Element {
    let svg = document
        .create_element_ns(Some(SVG), "svg")
        .expect("svg element");
    for (name, value) in [
        ("viewBox", "0 0 24 24"),
        ("aria-hidden", "true"),
        ("focusable", "false"),
    ] {
        svg.set_attribute(name, value)
            .expect("valid attribute name");
    }
    let p = document
        .create_element_ns(Some(SVG), "path")
        .expect("path element");
    p.set_attribute("d", path).expect("valid attribute name");
    svg.append_child(&p).expect("append");
    svg
}

/// Appends `child` to `parent`.
pub(super) fn append(parent: &Element, child: &Element) {
    parent.append_child(child).expect("append");
}

/// The first child of a prototype element.
pub(super) fn first(el: &Element) -> Element {
    el.first_element_child().expect("prototype child")
}

/// The last child of a prototype element.
pub(super) fn last(el: &Element) -> Element {
    el.last_element_child().expect("prototype child")
}

/// The next sibling in a prototype.
pub(super) fn next(el: &Element) -> Element {
    el.next_element_sibling().expect("prototype sibling")
}

/// `encodeURIComponent` for a path segment, without a round trip through JavaScript.
pub(super) fn encode_uri_component(s: &str) -> String {
    const UNRESERVED: &[u8] = b"-_.!~*'()";
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || UNRESERVED.contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
