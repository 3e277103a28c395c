import { sqlSummary } from '../../src/storage/sql-summary.js';

describe('sqlSummary', () => {
  it.each([
    ['SELECT * FROM wuser_table WHERE username = ?', 'SELECT wuser_table'],
    ['INSERT INTO shipping_details (order_id, address) SELECT order_id, address FROM orders WHERE order_id = ?', 'INSERT shipping_details SELECT orders'],
    ['SELECT * FROM songs, artists WHERE songs.artist_id == artists.id', 'SELECT songs artists'],
    ['select text from notes order by id desc limit 10', 'select notes'],
    ['UPDATE "my notes" SET text = \'x; DROP TABLE notes\' WHERE id = 1', 'UPDATE my notes'],
    ['DELETE FROM notes WHERE id IN (SELECT id FROM notes_old)', 'DELETE notes SELECT notes_old'],
    ['CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)', 'CREATE notes'],
    ['-- a comment FROM secrets\nSELECT 1 /* FROM hidden */', 'SELECT'],
    ['PRAGMA page_count', 'PRAGMA page_count'],
    ['SELECT a FROM t1 JOIN t2 ON t1.id = t2.id', 'SELECT t1 t2'],
    ['BEGIN; INSERT INTO a VALUES (1); COMMIT;', 'BEGIN INSERT a COMMIT'],
    ['', undefined],
    ['   ', undefined],
  ])('summarizes %j as %j', (sql, summary) => {
    expect(sqlSummary(sql)).toBe(summary);
  });

  it('never carries a literal, and stops at 255 characters on a word boundary', () => {
    expect(sqlSummary("SELECT 'secret' AS s FROM t WHERE x = 'FROM leaked'")).toBe('SELECT t');
    const long = sqlSummary(Array.from({ length: 60 }, (_, i) => `SELECT x FROM table_${i}`).join('; '))!;
    expect(long.length).toBeLessThanOrEqual(255);
    expect(long.endsWith('SELECT') || /table_\d+$/.test(long)).toBe(true);
  });
});
