// The package as users get it: `npm pack` of pkg/, installed from the tarball into a fresh project
// (a real copy, not a symlink), then imported, required, and type-checked with a strict tsc.

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { DW_SAMPLE, projectWithPackage, removeTemp, requirePackage, run, TOOLS_BIN } from "./support.mjs";

const TSC = path.join(TOOLS_BIN, "tsc");
let project;

before(async () => {
  requirePackage();
  project = await projectWithPackage("npm-pack");
});
after(() => removeTemp(project?.dir));

const write = (file, text) => fs.writeFileSync(path.join(project.dir, file), text);

test("the tarball is a real install: files copied, no symlink", (t) => {
  const installed = path.join(project.dir, "node_modules", "article-cleaner");
  assert.equal(fs.lstatSync(installed).isSymbolicLink(), false);
  assert.ok(fs.existsSync(path.join(installed, "web", "article_cleaner_bg.wasm")));
  assert.equal(project.info.name, "article-cleaner");
  // Size of what users download, for the record.
  t.diagnostic(`tarball ${path.basename(project.tarball)}: ${fs.statSync(project.tarball).size} bytes, ${project.info.unpackedSize} unpacked, ${project.info.entryCount} files`);
});

test("installed package: ESM import and CommonJS require clean the DW sample identically", async () => {
  write(
    "esm.mjs",
    `import { cleanToJson } from "article-cleaner";
     import { readFileSync } from "node:fs";
     process.stdout.write(cleanToJson(readFileSync(${JSON.stringify(DW_SAMPLE)}, "utf8")));`,
  );
  write(
    "cjs.cjs",
    `const { cleanToJson } = require("article-cleaner");
     process.stdout.write(cleanToJson(require("node:fs").readFileSync(${JSON.stringify(DW_SAMPLE)}, "utf8")));`,
  );
  const esm = (await run(process.execPath, ["esm.mjs"], { cwd: project.dir })).stdout;
  const cjs = (await run(process.execPath, ["cjs.cjs"], { cwd: project.dir })).stdout;
  assert.equal(esm, cjs);
  const article = JSON.parse(esm);
  assert.equal(article.title, "美中官員互動起死回生　經濟工作組北京首會");
  assert.equal(article.feed, "feedx");
});

// A usage file written as a user would, checked with strict settings. It must compile; a second
// file with deliberate mistakes must not (so the check cannot pass on `any`).
const USAGE_TS = `
import { clean, cleanToJson, cleanDocument, rules, version, contractVersion } from "article-cleaner";
import type { Article, Block, CleanOptions, Rule } from "article-cleaner";
import init, { initSync, clean as cleanWeb } from "article-cleaner/web";

const options: CleanOptions = { url: "https://example.org/news/1", stripTracking: true };
const a: Article = clean("<p>Hello</p>", options);
const b: Article = clean("<p>Hello</p>");
const c: Article = clean("<p>Hello</p>", null);
const title: string | null = a.title;
const kinds: Block["type"][] = a.blocks.map((blk: Block) => blk.type);
const chars: number = a.stats.characters;
const json: string = cleanToJson("<p>x</p>", { disableRules: ["feedx-footer"] });
const live: Article = cleanDocument();
const frame: Article = cleanDocument(document.implementation.createHTMLDocument("t"), { findArticle: false });
const rs: Rule[] = rules();
const ids: string[] = rs.map((r) => r.id);
const v: string = version();
const n: number = contractVersion();
async function web(bytes: Uint8Array): Promise<string | null> {
  await init({ module_or_path: bytes });
  initSync({ module: bytes });
  return cleanWeb("<p>x</p>").title;
}
export { b, c, title, kinds, chars, json, live, frame, ids, v, n, web };
`;

const USAGE_CTS = `
import cleaner = require("article-cleaner");
const a: cleaner.Article = cleaner.clean("<p>Hello</p>");
const t: string | null = a.title;
export = t;
`;

const MISUSE_TS = `
import { clean, cleanDocument, type Article } from "article-cleaner";
const a: Article = clean(42);                              // html must be a string
const b = clean("<p/>", { noSuchOption: true });           // unknown option
const c: number = clean("<p/>").title;                     // string | null
const d = clean("<p/>").blocks[0].nonexistent;             // no such field
const e = cleanDocument(document.body);                    // an element is not a Document
export { a, b, c, d, e };
`;

function tsconfig(files, moduleKind, lib = ["es2022", "dom"]) {
  return JSON.stringify(
    {
      compilerOptions: {
        strict: true,
        noEmit: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        noImplicitAny: true,
        module: moduleKind,
        moduleResolution: moduleKind === "preserve" ? "bundler" : moduleKind,
        target: "es2022",
        lib,
        types: [],
        skipLibCheck: false,
      },
      files,
    },
    null,
    2,
  );
}

for (const moduleKind of ["nodenext", "preserve"]) {
  test(`tsc --strict (module ${moduleKind}): the package's types check a typical usage`, async () => {
    write("usage.mts", USAGE_TS);
    write("usage-cjs.cts", USAGE_CTS);
    const files = moduleKind === "nodenext" ? ["usage.mts", "usage-cjs.cts"] : ["usage.mts"];
    write(`tsconfig.${moduleKind}.json`, tsconfig(files, moduleKind));
    await run(TSC, ["-p", `tsconfig.${moduleKind}.json`], { cwd: project.dir });
  });
}

// A Node-only project compiles without the DOM library: the declarations give `Document` an
// empty interface of their own, which merges away where the DOM library declares it.
const NODE_ONLY_TS = `
import { clean, cleanDocument, type Article } from "article-cleaner";
const a: Article = clean("<p>Hello</p>");
let b: Article | null = null;
try { b = cleanDocument(); } catch { b = null; }
export { a, b };
`;

test("tsc --strict without the DOM library (a Node-only project): the declarations still check", async () => {
  write("node-only.mts", NODE_ONLY_TS);
  write("tsconfig.node-only.json", tsconfig(["node-only.mts"], "nodenext", ["es2022"]));
  await run(TSC, ["-p", "tsconfig.node-only.json"], { cwd: project.dir });
});

test("tsc --strict rejects misuse (the types are precise, not any)", async () => {
  write("misuse.mts", MISUSE_TS);
  write("tsconfig.misuse.json", tsconfig(["misuse.mts"], "nodenext"));
  const err = await run(TSC, ["-p", "tsconfig.misuse.json"], { cwd: project.dir }).then(
    () => null,
    (e) => e,
  );
  assert.ok(err, "tsc accepted code with type errors");
  const out = err.stdout;
  for (const line of [3, 4, 5, 6, 7])
    assert.match(out, new RegExp(`misuse\\.mts\\(${line},`), `no error reported on line ${line}:\n${out}`);
});
