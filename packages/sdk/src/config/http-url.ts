/** Whether `text` is an absolute http(s) URL with a host, by the WHATWG URL parser (as `fetch` reads it). */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
