// Public surface of @platform-kit/core. Nothing here knows about GitHub.
export * from './errors.js';
export * from './db/port.js';
export * from './db/connection-string.js';
export { connectServer, describeDriverError } from './db/server.js';
export { openEmbedded, wrapEmbedded, EMBEDDED_EXTENSIONS } from './db/embedded.js';
export * from './inventory/schema.js';
export * from './rules/types.js';
export * from './rules/registry.js';
export * from './report/finding.js';
export * from './report/report.js';
export * from './config/schema.js';
export * from './config/load.js';
export * from './engine/finalize.js';
export * from './engine/object-pattern.js';
export * from './sql-files.js';
export * from './parser/parse.js';
export * from './baseline/apply.js';
