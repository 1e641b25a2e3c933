//! Links the wasm app with its relocations kept (`--emit-relocs`): the code splitter
//! (scripts/node-tools/split.mjs) needs them to cut the module at its split points.

fn main() {
    // Without it Cargo reruns this script, and rebuilds the app, on any change in the root package.
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}
