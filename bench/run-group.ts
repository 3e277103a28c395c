/**
 * Child-process entry: runs the group named in argv[2] and sends its GroupResult to the parent.
 * Exits non-zero (with the error on stderr) if the group throws.
 */
import { GROUPS } from './groups/registry.js';

async function main(): Promise<void> {
  const group = GROUPS.find((g) => g.name === process.argv[2]);
  if (group === undefined) throw new Error(`no such group: ${process.argv[2] ?? '(none)'}`);
  const result = await group.run({ quick: process.argv.includes('--quick') });
  await new Promise<void>((resolve, reject) => process.send!(result, (error: Error | null) => (error ? reject(error) : resolve())));
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
