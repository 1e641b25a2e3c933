// Brotli-11 bytes of a release build by what loads when: the first load (every file that is not
// a lazy chunk: index.html, the CSS, the app's JS and main wasm, the split loader), each view's
// chunk (split_<view>-*.wasm) and the chunks they share (chunk_*.wasm). Issue 26's budget is the
// Edit chunk and the first load. Same compression as bench/bytes.mjs (lib.mjs brotli11).
//   trunk build --release && node bench/chunk-bytes.mjs dist
import fs from 'node:fs';
import path from 'node:path';
import { brotli11 } from './lib.mjs';

const dir = process.argv[2] || 'dist';
const groups = {};
for (const file of fs.readdirSync(dir).sort()) {
  if (!/\.(html|js|wasm|css)$/.test(file)) continue;
  const view = file.match(/^split_([a-z_]+)-[0-9a-f]+\.wasm$/);
  const group = view ? `view ${view[1]}` : /^chunk_/.test(file) ? 'shared chunks' : 'first load';
  groups[group] = (groups[group] ?? 0) + brotli11(fs.readFileSync(path.join(dir, file)));
}
const total = Object.values(groups).reduce((a, b) => a + b, 0);
for (const [group, bytes] of [...Object.entries(groups), ['total', total]]) {
  console.log(`${group.padEnd(24)} ${bytes.toLocaleString('en-US').padStart(9)} B`);
}
