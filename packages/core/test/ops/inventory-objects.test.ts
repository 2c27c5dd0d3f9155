import { describe, expect, it } from 'vitest';
import { flattenInventory, inventoryFromRows, stableStringify } from '../../src/ops/inventory-objects.js';
import type { Inventory } from '../../src/inventory/schema.js';
import { emptyInventory, table } from '../helpers/inventory-builder.js';

function sample(): Inventory {
  const inventory = emptyInventory();
  inventory.schemas = [];
  inventory.tables.push({
    schema: 'public',
    name: 'users',
    rlsEnabled: true,
    estimatedRows: 12,
    location: { file: 'a.sql', line: 3 },
    columns: [
      { name: 'id', type: 'uuid', notNull: true },
      { type: 'text', name: 'note "x"\\', default: null },
    ],
    comment: 'é\u2028',
  } as never);
  inventory.policies.push({
    table: 'users',
    schema: 'public',
    name: 'own rows',
    using: '(owner = auth.uid())',
    check: null,
    roles: ['authenticated'],
    nested: { z: [1, 2.5, -0, 1e21], a: {} },
  } as never);
  return inventory;
}

describe('definition hashes', () => {
  it('are the ones earlier versions stored (a different text would make every object look changed to drift)', () => {
    // Computed with the first implementation (map/filter/join over sorted keys, then sha256).
    expect(flattenInventory(sample()).map((r) => [r.kind, r.identity, r.definitionHash])).toEqual([
      ['table', 'public.users', 'adb012cfb51df972fd8cc584dab7b5c9'],
      ['policy', 'public.users.own rows', '10e66cdf03d40d1bab787ad3249b8611'],
    ]);
    expect(stableStringify({ b: [1, undefined, null, 'x'], a: { d: undefined, c: true }, e: 'q"\\' })).toBe('{"a":{"c":true},"b":[1,,null,"x"],"e":"q\\"\\\\"}');
  });

  it('ignore volatile fields (location, estimated rows) and key order', () => {
    const [a] = flattenInventory(sample());
    const moved = sample();
    const t = moved.tables[0] as unknown as Record<string, unknown>;
    moved.tables[0] = { ...Object.fromEntries(Object.entries(t).reverse()), estimatedRows: 99999, location: { file: 'b.sql', line: 1 } } as never;
    expect(flattenInventory(moved)[0]!.definitionHash).toBe(a!.definitionHash);
    // the replay's creating statement and per-column locations are volatile too
    const located = sample();
    const u = located.tables[0] as unknown as { columns: Record<string, unknown>[] };
    located.tables[0] = {
      ...u,
      createdLocation: { file: 'c.sql', line: 2 },
      columns: u.columns.map((c, i) => ({ ...c, location: { file: 'c.sql', line: 3 + i } })),
    } as never;
    expect(flattenInventory(located)[0]!.definitionHash).toBe(a!.definitionHash);
  });
});

describe('flattening against the stored inventory', () => {
  function stored(inventory: Inventory, hashOverride?: string): Inventory {
    return inventoryFromRows(
      flattenInventory(inventory).map((r) => ({
        kind: r.kind,
        identity: r.identity,
        definition_hash: hashOverride ?? r.definitionHash,
        json: JSON.stringify(r.attributes),
      })),
    );
  }

  it('reuses the stored hash of an object whose JSON text is unchanged, and hashes a changed one', () => {
    // The stored hashes are replaced by a marker: only a reused hash can carry it.
    const previous = stored(sample(), 'stored-hash');
    const current = sample();
    current.tables[0]!.rlsEnabled = false;
    const rows = flattenInventory(current, previous);
    const fresh = flattenInventory(sample());
    expect(rows.find((r) => r.kind === 'policy')!.definitionHash).toBe('stored-hash');
    const changedTable = rows.find((r) => r.kind === 'table')!;
    expect(changedTable.definitionHash).not.toBe('stored-hash');
    expect(changedTable.definitionHash).not.toBe(fresh.find((r) => r.kind === 'table')!.definitionHash);
    // The text compared is kept for the writer, which sends it as is.
    expect(changedTable.json).toBe(JSON.stringify(current.tables[0]));
  });

  it('hashes objects the stored inventory does not have', () => {
    const previous = stored(sample(), 'stored-hash');
    const current = sample();
    current.tables.push(table('public', 'fresh'));
    const rows = flattenInventory(current, previous);
    const freshRow = rows.find((r) => r.identity === 'public.fresh')!;
    expect(freshRow.definitionHash).toMatch(/^[0-9a-f]{32}$/);
  });

  it('a stored inventory parses attributes when they are read, and they match what was stored', () => {
    const original = sample();
    const previous = stored(original);
    const rows = flattenInventory(previous);
    expect(rows.map((r) => r.identity)).toEqual(['public.users', 'public.users.own rows']);
    expect(rows[0]!.attributes).toEqual(original.tables[0]);
    // The inventory arrays hold the very objects the rows parsed.
    expect(previous.tables[0]).toBe(rows[0]!.attributes);
    // (Compared as JSON: the sample's -0 comes back from JSON as 0.)
    expect(JSON.stringify(previous.policies)).toBe(JSON.stringify(original.policies));
    previous.tables = [];
    expect(previous.tables).toEqual([]);
  });
});
