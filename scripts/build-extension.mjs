#!/usr/bin/env node
// Assembles the unpacked browser extension and its zip from extension/, the shared reader view
// (www/reader-view.js, www/reader.css) and the web build (pkg/web).
//
//   node scripts/build-extension.mjs                 → dist/extension/ + dist/article-cleaner-extension.zip
//   node scripts/build-extension.mjs --out DIR --no-zip --host-permission 'http://127.0.0.1/*'
//
// --host-permission adds a host permission to the manifest. The browser test uses it because a
// headless browser cannot click the toolbar button, and only that click (or the keyboard command)
// grants activeTab; the shipped build asks for activeTab only.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

import { buildWeb, webBuildIsStale } from "./serve.mjs";
import { readToml } from "./toml.mjs";
import { requireTool } from "./tools.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

// Source → destination inside the extension directory.
const FILES = [
  ["extension/manifest.json", "manifest.json"],
  ["extension/background.js", "background.js"],
  ["extension/content.js", "content.js"],
  ["extension/overlay.css", "overlay.css"],
  ["www/reader-view.js", "reader-view.js"],
  ["www/reader.css", "reader.css"],
  ["pkg/web/article_cleaner.js", "pkg/article_cleaner.js"],
  ["pkg/web/article_cleaner_bg.wasm", "pkg/article_cleaner_bg.wasm"],
];

// ---- the zip, written by fflate (npm, in tools/) ----

// A fixed timestamp (2024-01-01 00:00, as local time: zip's DOS time has no zone) makes the archive
// reproducible: the same files give the same bytes.
const ZIP_MTIME = new Date(2024, 0, 1);

/** Builds a zip archive from [{ name, data }] (names with forward slashes, UTF-8 allowed). */
export function zip(entries) {
  const { zipSync } = requireTool("fflate");
  const files = {};
  for (const { name, data } of entries) {
    if (Object.hasOwn(files, name)) throw new Error(`zip: ${name} twice`);
    files[name] = [new Uint8Array(data.buffer, data.byteOffset, data.byteLength), { level: 9, mtime: ZIP_MTIME }];
  }
  return Buffer.from(zipSync(files));
}

// ---- assembling ----

function options(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      out: { type: "string" },
      "no-zip": { type: "boolean" },
      "no-build": { type: "boolean" },
      "host-permission": { type: "string", multiple: true },
    },
  });
  return {
    out: values.out ? path.resolve(values.out) : path.join(ROOT, "dist", "extension"),
    zip: !values["no-zip"],
    build: !values["no-build"],
    hostPermissions: values["host-permission"] ?? [],
  };
}

/** The root crate's version, from the [package] table of Cargo.toml. */
export function crateVersion() {
  const version = readToml("Cargo.toml").package?.version;
  if (typeof version !== "string") throw new Error("no [package] version string in Cargo.toml");
  return version;
}

/** Builds the extension into `out`; returns { out, zipPath }. */
export function buildExtension({ out, zip: makeZip = true, hostPermissions = [], build = true } = {}) {
  out ??= path.join(ROOT, "dist", "extension");
  if (build && webBuildIsStale()) buildWeb();
  fs.rmSync(out, { recursive: true, force: true });
  const entries = [];
  for (const [from, to] of FILES) {
    const src = path.join(ROOT, from);
    if (!fs.existsSync(src)) throw new Error(`missing ${from}${from.startsWith("pkg/") ? ": run node scripts/serve.mjs --build-only" : ""}`);
    let data = fs.readFileSync(src);
    if (to === "manifest.json") {
      const manifest = JSON.parse(data.toString("utf8"));
      // The extension's version follows the library's (Cargo.toml [package] version).
      const version = crateVersion();
      if (!/^\d+(\.\d+){0,3}$/.test(version)) throw new Error(`Cargo.toml version ${version} is not a valid extension version`);
      manifest.version = version;
      if (hostPermissions.length) manifest.host_permissions = hostPermissions;
      data = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    }
    const dest = path.join(out, to);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, data);
    entries.push({ name: to, data });
  }
  let zipPath = null;
  if (makeZip) {
    zipPath = path.join(path.dirname(out), "article-cleaner-extension.zip");
    fs.writeFileSync(zipPath, zip(entries));
  }
  return { out, zipPath };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  try {
    const { out, zipPath } = buildExtension(options(process.argv.slice(2)));
    console.log(`unpacked extension: ${path.relative(process.cwd(), out) || "."}`);
    if (zipPath) console.log(`zip: ${path.relative(process.cwd(), zipPath)} (${fs.statSync(zipPath).size} bytes)`);
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
