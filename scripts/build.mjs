#!/usr/bin/env node
// Builds the wasm package from the declarations in ../wasm-pack.toml.
//
//   node scripts/build.mjs <web|bundler|nodejs|package|all> [--profile NAME]
//
// web|bundler|nodejs  wasm-pack build of that target into pkg/<target>/, then wasm-opt with the
//                     profile's flags (wasm-opt from tools/node_modules/.bin: npm binaryen).
// package             assembles pkg/ as the npm package `article-cleaner` from the three target builds.
// all                 the three targets, then package.
//
// First it runs `bash scripts/setup.sh demo`, which installs the tools that are missing (wasm-pack,
// wasm-bindgen-cli, tools/ npm packages) and skips what is there. wasm-pack.toml and the
// Cargo.toml files are read with a full TOML parser (scripts/toml.mjs: smol-toml from tools/).

import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";

import { readToml } from "./toml.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const TOOLS_BIN = join(ROOT, "tools", "node_modules", ".bin");
// Where `cargo install` puts wasm-pack and wasm-bindgen (scripts/setup.sh installs them there).
const CARGO_BIN = join(process.env.CARGO_INSTALL_ROOT || process.env.CARGO_HOME || join(homedir(), ".cargo"), "bin");
const STATE_DIR = join(ROOT, "target", "wasm-pkg-state"); // which profile built each pkg/<target>

class BuildError extends Error {}
const fail = (msg) => {
  throw new BuildError(msg);
};

// ---------------------------------------------------------------------------------------------
// Configuration

const TARGETS = ["web", "bundler", "nodejs"];

const toml = (file) => {
  try {
    return readToml(file);
  } catch (e) {
    return fail(e.message);
  }
};

export function loadConfig() {
  const raw = toml("wasm-pack.toml");
  const b = raw.build ?? fail("wasm-pack.toml: missing [build]");
  for (const key of ["crate", "out-name", "out-root", "default-profile"])
    if (typeof b[key] !== "string") fail(`wasm-pack.toml: [build] ${key} must be a string`);
  if (!Array.isArray(b.targets) || b.targets.some((t) => !TARGETS.includes(t)))
    fail(`wasm-pack.toml: [build] targets must be a subset of ${TARGETS.join(", ")}`);
  const profiles = raw.profile ?? fail("wasm-pack.toml: missing [profile.*]");
  for (const [name, p] of Object.entries(profiles)) {
    if (typeof p["cargo-profile"] !== "string")
      fail(`wasm-pack.toml: [profile.${name}] cargo-profile must be a string`);
    const w = p["wasm-opt"];
    if (w !== false && !(Array.isArray(w) && w.length > 0))
      fail(`wasm-pack.toml: [profile.${name}] wasm-opt must be false or a non-empty array of flags`);
  }
  if (!profiles[b["default-profile"]])
    fail(`wasm-pack.toml: default-profile ${b["default-profile"]} is not declared`);
  if (typeof raw.package?.name !== "string") fail("wasm-pack.toml: [package] name must be a string");
  return {
    crate: b.crate,
    outName: b["out-name"],
    outRoot: join(ROOT, b["out-root"]),
    targets: b.targets,
    defaultProfile: b["default-profile"],
    profiles,
    packageName: raw.package.name,
  };
}

// wasm-pack keeps its own settings in the crate's Cargo.toml. We run wasm-opt ourselves, so every
// wasm-pack profile must say `wasm-opt = false`; anything else is drift from wasm-pack.toml.
export function checkCargoConsistency(cfg) {
  const crateToml = join(ROOT, cfg.crate, "Cargo.toml");
  const crate = toml(crateToml);
  const problems = [];
  for (const wp of ["release", "dev", "profiling"]) {
    const v = crate.package?.metadata?.["wasm-pack"]?.profile?.[wp]?.["wasm-opt"];
    if (v !== false)
      problems.push(
        `[package.metadata.wasm-pack.profile.${wp}] must contain \`wasm-opt = false\` (found ${v === undefined ? "nothing" : JSON.stringify(v)})`,
      );
  }
  const rootToml = toml("Cargo.toml");
  for (const [name, p] of Object.entries(cfg.profiles)) {
    const cp = p["cargo-profile"];
    if (!["dev", "release"].includes(cp) && typeof rootToml.profile?.[cp] !== "object")
      problems.push(`wasm-pack.toml [profile.${name}] names cargo profile "${cp}", absent from Cargo.toml`);
  }
  if (problems.length)
    fail(
      `${relative(ROOT, crateToml)} has drifted from wasm-pack.toml (wasm-opt is run by scripts/build.mjs ` +
        `with the flags declared in wasm-pack.toml):\n  - ${problems.join("\n  - ")}`,
    );
}

