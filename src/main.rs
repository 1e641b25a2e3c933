//! Entry point: install the panic hook and start the app. Everything else lives in the library.

fn main() {
    console_error_panic_hook::set_once();
    customers_app::start();
}
