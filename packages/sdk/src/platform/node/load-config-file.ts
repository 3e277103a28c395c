import { readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { errorMessage } from '../../config/config-error.js';
import { CONFIG_FILE_FORMATS, parseConfigText } from '../../config/parse-config-text.js';
import type { LoadedConfigFile } from '../../config/resolve-config.js';

/**
 * Reads a JSON (`.json`) or YAML (`.yaml`, `.yml`) config file, synchronously (it runs once, at
 * startup). `path` is resolved against the current directory; issues name the absolute path.
 * `origin` says where the path came from (e.g. `env MCP_OTEL_CONFIG`), for the message.
 */
export function loadConfigFile(path: string, origin?: string): LoadedConfigFile {
  const file = resolve(path);
  const from = origin === undefined ? '' : ` (the path comes from ${origin})`;
  const format = CONFIG_FILE_FORMATS[extname(file).toLowerCase()];
  if (format === undefined) {
    const expected = 'a file ending in .json, .yaml or .yml';
    return { ok: false, file, issues: [{ path: `file ${file}`, value: path, expected, message: `unsupported file type; expected ${expected}${from}` }] };
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = errorMessage(error);
    const expected = 'a readable file';
    return { ok: false, file, issues: [{ path: `file ${file}`, value: path, expected, message: `cannot read the file: ${reason}${from}` }] };
  }
  const parsed = parseConfigText(text, file, format);
  return parsed.ok ? { ok: true, file, data: parsed.data } : { ok: false, file, issues: parsed.issues };
}
