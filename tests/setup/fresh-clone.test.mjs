// The README's demo command, run exactly as the README writes it, in a fresh clone of this
// repository (no target/, pkg/, node_modules/, www/pkg/): it must set itself up, build, and serve
// the page and its .wasm; the served module then cleans the demo's built-in sample.
//
// The clone reuses the tools already installed on the machine (wasm-pack, wasm-bindgen in cargo's
// bin directory; ~/.npm's cache), never this checkout's target/ or tools/node_modules/: those
// directories are taken off PATH and the clone builds into its own target/ (a cold build: the
// stage costs a few minutes on a 2-core machine). It clones the committed HEAD: uncommitted
// changes are not in the clone (a note says so).

import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const STARTUP_LIMIT_MS = 40 * 60 * 1000; // a cold build under load on 2 cores; CI's limit is 90 min

/** The commands of the README's "Two commands" block, in order: [{ command, comment }]. */
export function readmeCommands(readme) {
  const m = /^## Two commands\n+```sh\n([\s\S]*?)\n```/m.exec(readme);
  assert.ok(m, 'README.md has a "## Two commands" section with a ```sh block');
  return m[1]
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => {
      const [command, ...comment] = l.split(/\s+#\s+/);
      return { command: command.trim(), comment: comment.join(" # ") };
    });
}

const git = (args, cwd = ROOT) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();

/** Waits until `child` prints the demo's URL; rejects when it exits first or the limit passes. */
function waitForUrl(child, output) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the demo did not come up in time")), STARTUP_LIMIT_MS);
    const onData = (chunk) => {
      output.push(chunk.toString());
      const m = /article-cleaner demo: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output.join(""));
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk) => output.push(chunk.toString()));
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the demo command exited (${code ?? signal}) before serving`));
    });
  });
}

/** The environment a fresh clone gets: this checkout's directories removed from PATH. */
function cloneEnv() {
  const env = { ...process.env };
  env.PATH = (env.PATH ?? "")
    .split(path.delimiter)
    .filter((dir) => dir && path.relative(ROOT, path.resolve(dir)).startsWith(".."))
    .join(path.delimiter);
  for (const key of ["CARGO_TARGET_DIR", "ARTICLE_CLEANER_BIN", "NODE_PATH"]) delete env[key];
  env.PORT = "0"; // any free port: never collide with a demo already on 8080
  return env;
}

test("the README's two commands are the ones .ci/run and this test run", () => {
  const commands = readmeCommands(fs.readFileSync(path.join(ROOT, "README.md"), "utf8"));
  assert.deepEqual(
    commands.map((c) => c.command),
    ["node scripts/serve.mjs", "bash scripts/test.sh"],
  );
  const ci = fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8");
  assert.match(ci, /^bash scripts\/test\.sh\b/m, ".ci/run runs the README's test command");
});

test("fresh clone: the README's demo command sets up, builds and serves the demo", { timeout: STARTUP_LIMIT_MS + 120_000 }, async (t) => {
  const [demo] = readmeCommands(fs.readFileSync(path.join(ROOT, "README.md"), "utf8"));
  if (git(["status", "--porcelain", "--untracked-files=no"]) !== "")
    t.diagnostic("uncommitted changes are not part of the clone: it tests the committed HEAD");

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "article-cleaner-fresh-"));
  const clone = path.join(tmp, "article-cleaner");
  let child;
  try {
    const t0 = Date.now();
    git(["clone", "--quiet", "--no-checkout", ROOT, clone], tmp);
    git(["checkout", "--quiet", "--detach", git(["rev-parse", "HEAD"])], clone);
    for (const d of ["target", "pkg", "tools/node_modules", "www/pkg", "node_modules"])
      assert.ok(!fs.existsSync(path.join(clone, d)), `a fresh clone has no ${d}/`);

    const output = [];
    child = spawn("sh", ["-c", demo.command], { cwd: clone, env: cloneEnv(), detached: true, stdio: ["ignore", "pipe", "pipe"] });
    let url;
    try {
      url = await waitForUrl(child, output);
    } catch (e) {
      throw new Error(`${e.message}\n--- output (last 4,000 characters) ---\n${output.join("").slice(-4000)}`);
    }
    t.diagnostic(`\`${demo.command}\` in a fresh clone: serving after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    for (const line of output.join("").split("\n").filter((l) => l.startsWith("setup: "))) t.diagnostic(line);
    assert.ok(fs.existsSync(path.join(clone, "target")), "the clone built into its own target/");

    const page = await fetch(url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get("content-type"), /^text\/html/);
    const html = await page.text();
    assert.match(html, /<script type="module" src="app\.js"><\/script>/);

    const app = await fetch(new URL("app.js", url));
    assert.equal(app.status, 200);
    assert.match(app.headers.get("content-type"), /^text\/javascript/);
    // The demo's built-in sample: the first of the page's SAMPLES, which it cleans on load.
    const sampleFile = /file: "(samples\/[^"]+)"/.exec(await app.text())?.[1];
    assert.ok(sampleFile, "app.js names its built-in samples");
    const sample = await fetch(new URL(sampleFile, url));
    assert.equal(sample.status, 200);
    const sampleHtml = await sample.text();

    const glue = await fetch(new URL("pkg/article_cleaner.js", url));
    assert.equal(glue.status, 200);
    const wasmUrl = new URL("pkg/article_cleaner_bg.wasm", url);
    const head = await fetch(wasmUrl, { method: "HEAD" });
    assert.equal(head.headers.get("content-type"), "application/wasm");
    // compileStreaming accepts only a response served as application/wasm, as browsers do.
    const module = await WebAssembly.compileStreaming(fetch(wasmUrl));

    // The clone's own web build, instantiated with the module the server sent.
    const web = await import(pathToFileURL(path.join(clone, "www", "pkg", "article_cleaner.js")).href);
    web.initSync({ module });
    const article = web.clean(sampleHtml);
    assert.equal(article.version, 1);
    assert.ok(typeof article.title === "string" && article.title.length > 0, "the sample has a title");
    assert.ok(article.blocks.length > 0, "the sample has body blocks");
    assert.ok(article.textContent.length > 200, `the sample has a body (${article.textContent.length} characters)`);
    assert.ok(!/<script/i.test(article.content), "no script in the clean HTML");
    t.diagnostic(`the built-in sample (${sampleFile}): "${article.title}", ${article.textContent.length} characters of text`);
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(-child.pid, "SIGTERM"); // the demo command's process group (sh and node)
      await exited;
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
