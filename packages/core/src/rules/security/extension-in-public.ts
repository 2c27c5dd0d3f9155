import type { InventoryRule } from '../types.js';
import { quoteIdent } from '../../db/port.js';
import { EXTENSIONS_SCHEMA, moveExtensionToExtensionsSchema } from '../../remediation/sql.js';
import { isExposed } from './shared.js';

/** §2.3 / §1.1: extensions live in the extensions schema, never in public (nor in another exposed schema). */
export const extensionInPublic: InventoryRule = {
  meta: {
    id: 'extension-in-public',
    title: 'Extension installed in public',
    severity: 'error',
    category: 'security',
    constitution: ['1.1', '2.3'],
    rationale:
      "An extension's functions, types and operators in public are exposed through the Data API and mix with the " +
      "project's objects, and a later extension update can shadow or be shadowed by them. Install extensions in the " +
      'dedicated extensions schema. Any other exposed schema counts as public here.',
    equivalents: { supabaseAdvisor: '0014_extension_in_public' },
    fixable: true,
    examples: {
      bad: 'create extension pg_trgm;',
      good: 'create extension if not exists pg_trgm with schema extensions;',
    },
  },
  check({ inventory, config }) {
    return inventory.extensions
      .filter((e) => e.schema === 'public' || isExposed(config, e.schema))
      .map((e) => {
        const object = { kind: 'extension' as const, schema: e.schema, name: e.name };
        if (e.relocatable) {
          return {
            object,
            message: `Extension ${e.name} is installed in ${e.schema}, a schema the Data API exposes. Move it: ALTER EXTENSION ${quoteIdent(e.name)} SET SCHEMA ${EXTENSIONS_SCHEMA};`,
            location: e.location,
            remediation: { sql: moveExtensionToExtensionsSchema(e.name) },
          };
        }
        return {
          object,
          message:
            `Extension ${e.name} is installed in ${e.schema} and is not relocatable, so ALTER EXTENSION ... SET SCHEMA fails and no fix is generated. ` +
            `Re-create it in a maintenance window: DROP EXTENSION ${quoteIdent(e.name)}; CREATE EXTENSION ${quoteIdent(e.name)} WITH SCHEMA ${EXTENSIONS_SCHEMA}; ` +
            '(objects that depend on it must be dropped and re-created too).',
          location: e.location,
        };
      });
  },
};
