// Reads the project's TOML files (wasm-pack.toml, Cargo.toml) with smol-toml, a complete TOML 1.0
// parser from npm, installed in tools/ (bash scripts/setup.sh demo).

import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { requireTool } from "./tools.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Parses TOML text; errors name `file` and the line and column smol-toml reports. */
export function parseToml(text, file = "<toml>") {
  const { parse, TomlError } = requireTool("smol-toml");
  try {
    return parse(text);
  } catch (e) {
    if (e instanceof TomlError) throw new Error(`${file}:${e.line}:${e.column}: ${e.message}`);
    throw e;
  }
}

/** Reads and parses a TOML file (a path relative to the repository root, or absolute). */
export function readToml(file) {
  const path = resolve(ROOT, file);
  return parseToml(readFileSync(path, "utf8"), relative(ROOT, path));
}