// ---------------------------------------------------------------------------------------------
// Running tools

const env = { ...process.env, PATH: [TOOLS_BIN, CARGO_BIN, process.env.PATH ?? ""].join(delimiter) };

function run(cmd, args, opts = {}) {
  const shown = [cmd, ...args].join(" ");
  console.log(`$ ${shown}`);
  const r = spawnSync(cmd, args, { cwd: ROOT, env, stdio: "inherit", ...opts });
  if (r.error) fail(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`command failed (exit ${r.status ?? r.signal}): ${shown}`);
  return r;
}

function wasmOptBinary() {
  const bin = join(TOOLS_BIN, process.platform === "win32" ? "wasm-opt.cmd" : "wasm-opt");
  if (!existsSync(bin))
    fail(`wasm-opt not found at ${relative(ROOT, bin)}: run \`npm ci\` in tools/ (npm binaryen; never Debian's)`);
  return bin;
}

function cargoProfileArgs(cargoProfile) {
  if (cargoProfile === "dev") return ["--dev"];
  if (cargoProfile === "release") return ["--release"];
  return ["--profile", cargoProfile];
}

// Runs wasm-opt on `file` in place. Results are cached by the hash of input, flags and wasm-opt
// version under target/wasm-opt-cache/, so building the three targets from one cargo build (whose
// wasm differs only in import names) and rebuilding unchanged code stay cheap.
function wasmOpt(file, flags) {
  const bin = wasmOptBinary();
  const version = spawnSync(bin, ["--version"], { env, encoding: "utf8" }).stdout?.trim() ?? "";
  const input = readFileSync(file);
  const key = createHash("sha256").update(version).update("\0").update(flags.join("\0")).update("\0").update(input).digest("hex");
  const cacheDir = join(ROOT, "target", "wasm-opt-cache");
  const cached = join(cacheDir, `${key}.wasm`);
  if (existsSync(cached)) {
    console.log(`wasm-opt: cached result for ${relative(ROOT, file)} (${version})`);
    copyFileSync(cached, file);
    return;
  }
  const tmp = `${file}.opt`;
  run(bin, [...flags, file, "-o", tmp]);
  mkdirSync(cacheDir, { recursive: true });
  copyFileSync(tmp, cached);
  copyFileSync(tmp, file);
  rmSync(tmp);
}

// The generated ABI declarations type externref parameters as `any`; they are really unknown JS
// values. Rewriting keeps `any` out of every declaration the package ships.
function tightenDeclarations(dir) {
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".d.ts"))) {
    const p = join(dir, f);
    const before = readFileSync(p, "utf8");
    const after = before.replace(/^(\s*(?:readonly|export const) .*)$/gm, (line) =>
      line.replace(/\b([a-z]\w*): any\b/g, "$1: unknown"),
    );
    if (after !== before) writeFileSync(p, after);
  }
}

