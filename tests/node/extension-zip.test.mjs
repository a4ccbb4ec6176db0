// The zip written by scripts/build-extension.mjs (fflate): an archive read back with an independent
// reader (central directory + inflateRaw, CRC-32 from node:zlib), plus `unzip -t` when installed.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import zlib from "node:zlib";

import { zip } from "../../scripts/build-extension.mjs";

const { crc32 } = zlib; // Node >= 20.15

function readZip(buf) {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, "has an end-of-central-directory record");
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const files = {};
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const dosDate = buf.readUInt16LE(p + 14);
    const crc = buf.readUInt32LE(p + 16);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + size);
    const data = method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw);
    assert.equal(crc32(data), crc, `${name}: CRC matches`);
    files[name] = { data, flags, dosDate };
    p += 46 + nameLen;
  }
  return files;
}

test("zip round-trips stored and deflated entries, UTF-8 names included", () => {
  const entries = [
    { name: "manifest.json", data: Buffer.from('{"a":' + "1,".repeat(500) + "1}") },
    { name: "pkg/random.bin", data: Buffer.from(Array.from({ length: 257 }, (_, i) => (i * 7919) % 256)) },
    { name: "samples/中文.html", data: Buffer.from("<p>美中</p>") },
    { name: "empty.txt", data: Buffer.alloc(0) },
  ];
  const archive = zip(entries);
  const back = readZip(archive);
  assert.deepEqual(Object.keys(back), entries.map((e) => e.name));
  for (const e of entries) {
    assert.ok(back[e.name].data.equals(e.data), e.name);
    // The fixed timestamp 2024-01-01 in DOS date form: reproducible archives.
    assert.equal(back[e.name].dosDate, ((2024 - 1980) << 9) | (1 << 5) | 1, e.name);
  }
  assert.ok(back["samples/中文.html"].flags & 0x800, "a non-ASCII name is flagged as UTF-8");
  assert.ok(archive.length < 1500, "the repetitive manifest was deflated");
  assert.ok(zip(entries).equals(archive), "reproducible: same input, same bytes");

  const unzip = spawnSync("unzip", ["-v"], { encoding: "utf8" });
  if (unzip.status === 0) {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "zip-test-")), "t.zip");
    fs.writeFileSync(file, archive);
    const t = spawnSync("unzip", ["-t", file], { encoding: "utf8" });
    assert.equal(t.status, 0, t.stdout + t.stderr);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
});
