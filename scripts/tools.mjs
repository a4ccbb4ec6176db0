// Loads an npm package from tools/ (tools/package.json, installed by `bash scripts/setup.sh demo`).
// The scripts live outside tools/, so Node's own resolution would not look there.

import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(join(dirname(fileURLToPath(import.meta.url)), "..", "tools", "package.json"));

/** `require(name)` resolved from tools/, with an error that says how to install it. */
export function requireTool(name) {
  try {
    return require(name);
  } catch (e) {
    if (e.code !== "MODULE_NOT_FOUND") throw e;
    throw new Error(`${name} is not installed in tools/: run bash scripts/setup.sh demo`);
  }
}
