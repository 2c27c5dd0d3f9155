import { describe, expect, it } from 'vitest';
import { writeInSlices } from '../src/io.js';

describe('writeInSlices', () => {
  const collect = (text: string) => {
    const slices: string[] = [];
    writeInSlices((slice) => slices.push(slice), text);
    return slices;
  };

  it('writes small text in one call and large text in slices that add up to it', () => {
    expect(collect('short')).toEqual(['short']);
    const large = 'abcdefghij'.repeat(20_000);
    const slices = collect(large);
    expect(slices.length).toBeGreaterThan(1);
    expect(slices.join('')).toBe(large);
  });

  it('never cuts a surrogate pair in two (each half would be written as U+FFFD)', () => {
    for (const offset of [0, 1]) {
      const text = 'a'.repeat(64 * 1024 - 1 + offset) + '😀'.repeat(70_000);
      const slices = collect(text);
      expect(slices.join('')).toBe(text);
      for (const slice of slices) expect(Buffer.from(slice, 'utf8').toString('utf8')).toBe(slice);
    }
  });
});
