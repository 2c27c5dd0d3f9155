import { readConfigFile, type ConfigFileOptions } from './find.js';
import { parseConfigText } from './parse-text.js';
import { defaultConfig, type ResolvedConfig } from './schema.js';

export { DEFAULT_CONFIG_FILE } from './find.js';
export { parseConfigText } from './parse-text.js';

export interface LoadConfigOptions extends ConfigFileOptions {
  /** Every rule id (the catalogue): a config naming another id is an error, since a typo there silently disables nothing. */
  knownRuleIds?: readonly string[];
}

/**
 * Loads and validates a config file. Every error names the file, the line, the key and what was
 * expected; an unknown rule id is an error too.
 *
 * `explicitPath` must exist; without it, `.platform-kit.yml` in `cwd` is used when present.
 */
export function loadConfig(options: LoadConfigOptions = {}): { config: ResolvedConfig; file?: string } {
  const found = readConfigFile(options);
  if (!found) return { config: defaultConfig() };
  return { config: parseConfigText(found.text, found.display, options.knownRuleIds), file: found.file };
}
