// The default fetchers against a real HTTP server on loopback: snippet texts
// decoded, and every way a file can fail is an IndexLoadError.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, test } from "node:test";

import { IndexLoadError, fetchJson, fetchText } from "../../packages/pelican-thai-search/pelican/plugins/thai_search/static/js/search/fetching.js";

const FILES = {
  "/thai.txt": ["text/plain", Buffer.from([0xa2, 0xe8, 0xd2, 0xc7])], // ข่าว in windows-874
  "/marked.txt": ["text/plain; charset=utf-8", Buffer.from("\ufeffข่าว ✅")],
  "/broken.txt": ["text/plain", Buffer.from([0xef, 0xbb, 0xbf, 0xc3, 0x28])],
  "/soft-404.txt": ["text/html; charset=utf-8", Buffer.from("<!DOCTYPE html><title>ไม่พบ</title>")],
  "/piece.json": ["application/json", Buffer.from('{"terms":{}}')],
};
let server;
let base;

before(async () => {
  server = createServer((request, response) => {
    const file = FILES[request.url];
    if (!file) return response.writeHead(404).end();
    response.writeHead(200, { "Content-Type": file[0] }).end(file[1]);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(() => server.close());

test("a snippet text is read as windows-874, or as UTF-8 after its mark", async () => {
  assert.equal(await fetchText(`${base}/thai.txt`), "ข่าว");
  assert.equal(await fetchText(`${base}/marked.txt`), "ข่าว ✅");
  assert.deepEqual(await fetchJson(`${base}/piece.json`), { terms: {} });
});

test("a missing, broken or HTML file is an IndexLoadError, not a wrong snippet", async () => {
  for (const name of ["/broken.txt", "/soft-404.txt", "/nothing.txt"]) {
    await assert.rejects(fetchText(`${base}${name}`), IndexLoadError, name);
  }
  await assert.rejects(fetchText(`${base}/nothing.txt`), /HTTP 404/);
});
