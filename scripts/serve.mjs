#!/usr/bin/env node
// Serves the in-page demo (www/) on 127.0.0.1.
//
//   node scripts/serve.mjs               build pkg/web if missing or stale, then serve (PORT or 8080)
//   node scripts/serve.mjs --build-only  build and copy, then exit (tests, CI)
//   node scripts/serve.mjs --no-build    serve what is there
//
// The web build (pkg/web) is copied to www/pkg/ (gitignored), which the page imports.
// Building runs `bash scripts/setup.sh demo` first (through scripts/build.mjs), which installs what
// is missing: on a fresh machine this command is the whole set-up. Files are served with sirv.
// Also importable: `startServer({ port, csp })` returns { server, url } (used by the browser tests).

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

import { requireTool } from "./tools.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const WWW = path.join(ROOT, "www");
const PKG_WEB = path.join(ROOT, "pkg", "web");
const WWW_PKG = path.join(WWW, "pkg");
const PKG_FILES = ["article_cleaner.js", "article_cleaner_bg.wasm", "article_cleaner.d.ts"];

// The demo's own policy: its scripts only, wasm allowed, images from anywhere (article images),
// frames from this origin only (the live-page sample, cleaned with cleanDocument()), no plugins. Rendering is safe without it (the browser test serves with csp: false
// to prove that); this is defence in depth.
export const DEMO_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' https: http: data:; connect-src 'self'; object-src 'none'; frame-src 'self'; " +
  "base-uri 'none'; form-action 'none'";

/** Newest mtime (ms) of the files under `dir` that pass `keep`. */
function newestMtime(dir, keep) {
  let newest = 0;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (keep(p)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  }
  return newest;
}

function mtime(p) {
  try {
    return fs.statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}

/** True when pkg/web is missing or older than the Rust sources it is built from. */
export function webBuildIsStale() {
  const built = mtime(path.join(PKG_WEB, "article_cleaner_bg.wasm"));
  if (!built || !fs.existsSync(path.join(PKG_WEB, "article_cleaner.js"))) return true;
  const sources = Math.max(
    newestMtime(path.join(ROOT, "src"), () => true),
    newestMtime(path.join(ROOT, "wasm", "src"), () => true),
    ...["Cargo.toml", "Cargo.lock", "wasm/Cargo.toml", "wasm-pack.toml"].map((f) => mtime(path.join(ROOT, f))),
  );
  return sources > built;
}

function run(cmd, args, env = process.env) {
  console.error(`$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: "inherit", env });
  if (r.status !== 0) throw new Error(`${cmd} failed (exit ${r.status ?? r.signal})`);
}

/** Builds pkg/web: with scripts/build.mjs when the repo has it, else the equivalent wasm-pack command. */
export function buildWeb() {
  const buildScript = path.join(ROOT, "scripts", "build.mjs");
  if (fs.existsSync(buildScript)) {
    run(process.execPath, [buildScript, "web"]);
    return;
  }
  const bin = path.join(ROOT, "tools", "node_modules", ".bin");
  const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}` };
  run(
    "wasm-pack",
    ["build", "wasm", "--mode", "no-install", "--release", "--target", "web",
      "--out-name", "article_cleaner", "--out-dir", "../pkg/web"],
    env,
  );
}

/** Copies pkg/web into www/pkg when the copy is missing or older. */
export function syncWwwPkg() {
  fs.mkdirSync(WWW_PKG, { recursive: true });
  for (const f of PKG_FILES) {
    const from = path.join(PKG_WEB, f);
    const to = path.join(WWW_PKG, f);
    if (!fs.existsSync(from)) {
      if (f.endsWith(".d.ts")) continue;
      throw new Error(`missing ${path.relative(ROOT, from)}: the web build did not produce it`);
    }
    if (mtime(to) < mtime(from) || fs.statSync(to, { throwIfNoEntry: false })?.size !== fs.statSync(from).size) {
      fs.copyFileSync(from, to);
    }
  }
}

/** Builds when stale, then syncs www/pkg. */
export function prepare({ build = true } = {}) {
  if (build && webBuildIsStale()) buildWeb();
  syncWwwPkg();
}

/**
 * A static file handler for `root` (sirv from tools/: content types, ETag and Range, no path
 * outside root); resolves /x/ to /x/index.html. GET and HEAD only, no dotfiles; HTML pages carry `csp`.
 */
export function staticHandler(root, { csp = DEMO_CSP } = {}) {
  const sirv = requireTool("sirv");
  const notFound = (res) => {
    res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
    res.end("not found\n");
  };
  const files = sirv(root, {
    dev: true, // look files up per request: www/pkg is rebuilt while a server runs
    etag: true,
    setHeaders(res, pathname) {
      res.setHeader("X-Content-Type-Options", "nosniff");
      if (csp && (pathname.endsWith("/") || /\.html?$/i.test(pathname))) res.setHeader("Content-Security-Policy", csp);
    },
    onNoMatch: (req, res) => notFound(res),
  });
  return (req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { "Content-Type": "text/plain; charset=utf-8", Allow: "GET, HEAD" });
      return res.end("method not allowed\n");
    }
    // No dotfiles (sirv's dev mode serves them): no path segment may start with a dot.
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    } catch {
      return notFound(res);
    }
    if (/(^|\/)\./.test(pathname)) return notFound(res);
    files(req, res);
  };
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    const onError = (e) => {
      server.off("listening", onListening);
      reject(e);
    };
    const onListening = () => {
      server.off("error", onError);
      resolve();
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, "127.0.0.1");
  });
}

/** Starts the demo server on 127.0.0.1; falls back to a free port when `port` is taken. */
export async function startServer({ port = 8080, root = WWW, csp = DEMO_CSP } = {}) {
  const server = http.createServer(staticHandler(root, { csp }));
  try {
    await listen(server, port);
  } catch (e) {
    if (e.code !== "EADDRINUSE" && e.code !== "EACCES") throw e;
    console.error(`port ${port} is not available; using a free port`);
    await listen(server, 0);
  }
  const { port: actual } = server.address();
  return { server, url: `http://127.0.0.1:${actual}/` };
}

async function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { "build-only": { type: "boolean" }, "no-build": { type: "boolean" } },
  });
  const buildOnly = values["build-only"];
  const noBuild = values["no-build"];
  prepare({ build: !noBuild });
  if (buildOnly) {
    console.log(`pkg/web is up to date and copied to ${path.relative(ROOT, WWW_PKG)}/`);
    return;
  }
  const envPort = Number.parseInt(process.env.PORT ?? "", 10);
  const { url } = await startServer({ port: Number.isInteger(envPort) && envPort >= 0 ? envPort : 8080 });
  console.log(`article-cleaner demo: ${url}  (Ctrl-C to stop)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
