// Validates action.yml files with GitHub's own parser (@actions/workflow-parser) and prints the
// errors per file as JSON. A child process under tsx: the parser imports its JSON schema without an
// import attribute, which tsx accepts and Node's loader inside a test worker does not.
import { readFileSync } from 'node:fs';
import { NoOperationTraceWriter } from '@actions/workflow-parser';
import { parseAction } from '@actions/workflow-parser/actions/index';

const out: Record<string, string[]> = {};
for (const file of process.argv.slice(2)) {
  const result = parseAction({ name: 'action.yml', content: readFileSync(file, 'utf8') }, new NoOperationTraceWriter());
  out[file] = result.context.errors.getErrors().map((e) => e.message);
}
process.stdout.write(JSON.stringify(out));