function buildTarget(cfg, target, profileName) {
  const profile = cfg.profiles[profileName];
  const outDir = join(cfg.outRoot, target);
  rmSync(outDir, { recursive: true, force: true });
  const t0 = Date.now();
  run("wasm-pack", [
    "build",
    cfg.crate,
    "--mode",
    "no-install",
    "--no-opt",
    "--no-pack",
    "--no-gitignore",
    "--target",
    target,
    ...cargoProfileArgs(profile["cargo-profile"]),
    "--out-name",
    cfg.outName,
    "--out-dir",
    relative(join(ROOT, cfg.crate), outDir),
  ]);
  const wasm = join(outDir, `${cfg.outName}_bg.wasm`);
  if (!existsSync(wasm)) fail(`wasm-pack produced no ${relative(ROOT, wasm)}`);
  if (profile["wasm-opt"]) wasmOpt(wasm, profile["wasm-opt"]);
  tightenDeclarations(outDir);
  // The module type of each directory: nodejs output is CommonJS, web and bundler are ES modules.
  const type = target === "nodejs" ? "commonjs" : "module";
  writeFileSync(join(outDir, "package.json"), `${JSON.stringify({ type }, null, 2)}\n`);
  mkdirSync(STATE_DIR, { recursive: true });
  writeFileSync(join(STATE_DIR, `${target}.profile`), `${profileName}\n`);
  console.log(`built ${relative(ROOT, outDir)} (${profileName}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------------------------------------
// Package assembly: pkg/ becomes the npm package, with the three builds in subdirectories.

function cargoPackageField(field) {
  const v = toml("Cargo.toml").package?.[field];
  return typeof v === "string" ? v : fail(`Cargo.toml [package] ${field} must be a string`);
}

export function packageJson(cfg) {
  const n = cfg.outName;
  return {
    name: cfg.packageName,
    version: cargoPackageField("version"),
    description: cargoPackageField("description"),
    license: cargoPackageField("license"),
    type: "module",
    // Node: ESM wrapper and CommonJS share one instance of the nodejs build (files read from disk).
    // Browsers and bundlers (Vite, webpack, Rollup, esbuild): the web build, instantiated by a
    // top-level await on `new URL("…wasm", import.meta.url)`, which bundlers emit as an asset.
    // ./web: the web build with explicit init (extensions, workers, custom loading).
    // ./bundler: wasm-pack's bundler build (wasm ESM integration: webpack asyncWebAssembly,
    // vite-plugin-wasm).
    exports: {
      ".": {
        node: {
          import: { types: "./index.d.ts", default: "./index.js" },
          require: { types: `./nodejs/${n}.d.ts`, default: `./nodejs/${n}.js` },
        },
        browser: { types: "./index.d.ts", default: "./browser.js" },
        import: { types: "./index.d.ts", default: "./browser.js" },
        default: { types: "./index.d.ts", default: "./browser.js" },
      },
      "./web": { types: `./web/${n}.d.ts`, default: `./web/${n}.js` },
      "./bundler": { types: `./bundler/${n}.d.ts`, default: `./bundler/${n}.js` },
      "./web/*.wasm": `./web/*.wasm`,
      "./package.json": "./package.json",
    },
    main: `./nodejs/${n}.js`,
    module: "./browser.js",
    browser: { [`./nodejs/${n}.js`]: "./browser.js" },
    types: "./index.d.ts",
    files: ["index.js", "index.d.ts", "browser.js", "web/", "bundler/", "nodejs/", "README.md"],
    sideEffects: ["./browser.js", "./index.js", `./nodejs/${n}.js`, `./bundler/${n}.js`],
    keywords: ["readability", "article", "html", "sanitize", "feed", "wasm"],
  };
}

const API = ["clean", "cleanToJson", "cleanDocument", "isProbablyReaderable", "rules", "version", "contractVersion"];
// Exported when the module has them: the wasm crate's `feed` Cargo feature (on by default).
const FEATURE_API = ["cleanFeed", "cleanFeedToJson"];

function assemblePackage(cfg) {
  const out = cfg.outRoot;
  const n = cfg.outName;
  for (const t of TARGETS) {
    const js = join(out, t, `${n}.js`);
    if (!existsSync(js)) fail(`package: ${relative(ROOT, js)} is missing; build it first (node scripts/build.mjs ${t})`);
  }
  const profiles = new Set(
    TARGETS.map((t) => {
      const f = join(STATE_DIR, `${t}.profile`);
      return existsSync(f) ? readFileSync(f, "utf8").trim() : "unknown";
    }),
  );
  if (profiles.size !== 1) fail(`package: the target builds come from different profiles (${[...profiles]})`);
  // The declarations of the main entry: the nodejs build's (no init functions), which carry the
  // contract types (wasm/src/lib.rs includes types/article-cleaner.d.ts).
  const dts = readFileSync(join(out, "nodejs", `${n}.d.ts`), "utf8");
  for (const name of API)
    if (!new RegExp(`export function ${name}\\(`).test(dts)) fail(`package: ${name} missing from the declarations`);
  const api = [...API, ...FEATURE_API.filter((name) => new RegExp(`export function ${name}\\(`).test(dts))];
  writeFileSync(join(out, "index.d.ts"), dts);
  const header = "// Generated by scripts/build.mjs.\n";
  writeFileSync(
    join(out, "index.js"),
    `${header}// Node ESM entry: re-exports the CommonJS nodejs build, so import and require share one instance.\n` +
      `import m from "./nodejs/${n}.js";\n\n` +
      api.map((f) => `export const ${f} = m.${f};`).join("\n") +
      "\n",
  );
  writeFileSync(
    join(out, "browser.js"),
    `${header}// Browser/bundler entry: the web build, instantiated once at import time.\n` +
      `import init from "./web/${n}.js";\n\n` +
      `await init({ module_or_path: new URL("./web/${n}_bg.wasm", import.meta.url) });\n\n` +
      `export { ${api.join(", ")} } from "./web/${n}.js";\n`,
  );
  writeFileSync(join(out, "package.json"), `${JSON.stringify(packageJson(cfg), null, 2)}\n`);
  const readme = join(ROOT, "README.md");
  if (existsSync(readme)) copyFileSync(readme, join(out, "README.md"));
  console.log(`assembled ${relative(ROOT, out)}/ as npm package ${cfg.packageName}`);
}

function reportSizes(cfg) {
  for (const t of TARGETS) {
    const f = join(cfg.outRoot, t, `${cfg.outName}_bg.wasm`);
    if (!existsSync(f)) continue;
    const bytes = readFileSync(f);
    const gz = gzipSync(bytes, { level: 9 }).length;
    const br = brotliCompressSync(bytes, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length;
    console.log(`${relative(ROOT, f)}: ${statSync(f).size} bytes raw, ${gz} gzip -9, ${br} brotli`);
  }
}

// ---------------------------------------------------------------------------------------------

// The tools the build needs, installed when missing (a no-op costing a fraction of a second when
// they are all there).
function setup() {
  const r = spawnSync("bash", [join(ROOT, "scripts", "setup.sh"), "demo"], { cwd: ROOT, stdio: "inherit" });
  if (r.error) fail(`scripts/setup.sh: ${r.error.message}`);
  if (r.status !== 0) fail(`bash scripts/setup.sh demo failed (exit ${r.status ?? r.signal})`);
}

function main(argv) {
  const usage = "usage: node scripts/build.mjs <web|bundler|nodejs|package|all> [--profile NAME]";
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { profile: { type: "string" } } });
  } catch (e) {
    fail(`${e.message}\n${usage}`);
  }
  if (parsed.positionals.length !== 1) fail(usage);
  const [what] = parsed.positionals;
  let profileName = parsed.values.profile;
  setup();
  const cfg = loadConfig();
  profileName ??= cfg.defaultProfile;
  if (!cfg.profiles[profileName]) fail(`unknown profile ${profileName} (wasm-pack.toml declares ${Object.keys(cfg.profiles)})`);
  checkCargoConsistency(cfg);
  const t0 = Date.now();
  if (what === "all") {
    for (const t of cfg.targets) buildTarget(cfg, t, profileName);
    assemblePackage(cfg);
  } else if (what === "package") {
    assemblePackage(cfg);
  } else if (TARGETS.includes(what)) {
    if (!cfg.targets.includes(what)) fail(`target ${what} is not declared in wasm-pack.toml`);
    buildTarget(cfg, what, profileName);
  } else {
    fail(usage);
  }
  reportSizes(cfg);
  console.log(`build ${what} done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    if (e instanceof BuildError) {
      console.error(`build.mjs: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }
}
