import { aliasProblem } from '../../src/config/alias-expansion.js';
import { linesOf, resolve, tempFiles } from './helpers.js';

describe('aliasProblem', () => {
  it('accepts trees and modest sharing', () => {
    const shared = { a: 1 };
    expect(aliasProblem({ x: shared, y: shared, z: [1, 2, 3] }, 50)).toBeUndefined();
    expect(aliasProblem('scalar', 1)).toBeUndefined();
  });

  it('refuses a cycle', () => {
    const node: Record<string, unknown> = {};
    node.self = { back: node };
    expect(aliasProblem(node, 20)).toBe('an alias refers to a node that contains it (a cycle)');
  });

  it('refuses an exponential expansion without walking it', () => {
    let level: unknown[] = ['lol'];
    for (let depth = 0; depth < 30; depth++) level = Array.from({ length: 10 }, () => level);
    const start = performance.now();
    expect(aliasProblem({ bomb: level }, 2000)).toBe('aliases expand the file to more than 104000 nodes');
    expect(performance.now() - start).toBeLessThan(1000);
  });

  it('walks a long chain of aliases without recursion', () => {
    let chain: unknown = 'end';
    for (let index = 0; index < 200_000; index++) chain = [chain];
    expect(aliasProblem(chain, 1_000_000)).toBeUndefined();
  });
});

describe('YAML files with aliases', () => {
  let temp: ReturnType<typeof tempFiles>;
  afterEach(() => temp.cleanup());

  it('resolves anchors and aliases', () => {
    temp = tempFiles({ 'a.yaml': 'components:\n  mcp: &quiet { samplingRate: 0.5 }\n  transport: *quiet\n' });
    expect(resolve({ configFile: temp.path('a.yaml') }).components).toMatchObject({ mcp: { samplingRate: 0.5 }, transport: { samplingRate: 0.5 } });
  });

  it('refuses a billion laughs with a line naming the file', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [index, name] of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].entries()) {
      const previous = index === 0 ? 'a' : ['b', 'c', 'd', 'e', 'f', 'g', 'h'][index - 1];
      lines.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${previous}`).join(',')}]`);
    }
    temp = tempFiles({ 'bomb.yaml': `components:\n  x:\n    attributes:\n${lines.map((line) => `      ${line.replace(/^(\w): /, '- ')}`).join('\n')}\n` });
    const [line] = linesOf({ configFile: temp.path('bomb.yaml') });
    expect(line).toMatch(/^file .*bomb\.yaml: invalid YAML: aliases expand the file to more than \d+ nodes$/);
  });

  it('refuses a cycle', () => {
    temp = tempFiles({ 'cycle.yaml': 'components: &c\n  mcp: *c\n' });
    expect(linesOf({ configFile: temp.path('cycle.yaml') })).toEqual([`file ${temp.path('cycle.yaml')}: invalid YAML: an alias refers to a node that contains it (a cycle)`]);
  });
});
