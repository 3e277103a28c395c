import { PendingTable } from '../../src/transport/pending-table.js';
import type { PendingRequest } from '../../src/transport/session-hooks.js';

const request = (id: string | number, start = 0): PendingRequest => ({
  id,
  start,
  method: 'ping',
  methodIndex: 1,
  cell: { count: 0, attributes: {} },
  target: undefined,
  uri: undefined,
  firstPage: true,
  protocolVersion: undefined,
});

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

  it('takes a request by id exactly once, from the array and from the overflow map', () => {
    const table = new PendingTable();
    const all = Array.from({ length: 40 }, (_, i) => request(i % 2 === 0 ? i : `id-${i}`));
    for (const r of all) table.add(r);
    for (const r of [all[0]!, all[7]!, all[15]!, all[16]!, all[39]!]) {
      expect(table.take(r.id)).toBe(r);
      expect(table.take(r.id)).toBeUndefined();
      expect(table.get(r.id)).toBeUndefined();
    }
    expect(table.take(1)).toBeUndefined(); // 1 was added as 'id-1'
    expect(table.size).toBe(35);
    for (const r of all.filter((x) => ![0, 'id-7', 'id-15', 16, 'id-39'].includes(x.id))) expect(table.get(r.id)).toBe(r);
  });

  it('takes the requests that started before a cutoff, from the array and from the overflow map, and keeps the rest', () => {
    const table = new PendingTable();
    // Start times 0..39: the even ones are old.
    const all = Array.from({ length: 40 }, (_, i) => request(`r${i}`, i % 2 === 0 ? i : 1000 + i));
    for (const r of all) table.add(r);
    const stale = table.takeStartedBefore(100);
    expect(new Set(stale)).toEqual(new Set(all.filter((_, i) => i % 2 === 0)));
    expect(table.size).toBe(20);
    for (const [i, r] of all.entries()) expect(table.get(r.id)).toBe(i % 2 === 0 ? undefined : r);
    expect(table.takeStartedBefore(100)).toEqual([]);
  });
});
