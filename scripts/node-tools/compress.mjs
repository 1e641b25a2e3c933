// Writes brotli-11 (`.br`) and gzip-9 (`.gz`) siblings of a release build's assets so the server
// sends them as they are instead of compressing on the fly at a low level. index.html is left
// alone: the server rewrites its nonce on every response. Run by post-build.mjs (the trunk hook),
// or by hand:   node scripts/node-tools/compress.mjs <dir>
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';

const EXTENSIONS = new Set(['.js', '.mjs', '.wasm', '.css', '.svg', '.json', '.txt', '.ico']);
const files = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? files(path.join(d, e.name)) : [path.join(d, e.name)]);

/** Writes the `.br` and `.gz` siblings of every compressible file under `dir`. */
export function compressDir(dir) {
  for (const file of files(dir)) {
    if (!EXTENSIONS.has(path.extname(file))) continue;
    const raw = fs.readFileSync(file);
    const br = zlib.brotliCompressSync(raw, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
      },
    });
    const gz = zlib.gzipSync(raw, { level: 9 });
    // A sibling larger than the file would only cost bytes.
    if (br.length < raw.length) fs.writeFileSync(`${file}.br`, br);
    if (gz.length < raw.length) fs.writeFileSync(`${file}.gz`, gz);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('compress: no directory given');
    process.exit(1);
  }
  compressDir(dir);
}
