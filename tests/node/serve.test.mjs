// The demo's static file server (scripts/serve.mjs, sirv): content types, the demo's CSP on pages,
// and hostile paths answered with an error instead of a file outside the root or a crash (the
// hand-written server it replaced died on a NUL byte in the path).

import assert from "node:assert/strict";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";

import { DEMO_CSP, startServer } from "../../scripts/serve.mjs";

let tmp;
let server;
let url;
let port;

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "serve-test-"));
  const root = path.join(tmp, "www");
  fs.mkdirSync(path.join(root, "pkg"), { recursive: true });
  fs.writeFileSync(path.join(root, "index.html"), "<!doctype html><title>t</title>");
  fs.writeFileSync(path.join(root, "app.js"), "export {};\n");
  fs.writeFileSync(path.join(root, "style.css"), "body{}\n");
  fs.writeFileSync(path.join(root, "pkg", "m.wasm"), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  fs.writeFileSync(path.join(root, ".secret"), "dotfile\n");
  fs.writeFileSync(path.join(tmp, "outside.txt"), "outside the root\n"); // a sibling of www/
  fs.mkdirSync(path.join(tmp, "www-other"));
  fs.writeFileSync(path.join(tmp, "www-other", "x.txt"), "a directory whose name starts like the root\n");
  ({ server, url } = await startServer({ port: 0, root }));
  port = server.address().port;
});

after(() => {
  server?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test("pages, scripts, styles and wasm get their content types; pages carry the demo's CSP", async () => {
  for (const [p, type] of [
    ["", /^text\/html/],
    ["index.html", /^text\/html/],
    ["app.js", /^text\/javascript/],
    ["style.css", /^text\/css/],
    ["pkg/m.wasm", /^application\/wasm$/],
  ]) {
    const r = await fetch(new URL(p, url));
    assert.equal(r.status, 200, p);
    assert.match(r.headers.get("content-type"), type, p);
    assert.equal(r.headers.get("x-content-type-options"), "nosniff", p);
    assert.equal(r.headers.get("content-security-policy"), type.source.includes("html") ? DEMO_CSP : null, p);
  }
  assert.ok(await WebAssembly.compileStreaming(fetch(new URL("pkg/m.wasm", url))));
});

/** Sends one raw request line (no client-side normalization of the path) and returns the status. */
function rawStatus(target) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => {
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    });
    let data = "";
    socket.on("data", (d) => (data += d));
    socket.on("end", () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
    socket.on("error", reject);
  });
}

test("paths outside the root, dotfiles, NUL bytes and bad escapes are refused; the server lives on", async () => {
  for (const target of [
    "/../outside.txt",
    "/%2e%2e/outside.txt",
    "/..%2foutside.txt",
    "/../www-other/x.txt",
    "/.secret",
    "/a%00b",
    "/index.html%00.js",
    "/%E0%A4%A",
    "/nope.html",
  ])
    assert.equal(await rawStatus(target), 404, target);
  assert.equal((await fetch(url)).status, 200, "still serving");
});

test("only GET and HEAD", async () => {
  assert.equal((await fetch(url, { method: "POST", body: "x" })).status, 405);
  const head = await fetch(new URL("pkg/m.wasm", url), { method: "HEAD" });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get("content-type"), "application/wasm");
});
