// Scaling check for the native build: time and peak memory for the same article repeated to
// 10 KB … 10 MB, and for nesting depth 1e3 … 1e5. Cost must grow linearly: the report shows
// time per MB and peak RSS as a multiple of the input size, per size, measured in one run.
//
//   cargo build --release && node bench/scaling.mjs [--bin target/release/article-cleaner]
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "..");
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const bin = resolve(root, arg("bin", "target/release/article-cleaner"));
const reps = Number(arg("reps", 3));
const dir = mkdtempSync(join(tmpdir(), "ac-scaling-"));

const unit = "tests/fixtures/readability/ars-1/source.html";
const page = readFileSync(join(root, unit), "utf8");
// The article body's paragraphs, repeated inside one page skeleton.
const paras = page.match(/<p[\s>][\s\S]*?<\/p>/g)?.join("\n") ?? "<p>text</p>";

function measure(file) {
  let best = null;
  for (let i = 0; i < reps; i++) {
    const run = spawnSync("/usr/bin/time", ["-f", "%e %M", bin, file], { stdio: ["ignore", "ignore", "pipe"] });
    if (run.error) throw new Error(`/usr/bin/time: ${run.error.message} (apt-get install time)`);
    const out = run.stderr.toString();
    const [secs, kb] = out.trim().split(/\s+/).slice(-2).map(Number);
    if (!best || secs < best.secs) best = { secs, kb };
  }
  return best;
}

console.log(`binary: ${bin}; best of ${reps} runs each`);
console.log("| input | bytes | seconds | s per MB | peak RSS MB | RSS ÷ input |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const target of [10e3, 100e3, 1e6, 10e6]) {
  let body = "";
  while (body.length < target) body += paras + "\n";
  const html = `<!DOCTYPE html><html><head><title>Scaling</title></head><body><article>${body}</article></body></html>`;
  const file = join(dir, `repeat-${target}.html`);
  writeFileSync(file, html);
  const bytes = Buffer.byteLength(html);
  const { secs, kb } = measure(file);
  console.log(`| repeated article | ${bytes} | ${secs.toFixed(2)} | ${(secs / (bytes / 1e6)).toFixed(2)} | ${(kb / 1024).toFixed(1)} | ${((kb * 1024) / bytes).toFixed(1)} |`);
}
for (const depth of [1e3, 1e4, 1e5]) {
  const html = `<!DOCTYPE html><html><body>${"<div>".repeat(depth)}<p>deep text, deep text.</p>${"</div>".repeat(depth)}</body></html>`;
  const file = join(dir, `depth-${depth}.html`);
  writeFileSync(file, html);
  const { secs, kb } = measure(file);
  console.log(`| nesting depth ${depth} | ${Buffer.byteLength(html)} | ${secs.toFixed(2)} | ${(secs / (Buffer.byteLength(html) / 1e6)).toFixed(2)} | ${(kb / 1024).toFixed(1)} | ${((kb * 1024) / Buffer.byteLength(html)).toFixed(1)} |`);
}
