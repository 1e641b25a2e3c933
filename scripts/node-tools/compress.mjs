// Trunk post_build hook (Trunk.toml): writes brotli-11 (`.br`) and gzip-9 (`.gz`) siblings of the
// release build's assets so the server sends them as they are instead of compressing on the fly
// at a low level. index.html is left alone: the server rewrites its nonce on every response.
//   node scripts/node-tools/compress.mjs [dir]     (default: $TRUNK_STAGING_DIR)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const dir = process.argv[2] || process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('compress: no directory (pass one, or run as a trunk hook)');
  process.exit(1);
}
// `trunk serve` / debug builds: nothing to gain, keep the edit loop fast.
if (!process.argv[2] && process.env.TRUNK_PROFILE !== 'release') process.exit(0);

const EXTENSIONS = new Set(['.js', '.mjs', '.wasm', '.css', '.svg', '.json', '.txt', '.ico']);
const files = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? files(path.join(d, e.name)) : [path.join(d, e.name)]);

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
