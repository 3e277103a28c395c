/** The part of Node's `process` read here (a copied shape: portable code has no Node types). */
interface NodeProcessLike {
  readonly stderr?: { write?: (text: string) => unknown };
}

/**
 * Writes `text` to stderr in Node, else to `console.error` (browsers, workers: the console is the
 * only sink, and stdout is no wire there). `process` is read through `globalThis`, never as a free
 * name, so browser bundlers add no `process` shim (the browser bundle test checks it).
 */
export function writeStderr(text: string): void {
  const stderr = (globalThis as { process?: NodeProcessLike }).process?.stderr;
  if (typeof stderr?.write === 'function') stderr.write(text);
  else console.error(text.trimEnd());
}
