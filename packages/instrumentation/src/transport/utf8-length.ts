/**
 * UTF-8 byte length of a string without encoding it (works in Node and browsers alike). A surrogate
 * pair is two UTF-16 units and four bytes, so each unit adds one byte on top of its own.
 */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff)) bytes += 1;
    else bytes += 2;
  }
  return bytes;
}
