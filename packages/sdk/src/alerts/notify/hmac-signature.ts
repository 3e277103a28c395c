/**
 * `sha256=<hex>`: HMAC-SHA256 of the exact request body with the shared secret, as GitHub-style
 * webhooks sign (WebCrypto, so it works in Node and browsers alike). A receiver recomputes it over
 * the raw body and compares in constant time.
 */
export async function hmacSignature(secret: string, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const signature = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(body)));
  let hex = '';
  for (const byte of signature) hex += byte.toString(16).padStart(2, '0');
  return `sha256=${hex}`;
}
