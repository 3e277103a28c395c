/**
 * `db.query.summary` for SQL text, per "Generating a summary of the query" in the database semantic
 * conventions: the operations and their targets in the order written (`SELECT wuser_table`,
 * `INSERT shipping_details SELECT orders`), as written (no case normalization), truncated to 255
 * characters at a word boundary. Literals, comments and column lists never reach it. The conventions
 * ask not to extract `db.operation.name` from query text, so SQL operations carry only this summary.
 *
 * It is a small tokenizer, not a SQL parser: it knows the statements an MCP server typically runs on
 * SQLite. Anything it does not recognize yields fewer words, never a literal.
 */

const OPERATIONS = new Set([
  'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'UPSERT', 'CREATE', 'DROP', 'ALTER', 'PRAGMA', 'BEGIN', 'COMMIT',
  'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'VACUUM', 'ANALYZE', 'ATTACH', 'DETACH', 'REINDEX', 'EXPLAIN',
]);
/** Keywords after which a target (table, view, index) follows. */
const TARGET_BEFORE = new Set(['FROM', 'INTO', 'UPDATE', 'JOIN', 'TABLE', 'VIEW', 'INDEX', 'TRIGGER']);
/** Keywords between an operation or target keyword and the target itself. */
const SKIPPED = new Set(['IF', 'NOT', 'EXISTS', 'OR', 'ABORT', 'FAIL', 'IGNORE', 'TEMP', 'TEMPORARY', 'UNIQUE', 'VIRTUAL', 'ONLY', 'DISTINCT', 'ALL']);
const MAX_LENGTH = 255;

const TOKENS = /--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]|[A-Za-z_][\w$]*(?:\.[A-Za-z_][\w$]*)*|[(),;]|\S/g;

export function sqlSummary(sql: string): string | undefined {
  const words: string[] = [];
  let expectTarget = false;
  let depth = 0;
  let operationDepth = -1;
  let operation = '';
  for (const match of sql.matchAll(TOKENS)) {
    const token = match[0];
    if (token.startsWith('--') || token.startsWith('/*') || token.startsWith("'")) continue;
    if (token === '(') {
      depth++;
      if (expectTarget && depth > operationDepth + 1) expectTarget = false;
      continue;
    }
    if (token === ')') {
      depth = Math.max(0, depth - 1);
      continue;
    }
    if (token === ',') continue; // `FROM a, b`: keep expecting targets
    const upper = token.toUpperCase();
    const quoted = /^["`[]/.test(token);
    if (!quoted && OPERATIONS.has(upper)) {
      words.push(token);
      operation = upper;
      operationDepth = depth;
      expectTarget = upper === 'UPDATE' || upper === 'PRAGMA';
      continue;
    }
    // `CREATE INDEX i ON t`: the table follows ON; in `JOIN t ON a = b` a condition does.
    if (!quoted && (TARGET_BEFORE.has(upper) || (upper === 'ON' && operation === 'CREATE'))) {
      expectTarget = true;
      continue;
    }
    if (!quoted && SKIPPED.has(upper)) continue;
    if (expectTarget && /^[\w"`[]/.test(token)) {
      words.push(unquote(token));
      // `FROM a, b` lists several; anything else ends the list.
      const next = sql.slice((match.index ?? 0) + token.length).trimStart();
      expectTarget = next.startsWith(',');
      continue;
    }
    expectTarget = false;
  }
  return join(words);
}

function unquote(token: string): string {
  if (/^["`]/.test(token)) return token.slice(1, -1).replace(/""/g, '"');
  if (token.startsWith('[')) return token.slice(1, -1);
  return token;
}

function join(words: string[]): string | undefined {
  let summary = '';
  for (const word of words) {
    const next = summary === '' ? word : `${summary} ${word}`;
    if (next.length > MAX_LENGTH) break;
    summary = next;
  }
  return summary === '' ? undefined : summary;
}
