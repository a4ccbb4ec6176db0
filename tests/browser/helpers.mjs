// Shared by the browser tests: the repo root, playwright-core from tools/node_modules, and the
// Chromium launch flags from the project brief. Not a test file (no .test.mjs suffix).

import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const ARTIFACTS = path.join(ROOT, "test-artifacts");

const require = createRequire(path.join(ROOT, "tools", "package.json"));
export const { chromium } = require("playwright-core");

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
];

export function artifact(name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

/** Aborts every request that leaves 127.0.0.1, so tests never touch the network. */
export async function offline(context) {
  await context.route(
    (url) => url.hostname !== "127.0.0.1" && url.protocol !== "chrome-extension:" && url.protocol !== "data:",
    (route) => route.abort("blockedbyclient"),
  );
}
