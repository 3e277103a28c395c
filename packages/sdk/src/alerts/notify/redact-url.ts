/**
 * A URL fit for logs and metric attributes: the user name and password (and the query string,
 * where tokens often travel) are replaced by `***`. Unparseable text is not echoed at all.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.username !== '' || parsed.password !== '') {
      parsed.username = '***';
      parsed.password = '';
    }
    if (parsed.search !== '') parsed.search = '?***';
    return parsed.toString();
  } catch {
    return '(invalid URL)';
  }
}
