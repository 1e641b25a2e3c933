// Trunk post_build hook (Trunk.toml), the only one: trunk runs the hooks of a stage concurrently,
// so the steps that must run in order live here. On the staging directory:
//   0. code splitting when rustc's output has split points (split.mjs), and wasm-opt on every
//      module of a release build (index.html sets data-wasm-opt="0": trunk's wasm-opt would
//      only optimise a module this step replaces);
//   1. release: minify the JS (wasm-bindgen's glue; trunk's own minifier gives up on it);
//   2. recompute the `integrity` of every tag in index.html whose file changed, or the browser
//      refuses the file;
//   3. release: write the brotli-11 and gzip-9 siblings (compress.mjs).
//   node scripts/node-tools/post-build.mjs [dir]     (default: $TRUNK_STAGING_DIR)
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { compressDir } from './compress.mjs';
import { split, need, WASM_OPT as WASM_OPT_BIN } from './split.mjs';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('post-build: no directory (pass one, or run as a trunk hook)');
  process.exit(1);
}
const release = Boolean(process.argv[2]) || process.env.TRUNK_PROFILE === 'release';

const files = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? files(path.join(d, e.name)) : [path.join(d, e.name)]);

/** Minifies every `.js` module under `dir` in place (esbuild, pinned in package-lock.json). */
function minifyJs(dir) {
  for (const file of files(dir).filter((f) => f.endsWith('.js'))) {
    const code = fs.readFileSync(file, 'utf8');
    const out = transformSync(code, {
      minify: true, format: 'esm', target: 'es2022', legalComments: 'none', charset: 'utf8',
    });
    if (out.code.length < code.length) fs.writeFileSync(file, out.code);
  }
}

const ATTR = (name) => new RegExp(`\\s${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`);

/** Rewrites the `integrity` of every `<link>`/`<script>` in index.html to its file's SHA-384. */
function refreshIntegrity(dir, publicUrl) {
  const index = path.join(dir, 'index.html');
  if (!fs.existsSync(index)) return;
  const html = fs.readFileSync(index, 'utf8');
  const out = html.replace(/<(link|script)\b[^>]*>/g, (tag) => {
    const integrity = tag.match(ATTR('integrity'));
    const ref = tag.match(ATTR('href')) || tag.match(ATTR('src'));
    if (!integrity || !ref) return tag;
    let url = ref[1] ?? ref[2] ?? ref[3];
    if (url.startsWith(publicUrl)) url = url.slice(publicUrl.length);
    const file = path.join(dir, decodeURIComponent(url.replace(/^\.?\//, '')));
    if (!fs.existsSync(file)) return tag;
    const digest = crypto.createHash('sha384').update(fs.readFileSync(file)).digest('base64');
    return tag.replace(integrity[0], ` integrity="sha384-${digest}"`);
  });
  if (out !== html) fs.writeFileSync(index, out);
}

const WASM_OPT = ['-Oz', '--converge', '--strip-debug', '--strip-producers'];
if (release) need(WASM_OPT_BIN, ['--version']);
const chunks = split(dir, { release, wasmOptArgs: WASM_OPT });
if (chunks.length) {
  console.log(`post-build: split into ${chunks.join(', ')}`);
} else if (release) {
  for (const wasm of files(dir).filter((f) => f.endsWith('.wasm'))) {
    execFileSync(WASM_OPT_BIN, [...WASM_OPT, wasm, '-o', wasm], { stdio: 'inherit' });
  }
}
if (release) minifyJs(dir);
refreshIntegrity(dir, process.env.TRUNK_PUBLIC_URL || '/');
if (release) compressDir(dir);
