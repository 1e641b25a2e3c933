// A small static file server for the benchmark pages and the react-admin baseline:
//   node bench/serve.mjs --dir <dist> --port <port> [--spa] [--proxy http://127.0.0.1:<api port>]
// Compresses at brotli-11 (else gzip), as our server sends the release build's precompressed
// siblings, so both apps go over the wire at the same level. Caches hashed assets for a year,
// and with --proxy forwards /api/* to our server and signs a new browser in as the demo reseller
// (as our server does in demo mode), so the react-admin app lists the same customers.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dir = path.resolve(opt('--dir') || '.');
const port = Number(opt('--port') || 0);
const proxy = opt('--proxy');
const spa = args.includes('--spa');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg']);
const cache = new Map();

function compressed(file, encoding) {
  const key = `${file}\0${encoding}`;
  if (!cache.has(key)) {
    const raw = fs.readFileSync(file);
    cache.set(key, encoding === 'br'
      ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } })
      : zlib.gzipSync(raw));
  }
  return cache.get(key);
}

async function signInCookie() {
  const r = await fetch(`${proxy}/api/v1/demo/sign-in`, { redirect: 'manual' });
  return r.headers.get('set-cookie');
}

function forward(req, res) {
  const target = new URL(req.url, proxy);
  const upstream = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (r) => {
    res.writeHead(r.statusCode, r.headers);
    r.pipe(res);
  });
  upstream.on('error', () => {
    res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (proxy && url.pathname.startsWith('/api/')) return forward(req, res);
  let file = path.join(dir, path.normalize(decodeURIComponent(url.pathname)));
  if (!file.startsWith(dir)) {
    res.writeHead(403);
    return res.end();
  }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) {
    if (!spa) {
      res.writeHead(404);
      return res.end('not found');
    }
    file = path.join(dir, 'index.html');
  }
  const ext = path.extname(file);
  const headers = { 'content-type': TYPES[ext] || 'application/octet-stream', vary: 'accept-encoding' };
  headers['cache-control'] = /-[0-9A-Za-z_-]{8,}\.(js|css|wasm)$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';
  if (proxy && ext === '.html' && !req.headers.cookie) {
    const cookie = await signInCookie().catch(() => null);
    if (cookie) headers['set-cookie'] = cookie;
  }
  const accept = String(req.headers['accept-encoding'] || '');
  let body;
  if (COMPRESSIBLE.has(ext) && /\bbr\b/.test(accept)) {
    body = compressed(file, 'br');
    headers['content-encoding'] = 'br';
  } else if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(accept)) {
    body = compressed(file, 'gzip');
    headers['content-encoding'] = 'gzip';
  } else {
    body = fs.readFileSync(file);
  }
  headers['content-length'] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
});

// Brotli-11 takes seconds for a large bundle: do it before the first measured request.
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
for (const file of walk(dir)) if (COMPRESSIBLE.has(path.extname(file))) compressed(file, 'br');

server.listen(port, '127.0.0.1', () => {
  console.log(`serving ${dir} at http://127.0.0.1:${server.address().port}/`);
});
