// Code splitting for trunk builds (called by post-build.mjs). Trunk runs cargo, wasm-bindgen and
// wasm-opt with no hook in between, but the splitter must see rustc's own output (linked with
// --emit-relocs, see build.rs): wasm-bindgen drops the relocations. So when that output has
// split points, this redoes the last steps from it and replaces what trunk staged:
//   wasm-split-cli (crates.io wasm_split_cli_support, installed by bootstrap.sh) → main module,
//   one module per split point and chunks they share, and the JS that loads them;
//   wasm-bindgen --keep-lld-exports on the main module (the chunks import its exports);
//   wasm-opt on every module (release);
//   content-hashed names for the chunks and the loader, so an old page never gets a new chunk.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PLACEHOLDER = '__wasm_split_placeholder__';
// The features rustc 1.95 enables for wasm32-unknown-unknown; the split modules carry no
// target_features section for wasm-opt to read them from.
const WASM_FEATURES = ['--enable-bulk-memory', '--enable-mutable-globals', '--enable-sign-ext',
  '--enable-nontrapping-float-to-int', '--enable-reference-types', '--enable-multivalue'];

// binaryen 132 from npm (package-lock.json), never whatever wasm-opt is first on PATH: Debian's
// wasm-opt silently breaks the wasm.
export const WASM_OPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'node_modules', '.bin', 'wasm-opt');

/** Fails with what to do when a tool the build needs is not installed. */
export function need(cmd, probe = ['--help']) {
  try {
    execFileSync(cmd, probe, { stdio: 'ignore' });
  } catch (e) {
    if (e.code === 'ENOENT') throw new Error(`${cmd} is not installed: run scripts/bootstrap.sh`);
  }
}

/** The file `cmd` runs, found on PATH as the shell would. */
const onPath = (cmd) => (process.env.PATH || '').split(path.delimiter)
  .map((dir) => path.join(dir, cmd)).find((file) => fs.existsSync(file));

const hash = (bytes) => crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });

/**
 * Splits the staged app in `dir` if rustc's output for `name` has split points; returns the
 * chunk files written (none when there is nothing to split).
 */
export function split(dir, { release, name = 'customers-app', wasmOptArgs = [] }) {
  const targetDir = process.env.CARGO_TARGET_DIR || 'target';
  const profile = release ? 'wasm-release' : 'debug';
  const raw = path.join(targetDir, 'wasm32-unknown-unknown', profile, `${name}.wasm`);
  const input = fs.readFileSync(raw);
  if (!input.includes(PLACEHOLDER)) return [];

  const work = path.join(targetDir, 'wasm-split', profile);
  const mainWasm = path.join(work, 'bg', `${name}_bg.wasm`);
  // The same rustc output (the host page's build after the app's) is cut and optimised once:
  // equal input, arguments, script, tool binaries and npm lockfile (binaryen) give equal modules.
  need('wasm-split-cli');
  need('wasm-bindgen', ['--version']);
  const tools = ['wasm-split-cli', 'wasm-bindgen'].map((cmd) => fs.readFileSync(onPath(cmd)));
  const key = hash(Buffer.concat([input, Buffer.from(JSON.stringify([release, wasmOptArgs])),
    fs.readFileSync(fileURLToPath(import.meta.url)), ...tools,
    fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'package-lock.json'))]));
  const keyFile = path.join(work, 'input.key');
  const cached = fs.existsSync(keyFile) && fs.readFileSync(keyFile, 'utf8') === key;
  if (cached) {
    console.log(`split: ${raw} unchanged, reusing ${work}`);
  } else {
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(path.join(work, 'bg'), { recursive: true });
    run('wasm-split-cli', [raw, work, '--out-name', name, '--target', 'web']);
    run('wasm-bindgen', ['--target=web', '--keep-lld-exports', '--no-typescript',
      `--out-dir=${path.join(work, 'bg')}`, `--out-name=${name}`, path.join(work, `${name}.wasm`)]);
  }
  const chunks = fs.readdirSync(work).filter((f) => f.endsWith('.wasm') && f !== `${name}.wasm`);
  if (release && !cached) {
    for (const file of [mainWasm, ...chunks.map((c) => path.join(work, c))]) {
      run(WASM_OPT, [...wasmOptArgs, ...WASM_FEATURES, file, '-o', file]);
    }
  }
  if (!cached) fs.writeFileSync(keyFile, key);

  // Trunk's names for the main JS and wasm (index.html points at them) stay.
  const stagedJs = fs.readdirSync(dir).find((f) => new RegExp(`^${name}-[0-9a-f]+\\.js$`).test(f));
  if (!stagedJs) throw new Error(`split: no staged ${name}-<hash>.js in ${dir}`);
  const stagedWasm = stagedJs.replace(/\.js$/, '_bg.wasm');

  let loader = fs.readFileSync(path.join(work, '__wasm_split.js'), 'utf8');
  loader = loader.replaceAll(`"./${name}.js"`, `"./${stagedJs}"`);
  const written = [];
  for (const chunk of chunks) {
    const bytes = fs.readFileSync(path.join(work, chunk));
    const hashed = `${chunk.replace(/\.wasm$/, '')}-${hash(bytes)}.wasm`;
    if (!loader.includes(`"./${chunk}"`)) throw new Error(`split: the loader never names ${chunk}`);
    loader = loader.replaceAll(`"./${chunk}"`, `"./${hashed}"`);
    fs.writeFileSync(path.join(dir, hashed), bytes);
    written.push(hashed);
  }
  const loaderName = `wasm-split-${hash(loader)}.js`;
  fs.writeFileSync(path.join(dir, loaderName), loader);
  written.push(loaderName);

  let js = fs.readFileSync(path.join(work, 'bg', `${name}.js`), 'utf8');
  const before = js;
  // Only the ES import's specifier: the imports object keeps the wasm's module name as its key.
  js = js.replace(/(\bfrom\s*)(["'])\.\/__wasm_split\.js\2/g, `$1'./${loaderName}'`);
  if (js === before) throw new Error('split: the wasm-bindgen glue does not import the loader');
  fs.writeFileSync(path.join(dir, stagedJs), js);
  fs.copyFileSync(mainWasm, path.join(dir, stagedWasm));
  return written;
}
