import { utf8Length } from '../../src/transport/utf8-length.js';

describe('utf8Length', () => {
  it('equals the UTF-8 encoded length for ASCII, 2-, 3- and 4-byte characters', () => {
    for (const text of ['', 'plain ascii', 'héllo', '✓ done', '😀 emoji', 'mixed é✓😀 text', '\u07ff\u0800\uffff', JSON.stringify({ s: '\ud800 lone' })]) {
      expect(utf8Length(text)).toBe(Buffer.byteLength(text, 'utf8'));
    }
  });
});
