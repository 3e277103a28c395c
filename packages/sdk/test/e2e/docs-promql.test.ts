import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeWithPeer } from '../peers/describe-with-peer.js';
import { peerPaths, REPO_ROOT } from '../peers/peer-paths.js';

// Every ```promql block of the docs parses (promtool check rules, Prometheus 2.42), and names the
// metrics as the endpoint serves them: with unit suffixes (issue 12).
const DOCS = ['docs/metrics.md', 'docs/exporters.md', 'README.md'];

function promqlBlocks(): { file: string; expr: string }[] {
  const blocks: { file: string; expr: string }[] = [];
  for (const file of DOCS) {
    const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
    for (const match of text.matchAll(/```promql\n([\s\S]*?)```/g)) {
      // One expression per line, or continued on lines that start with blanks.
      const expressions = match[1]!.replace(/\n[ \t]+/g, ' ').split('\n').filter((line) => line.trim() !== '');
      for (const expr of expressions) blocks.push({ file, expr });
    }
  }
  return blocks;
}

describeWithPeer('prometheus', 'PromQL in the docs', () => {
  it('parses, and uses the suffixed metric names', () => {
    const blocks = promqlBlocks();
    expect(blocks.length).toBeGreaterThan(2);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-otel-promql-'));
    try {
      const rules = path.join(dir, 'rules.yml');
      const body = blocks.map(({ expr }, i) => `      - record: docs_expr_${i}\n        expr: ${JSON.stringify(expr)}`).join('\n');
      fs.writeFileSync(rules, `groups:\n  - name: docs\n    rules:\n${body}\n`);
      const result = spawnSync(peerPaths.promtool, ['check', 'rules', rules], { encoding: 'utf8' });
      expect([result.status, result.stdout + result.stderr]).toEqual([0, expect.stringContaining(`SUCCESS: ${blocks.length} rules found`)]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    for (const { file, expr } of blocks) {
      for (const [name] of expr.matchAll(/mcp_[a-z_]*duration[a-z_]*/g)) expect([file, name]).toEqual([file, expect.stringMatching(/duration_seconds/)]);
    }
  });
});
