// Trunk pre_build hook (Trunk.toml, bench/table/Trunk.toml): bundles style/app.css and the parts it
// @imports into generated/app.css, the one stylesheet the pages link with `data-trunk rel="css"`.
// Trunk's CSS step does not follow @import, so it gets the whole sheet here, before it reads the
// page; it then minifies and hashes it as it would a hand-written file (one request, same bytes).
// The bundle is not minified (trunk does that on release) and is written only when it changes,
// so `trunk serve` does not see a change of its own making.
//   node scripts/node-tools/bundle-css.mjs                   write generated/app.css
//   node scripts/node-tools/bundle-css.mjs --compare OLD.css bundle OLD.css (a sheet with no
//       imports, e.g. from `git show REV:style/app.css`) the same way and compare it with the
//       bundle rule by rule: exit 1 at the first difference
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const STYLE = path.join(ROOT, 'style');
const ENTRY = path.join(STYLE, 'app.css');
const OUT = path.join(ROOT, 'generated', 'app.css');

let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.error('bundle-css: esbuild is missing: run scripts/bootstrap.sh (npm ci in scripts/node-tools)');
  process.exit(1);
}

// Paths in esbuild's per-file comments are relative to the repository, whatever the working
// directory, so every caller gets the same bytes.
const OPTIONS = { bundle: true, write: false, charset: 'utf8', logLevel: 'warning', absWorkingDir: ROOT };

/** The bundle of `style/app.css`; fails when a `.css` under `style/` is not part of it. */
function bundle() {
  const out = esbuild.buildSync({ ...OPTIONS, entryPoints: [ENTRY], metafile: true });
  const used = new Set(Object.keys(out.metafile.inputs).map((p) => path.resolve(ROOT, p)));
  const css = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? css(path.join(d, e.name)) : e.name.endsWith('.css') ? [path.join(d, e.name)] : []);
  const unused = css(STYLE).filter((f) => !used.has(f));
  if (unused.length) {
    console.error(`bundle-css: not imported by style/app.css (so not shipped): ${unused.map((f) => path.relative(ROOT, f)).join(', ')}`);
    process.exit(1);
  }
  return out.outputFiles[0].text;
}

/** The same bundling of one file's text. */
function bundleText(text, name) {
  const stdin = { contents: text, loader: 'css', resolveDir: STYLE, sourcefile: name };
  return esbuild.buildSync({ ...OPTIONS, stdin }).outputFiles[0].text;
}

/** The top-level rules of esbuild's output, comments and blank lines left out. */
function rules(css) {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const out = [];
  let depth = 0;
  let quote = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '{') depth++;
    else if (c === '}' || (c === ';' && depth === 0)) {
      if (c === '}') depth--;
      if (depth === 0) {
        out.push(text.slice(start, i + 1).split('\n').map((l) => l.trimEnd()).filter(Boolean).join('\n').trim());
        start = i + 1;
      }
    }
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

const args = process.argv.slice(2);
if (args[0] === '--compare') {
  if (!args[1]) {
    console.error('bundle-css: --compare needs a file');
    process.exit(1);
  }
  const before = rules(bundleText(fs.readFileSync(args[1], 'utf8'), path.basename(args[1])));
  const after = rules(bundle());
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n; i++) {
    if (before[i] !== after[i]) {
      console.error(`bundle-css: rule ${i + 1} differs\n--- ${args[1]}\n${before[i] ?? '(none)'}\n--- style/app.css\n${after[i] ?? '(none)'}`);
      process.exit(1);
    }
  }
  console.log(`bundle-css: the same ${n} top-level rules in the same order`);
} else {
  const css = bundle();
  const old = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : null;
  if (old !== css) {
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(OUT, css);
  }
}
