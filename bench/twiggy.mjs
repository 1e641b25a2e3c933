// What the shipped wasm is made of: `twiggy top -n 20` of the app's wasm after wasm-bindgen and
// wasm-opt -Oz with names kept (-g; same code as shipped, plus the name section), and the same
// items summed by crate (first path segment of each function name; a generic function counts
// for the crate that defines it).
//   node bench/twiggy.mjs --wasm <file with names> [--twiggy twiggy]
import { execFileSync } from 'node:child_process';
import { writeResult, arg, fmt } from './lib.mjs';

const wasm = arg('--wasm');
const twiggy = arg('--twiggy', 'twiggy');
const top = execFileSync(twiggy, ['top', '-n', '20', wasm], { encoding: 'utf8' });
const csv = execFileSync(twiggy, ['top', '-n', '1000000', '-f', 'csv', wasm], { encoding: 'utf8', maxBuffer: 1 << 28 });

function parseCsv(text) {
  const rows = [];
  for (const line of text.trim().split('\n').slice(1)) {
    const cells = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') { cells.push(cell); cell = ''; } else cell += ch;
    }
    cells.push(cell);
    rows.push({ name: cells[0], size: Number(cells[1]) });
  }
  return rows;
}

const GENERIC = /^([A-Z][A-Za-z]{0,3}|u8|u16|u32|u64|usize|i32|i64|f64|str|char|bool|\[|\()$/;

function firstCrate(path) {
  const m = path.replace(/^[<&*\s(]+|^(dyn |mut |impl |const )+/g, '').replace(/^(dyn |mut |impl |const |&)+/g, '')
    .match(/^([A-Za-z_][A-Za-z0-9_]*)/);
  return m ? m[1] : null;
}

function crateOf(name) {
  if (/^(data segment|custom section|"function names"|function names|type\[|import |export |elem\[|table\[|memory\[|global\[|code\[|wasm magic)/.test(name)) {
    if (name.includes('function names') || name.startsWith('custom section')) return '(names/custom sections)';
    if (name.startsWith('data segment')) return '(data: strings, tables)';
    return '(wasm structure: types, imports, exports, tables)';
  }
  // Drop glue belongs to the type being dropped.
  const drop = name.match(/^core(?:\[[0-9a-f]+\])?::ptr::drop_in_place<(.*)>/);
  if (drop) return crateOf(drop[1]);
  let crate = firstCrate(name);
  // `<T as some_crate::Trait>::f`: a blanket impl is the trait's crate's code.
  if (name.startsWith('<') && (!crate || GENERIC.test(crate) || ['core', 'alloc'].includes(crate))) {
    const as = name.match(/ as ([A-Za-z_][A-Za-z0-9_]*)/);
    if (as && (!crate || GENERIC.test(crate))) crate = as[1];
  }
  return crate && !GENERIC.test(crate) ? crate : '(other)';
}

const rows = parseCsv(csv);
const total = rows.reduce((s, r) => s + r.size, 0);
const byCrate = {};
for (const r of rows) byCrate[crateOf(r.name)] = (byCrate[crateOf(r.name)] || 0) + r.size;
const names = byCrate['(names/custom sections)'] || 0;
const code = total - names;
const crates = Object.entries(byCrate).sort((a, b) => b[1] - a[1]).map(([crate, size]) => ({ crate, size, share: size / code }));
console.log(top);
console.log(`by crate (shallow bytes after wasm-opt -Oz; % of the ${code} bytes without the name section):`);
for (const c of crates.filter((c) => c.crate !== '(names/custom sections)').slice(0, 20)) {
  console.log(`  ${String(c.size).padStart(8)}  ${fmt(100 * c.share, 1).padStart(5)} %  ${c.crate}`);
}
writeResult('twiggy', { wasm, top, total, crates });
