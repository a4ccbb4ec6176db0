// The benchmarks' document set, in two groups, and the per-group summary they print.
//
//   items  every feed item of the fixtures: tests/fixtures/feeds/*/source.html and
//          tests/fixtures/samples/*.html
//   pages  the page set: Mozilla Readability's test pages, tests/fixtures/readability/*/source.html
//
// A group is summarised by the median of each engine's per-document medians and by the median of
// the per-document ratios (peer ÷ ours: > 1 means we are faster), with how many documents are
// faster and slower, so a change that helps one document and hurts ten shows.
import { readdirSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const sources = (dir, pick) =>
  readdirSync(join(ROOT, dir), { withFileTypes: true })
    .map(pick)
    .filter(Boolean)
    .map((rel) => join(dir, rel))
    .filter((rel) => existsSync(join(ROOT, rel)))
    .sort();

/** The groups, each a sorted list of paths relative to the repository root. */
export const GROUPS = {
  items: [
    ...sources("tests/fixtures/feeds", (d) => d.isDirectory() && `${d.name}/source.html`),
    ...sources("tests/fixtures/samples", (d) => d.isFile() && d.name.endsWith(".html") && d.name),
  ],
  pages: sources("tests/fixtures/readability", (d) => d.isDirectory() && `${d.name}/source.html`),
};

/** A short label for a document: its fixture folder or file name. */
export const label = (rel) => {
  const parts = rel.split("/");
  return parts.at(-1) === "source.html" ? parts.at(-2) : parts.at(-1).replace(/\.html$/, "");
};

/**
 * The documents to run: `group` is `items`, `pages` or `all`; `limit` (> 0) keeps that many per
 * group, evenly spread over the sorted list; `match` keeps paths containing it.
 */
export function documents({ group = "all", limit = 0, match = "" } = {}) {
  const names = group === "all" ? Object.keys(GROUPS) : [group];
  const out = [];
  for (const g of names) {
    let list = GROUPS[g];
    if (!list) throw new Error(`unknown group ${g} (items, pages or all)`);
    list = list.filter((rel) => rel.includes(match));
    if (limit > 0 && list.length > limit) {
      const step = list.length / limit;
      list = Array.from({ length: limit }, (_, i) => list[Math.floor(i * step)]);
    }
    for (const rel of list) out.push({ group: g, label: label(rel), rel });
  }
  return out;
}

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Per-group summary of per-document results `{group, document, engine, medianMs}`; `ours` names
 * the engine the ratios are taken against.
 */
export function summarize(results, ours) {
  const rows = [];
  const groups = [...new Set(results.map((r) => r.group))];
  for (const g of groups) {
    const inGroup = results.filter((r) => r.group === g);
    const oursBy = new Map(inGroup.filter((r) => r.engine === ours).map((r) => [r.document, r.medianMs]));
    const engines = [...new Set(inGroup.map((r) => r.engine))];
    for (const engine of engines) {
      const mine = inGroup.filter((r) => r.engine === engine && oursBy.has(r.document));
      const ratios = mine.map((r) => r.medianMs / oursBy.get(r.document));
      rows.push({
        group: g,
        engine,
        documents: mine.length,
        medianMs: median(mine.map((r) => r.medianMs)),
        medianRatio: median(ratios),
        minRatio: Math.min(...ratios),
        maxRatio: Math.max(...ratios),
        // Documents on which this engine is slower (we are faster) / faster than ours.
        slower: ratios.filter((x) => x > 1).length,
        faster: ratios.filter((x) => x < 1).length,
      });
    }
  }
  return rows;
}

/** Prints the per-document table (when `perDocument`) and the per-group summary as Markdown. */
export function report(results, ours, { perDocument = false, log = console.log } = {}) {
  if (perDocument) {
    const oursBy = new Map(results.filter((r) => r.engine === ours).map((r) => [`${r.group}/${r.document}`, r.medianMs]));
    log("| group | document | bytes | engine | median ms | × ours |");
    log("|---|---|---:|---|---:|---:|");
    for (const r of results) {
      const o = oursBy.get(`${r.group}/${r.document}`);
      log(`| ${r.group} | ${r.document} | ${r.bytes} | ${r.engine} | ${r.medianMs.toFixed(2)} | ${(r.medianMs / o).toFixed(2)} |`);
    }
    log("");
  }
  log("| group | engine | documents | median ms | median × ours | min–max × ours | slower / faster than ours |");
  log("|---|---|---:|---:|---:|---:|---:|");
  for (const s of summarize(results, ours)) {
    const range = `${s.minRatio.toFixed(2)}–${s.maxRatio.toFixed(2)}`;
    log(`| ${s.group} | ${s.engine} | ${s.documents} | ${s.medianMs.toFixed(2)} | ${s.medianRatio.toFixed(2)} | ${range} | ${s.slower} / ${s.faster} |`);
  }
}
