/**
 * YAML aliases (`*name`) make the parsed data a graph: an alias is the same object as its anchor.
 * A few lines can then stand for billions of nodes ("billion laughs"), or for a cycle, and every
 * later step (validation, printing) walks the expansion. This refuses both before anything walks it.
 */

/** Expanded nodes allowed beyond what the text itself could spell out (a node takes 1+ characters). */
const EXPANSION_ALLOWANCE = 100_000;

interface Frame {
  node: object;
  children: unknown[];
  next: number;
  total: number;
}

/**
 * Why the data cannot be used (a cycle, or an expansion too large), or `undefined`. Each object is
 * walked once (sizes are memoized) and without recursion: a chain of aliases may nest deeply.
 */
export function aliasProblem(data: unknown, textLength: number): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const limit = 2 * textLength + EXPANSION_ALLOWANCE;
  const sizes = new Map<object, number>();
  const open = new Set<object>();
  const frame = (node: object): Frame => {
    open.add(node);
    return { node, children: Array.isArray(node) ? node : Object.values(node), next: 0, total: 1 };
  };
  const stack: Frame[] = [frame(data)];
  let total = 0;
  while (stack.length > 0) {
    const top = stack.at(-1)!;
    if (top.total > limit) return tooLarge(limit);
    if (top.next === top.children.length) {
      stack.pop();
      open.delete(top.node);
      sizes.set(top.node, top.total);
      if (stack.length === 0) total = top.total;
      else stack.at(-1)!.total += top.total;
      continue;
    }
    const child = top.children[top.next++];
    if (typeof child !== 'object' || child === null) top.total += 1;
    else if (sizes.has(child)) top.total += sizes.get(child)!;
    else if (open.has(child)) return 'an alias refers to a node that contains it (a cycle)';
    else stack.push(frame(child));
  }
  return total > limit ? tooLarge(limit) : undefined;
}

function tooLarge(limit: number): string {
  return `aliases expand the file to more than ${limit} nodes`;
}
