// Instructions per document, native (valgrind callgrind): repeatable on a loaded machine, where
// timings are not. For every document of the benchmark set (bench/documents.mjs) it counts the
// instructions of `target/release/examples/profile FILE N` for N = --runs and N = 1; the
// difference over N - 1 is one steady-state clean() (start-up, reading the file and the first
// call's one-time set-up cancel out). With --floor it also counts a bare
// `scraper::Html::parse_document` of the same bytes (PROFILE_PARSE_ONLY=1), and with --bin2 a
// second build of the example, side by side (ratio = bin2 / bin: < 1 means bin2 runs fewer).
//
//   cargo build --release --example profile
//   node bench/instructions.mjs [--group items|pages|all] [--limit N] [--match TEXT] [--runs 3]
//                               [--floor] [--bin2 OTHER/profile] [--per-doc] [--json FILE]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

import { documents, ROOT, summarize } from "./documents.mjs";

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const flag = (name) => process.argv.includes(`--${name}`);
const runs = Math.max(2, Number(arg("runs", 3)));
const bin = resolve(ROOT, arg("bin", "target/release/examples/profile"));
const bin2 = arg("bin2", null) && resolve(ROOT, arg("bin2", null));
const docs = documents({ group: arg("group", "all"), limit: Number(arg("limit", 0)), match: arg("match", "") });
for (const b of [bin, bin2].filter(Boolean)) {
  if (!existsSync(b)) throw new Error(`${b} not found: cargo build --release --example profile`);
}

/** Instructions valgrind's callgrind counts for one run of `exe FILE n`. */
function instructions(exe, file, n, env = {}) {
  const r = spawnSync(
    "valgrind",
    ["--tool=callgrind", "--callgrind-out-file=/dev/null", exe, file, String(n)],
    { encoding: "utf8", env: { ...process.env, ...env } },
  );
  const m = /Collected\s*:\s*(\d+)/.exec(r.stderr ?? "");
  if (r.status !== 0 || !m) throw new Error(`callgrind failed on ${file}: ${r.error ?? r.stderr}`);
  return Number(m[1]);
}
const perDoc = (exe, file, env) => (instructions(exe, file, runs, env) - instructions(exe, file, 1, env)) / (runs - 1);

const OURS = "clean";
const engines = [[OURS, bin, {}]];
if (bin2) engines.push([`clean (${arg("bin2")})`, bin2, {}]);
if (flag("floor")) engines.push(["bare parse", bin, { PROFILE_PARSE_ONLY: "1" }]);

const results = [];
for (const [i, { group, label, rel }] of docs.entries()) {
  const file = join(ROOT, rel);
  for (const [engine, exe, env] of engines) {
    results.push({ group, document: label, path: rel, engine, medianMs: perDoc(exe, file, env) });
  }
  process.stderr.write(`\r${i + 1}/${docs.length} ${label}                    `);
}
process.stderr.write("\n");

const M = (x) => `${(x / 1e6).toFixed(2)} M`;
console.log(`callgrind, ${docs.length} documents, (instructions of ${runs} runs - of 1) / ${runs - 1}; ratio = engine / clean`);
if (flag("per-doc")) {
  console.log("| group | document | engine | instructions | × clean |");
  console.log("|---|---|---|---:|---:|");
  const ours = new Map(results.filter((r) => r.engine === OURS).map((r) => [r.path, r.medianMs]));
  for (const r of results) console.log(`| ${r.group} | ${r.document} | ${r.engine} | ${M(r.medianMs)} | ${(r.medianMs / ours.get(r.path)).toFixed(3)} |`);
  console.log("");
}
console.log("| group | engine | documents | median instructions | median × clean | min–max × clean | more / fewer than clean |");
console.log("|---|---|---:|---:|---:|---:|---:|");
for (const s of summarize(results, OURS)) {
  console.log(`| ${s.group} | ${s.engine} | ${s.documents} | ${M(s.medianMs)} | ${s.medianRatio.toFixed(3)} | ${s.minRatio.toFixed(3)}–${s.maxRatio.toFixed(3)} | ${s.slower} / ${s.faster} |`);
}
if (flag("floor")) {
  const floor = new Map(results.filter((r) => r.engine === "bare parse").map((r) => [r.path, r.medianMs]));
  for (const g of [...new Set(results.map((r) => r.group))]) {
    const xs = results.filter((r) => r.group === g && r.engine === OURS).map((r) => r.medianMs / floor.get(r.path));
    const sorted = xs.sort((a, b) => a - b);
    console.log(`${g}: clean ÷ bare parse, median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)}× (${sorted[0].toFixed(1)}–${sorted.at(-1).toFixed(1)}×)`);
  }
}
const total = (engine) => results.filter((r) => r.engine === engine).reduce((a, r) => a + r.medianMs, 0);
for (const [engine] of engines.slice(1)) console.log(`total ${engine} / total clean: ${(total(engine) / total(OURS)).toFixed(3)}`);
const jsonOut = arg("json", null);
if (jsonOut) {
  mkdirSync(dirname(resolve(jsonOut)), { recursive: true });
  writeFileSync(resolve(jsonOut), JSON.stringify({ runs, results }, null, 2));
}
