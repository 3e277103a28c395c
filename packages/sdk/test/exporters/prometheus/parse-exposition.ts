/** One sample line of the text exposition format, label values unescaped. */
export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  /** As written (`+Inf`, `NaN`, `1e+21`): the tests compare formatting too. */
  value: string;
}

/** A whole exposition: metadata by metric name, samples in order. */
export interface ParsedExposition {
  help: Record<string, string>;
  type: Record<string, string>;
  unit: Record<string, string>;
  samples: ParsedSample[];
  comments: string[];
}

/**
 * A strict parser of the Prometheus text format 0.0.4 (plus OpenMetrics' `# UNIT`), written for the
 * tests only: it throws on anything malformed instead of guessing, so a parse that succeeds means
 * every line was well formed.
 */
export function parseExposition(text: string): ParsedExposition {
  const parsed: ParsedExposition = { help: {}, type: {}, unit: {}, samples: [], comments: [] };
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, index) => {
    try {
      parseLine(line, parsed);
    } catch (error) {
      throw new Error(`line ${index + 1} ${JSON.stringify(line)}: ${(error as Error).message}`);
    }
  });
  return parsed;
}

const METADATA = /^# (HELP|TYPE|UNIT) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/;
const SAMPLE_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const VALUE = /^(?:[+-]?Inf|NaN|-?\d+(?:\.\d+)?(?:e[+-]\d+)?|-?\.\d+)$/;

function parseLine(line: string, parsed: ParsedExposition): void {
  if (line.startsWith('#')) {
    const metadata = METADATA.exec(line);
    if (metadata === null) {
      parsed.comments.push(line);
      return;
    }
    const [, kind, name, rest] = metadata as unknown as [string, 'HELP' | 'TYPE' | 'UNIT', string, string];
    const target = kind === 'HELP' ? parsed.help : kind === 'TYPE' ? parsed.type : parsed.unit;
    if (name in target) throw new Error(`second # ${kind} for ${name}`);
    target[name] = kind === 'TYPE' ? rest : unescape(rest, false);
    return;
  }
  const name = SAMPLE_NAME.exec(line)?.[0];
  if (name === undefined) throw new Error('no metric name');
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    rest = rest.slice(1);
    while (!rest.startsWith('}')) {
      const label = LABEL_NAME.exec(rest)?.[0];
      if (label === undefined || rest[label.length] !== '=' || rest[label.length + 1] !== '"') throw new Error(`bad label at ${rest}`);
      rest = rest.slice(label.length + 2);
      let end = 0;
      while (rest[end] !== '"') {
        if (end >= rest.length) throw new Error('unterminated label value');
        end += rest[end] === '\\' ? 2 : 1;
      }
      if (label in labels) throw new Error(`label ${label} twice`);
      labels[label] = unescape(rest.slice(0, end), true);
      rest = rest.slice(end + 1);
      if (rest.startsWith(',')) rest = rest.slice(1);
      else if (!rest.startsWith('}')) throw new Error(`expected , or } at ${rest}`);
    }
    rest = rest.slice(1);
  }
  if (!rest.startsWith(' ')) throw new Error('no space before the value');
  const value = rest.slice(1);
  if (!VALUE.test(value)) throw new Error(`bad value ${value}`);
  parsed.samples.push({ name, labels, value });
}

/** Undoes `\\`, `\n` and (in label values) `\"`; any other escape is an error. */
function unescape(text: string, labelValue: boolean): string {
  return text.replace(/\\(.)/g, (_, char: string) => {
    if (char === '\\') return '\\';
    if (char === 'n') return '\n';
    if (char === '"' && labelValue) return '"';
    throw new Error(`unknown escape \\${char}`);
  });
}
