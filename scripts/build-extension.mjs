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
import zlib from "node:zlib";

import { buildWeb, webBuildIsStale } from "./serve.mjs";
import { readToml } from "./toml.mjs";

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

// ---- a minimal zip writer (stored + deflate, no zip64), enough for a browser store upload ----

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Builds a zip archive from [{ name, data }] (names with forward slashes). */
export function zip(entries) {
  const DOS_TIME = 0; // 00:00:00
  const DOS_DATE = (2024 - 1980) << 9 | 1 << 5 | 1; // fixed 2024-01-01: reproducible archives
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBuf = Buffer.from(name, "utf8");
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const useDeflate = deflated.length < data.length;
    const body = useDeflate ? deflated : data;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(useDeflate ? 8 : 0, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBuf, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(useDeflate ? 8 : 0, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + body.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
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
