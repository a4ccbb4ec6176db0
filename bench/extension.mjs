// First-call latency of the browser extension (issue 7: "first call in the extension under 50 ms on
// a typical article page"). Loads the unpacked extension in Chromium (as tests/browser/extension.test.mjs
// does), then, in its service worker, times the first cleanPage() on a fresh worker — the wasm's
// init() promise (started at worker start-up), the first clean() (lazy compilation of the code it
// touches, rule compilation) — and the calls after it.
//
//   node bench/extension.mjs [--doc tests/fixtures/readability/ars-1/source.html] [--runs 5]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

import { buildExtension } from "../scripts/build-extension.mjs";
import { chromium, CHROMIUM, CHROMIUM_ARGS, offline, ROOT } from "../tests/browser/helpers.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const docs = arg("doc", "tests/fixtures/readability/ars-1/source.html,tests/fixtures/samples/dw-feedx-item.html").split(",");
const runs = Number(arg("runs", 5));

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "article-cleaner-ext-bench-"));
const extDir = path.join(tmp, "extension");
buildExtension({ out: extDir, zip: false, hostPermissions: ["http://127.0.0.1/*"] });
const wasmBytes = fs.statSync(path.join(extDir, "pkg", "article_cleaner_bg.wasm")).size;

const rows = [];
try {
  for (let run = 0; run < runs; run++) {
    const userDataDir = path.join(tmp, `profile-${run}`);
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: false, // new headless mode comes from --headless=new in the args
      ignoreDefaultArgs: ["--disable-extensions"],
      args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`],
    });
    try {
      await offline(context);
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker", { timeout: 15000 }));
      for (const doc of docs) {
        const html = fs.readFileSync(path.join(ROOT, doc), "utf8");
        const r = await worker.evaluate(async (html) => {
          const t0 = performance.now();
          const first = await globalThis.articleCleaner.cleanPage(html, "https://example.org/article");
          const firstTotal = performance.now() - t0;
          const later = [];
          for (let i = 0; i < 5; i++) later.push((await globalThis.articleCleaner.cleanPage(html, "https://example.org/article")).ms);
          later.sort((a, b) => a - b);
          return { ok: first.ok, firstTotal, firstClean: first.ms, laterMedian: later[2] };
        }, html);
        rows.push({ run, doc: path.basename(path.dirname(doc)) + "/" + path.basename(doc), ...r });
      }
    } finally {
      await context.close();
    }
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`Chromium extension service worker, wasm ${wasmBytes} bytes, ${runs} fresh profiles; median over runs`);
console.log("| document (in call order) | first cleanPage() incl. init wait, ms | its clean() ms | later clean() ms |");
console.log("|---|---:|---:|---:|");
for (const doc of docs) {
  const rs = rows.filter((r) => r.doc === path.basename(path.dirname(doc)) + "/" + path.basename(doc));
  if (rs.some((r) => !r.ok)) console.log(`(${doc}: cleanPage failed)`);
  console.log(
    `| ${rs[0].doc} | ${median(rs.map((r) => r.firstTotal)).toFixed(1)} | ${median(rs.map((r) => r.firstClean)).toFixed(1)} | ${median(rs.map((r) => r.laterMedian)).toFixed(1)} |`,
  );
}
