// Total shipped bytes: HTML + JS + wasm + CSS of a build directory, lazy chunks included, raw and
// brotli quality 11 (Node's zlib). Deterministic, so measured once per build. What a first visit
// fetches before the list shows is bench/first-load.mjs.
//   node bench/bytes.mjs --ours dist --theirs bench/react-admin/dist
import fs from 'node:fs';
import path from 'node:path';
import { writeResult, arg, fmt, files, KINDS, brotli11 } from './lib.mjs';

function measure(dir) {
  const out = { total: { raw: 0, br: 0 }, byKind: {}, files: [], ignored: [] };
  for (const file of files(dir).sort()) {
    const kind = KINDS[path.extname(file)];
    const rel = path.relative(dir, file);
    if (!kind) {
      out.ignored.push(rel);
      continue;
    }
    const raw = fs.readFileSync(file);
    const br = brotli11(raw);
    out.files.push({ file: rel, kind, raw: raw.length, br });
    out.byKind[kind] ??= { raw: 0, br: 0 };
    out.byKind[kind].raw += raw.length;
    out.byKind[kind].br += br;
    out.total.raw += raw.length;
    out.total.br += br;
  }
  return out;
}

const ours = measure(arg('--ours'));
const theirs = measure(arg('--theirs'));
const ratio = ours.total.br / theirs.total.br;
const kb = (n) => fmt(n / 1000, 1);
for (const [name, m] of [['ours', ours], ['react-admin', theirs]]) {
  console.log(`bytes ${name}: ${kb(m.total.br)} kB brotli-11 (${kb(m.total.raw)} kB raw): ` +
    Object.entries(m.byKind).map(([k, v]) => `${k} ${kb(v.br)}`).join(', '));
}
console.log(`bytes ratio ours / react-admin: ${fmt(ratio, 2)}×`);
writeResult('bytes', { ours, theirs, ratio });
