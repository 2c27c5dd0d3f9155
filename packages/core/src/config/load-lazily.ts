import { readConfigFile } from './find.js';
import type { LoadConfigOptions } from './load.js';
import { defaultConfig, type ResolvedConfig } from './schema.js';

/**
 * loadConfig for short-lived processes (the actions): the same result and errors, but the YAML
 * parser is imported only when there is a file to parse. Measured on a gate's cold start, loading
 * `yaml` cost ~30 ms whether or not the repository has a config.
 */
export async function loadConfigLazily(options: LoadConfigOptions = {}): Promise<{ config: ResolvedConfig; file?: string }> {
  const found = readConfigFile(options);
  if (!found) return { config: defaultConfig() };
  const { parseConfigText } = await import('./parse-text.js');
  return { config: parseConfigText(found.text, found.display, options.knownRuleIds), file: found.file };
}
