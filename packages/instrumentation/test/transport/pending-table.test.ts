import { PendingTable } from '../../src/transport/pending-table.js';
import type { PendingRequest } from '../../src/transport/session-hooks.js';

const request = (id: string | number): PendingRequest => ({ id, start: 0, method: 'ping', cell: { count: 0, attributes: {} }, target: undefined, uri: undefined, firstPage: true });

describe('PendingTable', () => {
  it('finds, deletes and drains requests by id, in the array and past it in the overflow map', () => {
    const table = new PendingTable();
    const all = Array.from({ length: 40 }, (_, i) => request(i % 2 === 0 ? i : `id-${i}`));
    for (const r of all) table.add(r);
    expect(table.size).toBe(40);
    for (const r of all) expect(table.get(r.id)).toBe(r);
    expect(table.get('missing')).toBeUndefined();
    expect(table.get(1)).toBeUndefined(); // 1 was added as 'id-1': ids are compared exactly
    for (const r of all.filter((_, i) => i % 3 === 0)) table.delete(r);
    expect(table.size).toBe(26);
    for (const [i, r] of all.entries()) expect(table.get(r.id)).toBe(i % 3 === 0 ? undefined : r);
    const drained = table.drain();
    expect(drained).toHaveLength(26);
    expect(new Set(drained)).toEqual(new Set(all.filter((_, i) => i % 3 !== 0)));
    expect(table.size).toBe(0);
  });
});
