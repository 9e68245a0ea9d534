// A static server the way the site is published: HTTP/2 over TLS, text
// files gzipped, as GitHub Pages, Netlify and Cloudflare Pages serve it.
// bench/lib.py starts it for the Fast 3G measurements: over HTTP/1.1 a
// browser opens at most six connections to a host, so a page of many small
// files waits in line, which no reader of the published site does.
//
//   node bench/h2_server.mjs <site folder> <key.pem> <cert.pem>
//
// Prints its https://127.0.0.1:<port> URL on the first line, then serves
// until killed. Loopback only. Cache-Control: no-store, as the HTTP/1.1
// bench server: every run starts cold.

import { readFile, stat } from "node:fs/promises";
import { createSecureServer, constants } from "node:http2";
import { extname, join, normalize, sep } from "node:path";
import { gzipSync } from "node:zlib";

const [root, keyFile, certFile] = process.argv.slice(2);
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml",
  ".xml": "application/xml", ".txt": "text/plain; charset=utf-8", ".woff2": "font/woff2",
  ".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp", ".wasm": "application/wasm",
};
const GZIP = new Set([".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt"]);
const gzipped = new Map();

async function resolve(urlPath) {
  const clean = normalize(decodeURIComponent(urlPath.split("?")[0]));
  const path = join(root, clean);
  if (!path.startsWith(normalize(root) + sep) && path !== normalize(root)) return null;
  try {
    const info = await stat(path);
    return info.isDirectory() ? join(path, "index.html") : path;
  } catch {
    return null;
  }
}

const server = createSecureServer({
  key: await readFile(keyFile), cert: await readFile(certFile), allowHTTP1: true,
});
server.on("stream", async (stream, headers) => {
  stream.on("error", () => {}); // the browser closed a tab mid-transfer
  const path = await resolve(headers[constants.HTTP2_HEADER_PATH] || "/");
  let body;
  try {
    body = path && await readFile(path);
  } catch {
    body = null;
  }
  // The browser may have cancelled the request while the file was read
  // (a closed context): answering a destroyed stream throws.
  if (stream.destroyed || stream.closed) return;
  if (!body) {
    stream.respond({ ":status": 404, "cache-control": "no-store" });
    stream.end();
    return;
  }
  const ext = extname(path);
  const out = { ":status": 200, "content-type": TYPES[ext] || "application/octet-stream",
    "cache-control": "no-store" };
  if (GZIP.has(ext) && /\bgzip\b/.test(headers["accept-encoding"] || "")) {
    if (!gzipped.has(path)) gzipped.set(path, gzipSync(body, { level: 6 }));
    body = gzipped.get(path);
    out["content-encoding"] = "gzip";
  }
  out["content-length"] = body.length;
  stream.respond(out);
  stream.end(body);
});
server.listen(0, "127.0.0.1", () => {
  console.log(`https://127.0.0.1:${server.address().port}`);
});
