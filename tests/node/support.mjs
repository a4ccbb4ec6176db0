// Shared by the package tests (not a test file: no .test.mjs suffix).
// They test the built package in pkg/ (node scripts/build.mjs all); they never build it themselves.

import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const PKG = path.join(ROOT, "pkg");
export const TOOLS_BIN = path.join(ROOT, "tools", "node_modules", ".bin");
export const FIXTURES = path.join(ROOT, "tests", "fixtures");
export const DW_SAMPLE = path.join(FIXTURES, "samples", "dw-feedx-item.html");

/** Fails with a clear message when the package has not been built. */
export function requirePackage() {
  for (const f of ["package.json", "index.js", "browser.js", "nodejs/article_cleaner.js", "web/article_cleaner.js"]) {
    if (!fs.existsSync(path.join(PKG, f)))
      throw new Error(`pkg/${f} is missing: run \`node scripts/build.mjs all\` first`);
  }
}

/** Runs a command; resolves with { stdout, stderr }; rejects with both in the message. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      { maxBuffer: 64 * 1024 * 1024, encoding: "utf8", ...opts },
      (err, stdout, stderr) => {
        if (err) {
          err.message += `\n--- stdout\n${stdout}\n--- stderr\n${stderr}`;
          err.stdout = stdout;
          err.stderr = stderr;
          reject(err);
        } else resolve({ stdout, stderr });
      },
    );
  });
}

export function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `article-cleaner-${prefix}-`));
}

/** Removes a temp dir made by tempDir (kept when KEEP_TEMP=1, for debugging). */
export function removeTemp(dir) {
  if (dir && !process.env.KEEP_TEMP && dir.startsWith(os.tmpdir()))
    fs.rmSync(dir, { recursive: true, force: true });
}

// npm, quiet and non-interactive; its cache stays the user's (~/.npm) so reruns are offline-fast.
export function npm(args, cwd) {
  return run("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd,
    env: { ...process.env, npm_config_update_notifier: "false" },
  });
}

/** `npm pack`s pkg/ into dir and returns the tarball's path (what users download). */
export async function packTarball(dir) {
  const { stdout } = await npm(["pack", PKG, "--pack-destination", dir, "--json"], dir);
  const [info] = JSON.parse(stdout);
  return { tarball: path.join(dir, info.filename), info };
}

/**
 * A temporary project with the packed package installed from its tarball (a real copy, not a
 * symlink) plus `extraDeps` from the npm registry.
 */
export async function projectWithPackage(prefix, extraDeps = []) {
  const dir = tempDir(prefix);
  const { tarball, info } = await packTarball(dir);
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: `${prefix}-project`, private: true, version: "0.0.0" }, null, 2),
  );
  await npm(["install", tarball, ...extraDeps], dir);
  return { dir, tarball, info };
}

/** Every .html/.htm file under tests/fixtures/, sorted. */
export function htmlFixtures(dir = FIXTURES) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.html?$/i.test(e.name)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}
