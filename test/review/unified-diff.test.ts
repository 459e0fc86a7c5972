import { describe, expect, it } from 'vitest';
import { diffLines, formatDiffSummary, unifiedDiff } from '../../lib/review/unified-diff';

/** Length of a longest common subsequence, by dynamic programming (the reference for small inputs). */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array(b.length + 1).fill(0);
  for (const x of a) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j], row[j - 1]);
      diagonal = up;
    }
  }
  return row[b.length];
}

/** A deterministic pseudo-random generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('line diff', () => {
  it('turns a into b with the fewest edits (checked against dynamic programming on 500 random pairs)', () => {
    const next = random(42);
    for (let round = 0; round < 500; round++) {
      const lines = (n: number) => Array.from({ length: Math.floor(next() * n) }, () => 'abcd'[Math.floor(next() * 4)]);
      const a = lines(14);
      const b = lines(14);
      const edits = diffLines(a, b);
      expect(edits.filter((e) => e.op !== '+').map((e) => e.line), `old side ${a} -> ${b}`).toEqual(a);
      expect(edits.filter((e) => e.op !== '-').map((e) => e.line), `new side ${a} -> ${b}`).toEqual(b);
      expect(edits.filter((e) => e.op === ' ').length, `kept lines ${a} -> ${b}`).toBe(lcsLength(a, b));
    }
  });

  it('falls back to replacing the changed block when the edit script would be too long, still correct', () => {
    const a = Array.from({ length: 300 }, (_, i) => `old ${i}`);
    const b = Array.from({ length: 300 }, (_, i) => `new ${i}`);
    const edits = diffLines(['head', ...a, 'tail'], ['head', ...b, 'tail'], 10);
    expect(edits[0]).toEqual({ op: ' ', line: 'head' });
    expect(edits.filter((e) => e.op === '-').map((e) => e.line)).toEqual(a);
    expect(edits.filter((e) => e.op === '+').map((e) => e.line)).toEqual(b);
    expect(edits[edits.length - 1]).toEqual({ op: ' ', line: 'tail' });
  });
});

describe('unified diff of two file sets', () => {
  const lines = (n: number, change?: [number, string]) =>
    `${Array.from({ length: n }, (_, i) => (change && change[0] === i ? change[1] : `line ${i + 1}`)).join('\n')}\n`;

  it('prints git-style hunks with 3 lines of context and 1-based line numbers', () => {
    const [diff] = unifiedDiff(new Map([['ais.yaml', lines(20)]]), new Map([['ais.yaml', lines(20, [9, 'line ten'])]]));
    expect(diff).toEqual({
      file: 'ais.yaml',
      status: 'modified',
      added: 1,
      removed: 1,
      text: [
        '--- a/ais.yaml', '+++ b/ais.yaml', '@@ -7,7 +7,7 @@',
        ' line 7', ' line 8', ' line 9', '-line 10', '+line ten', ' line 11', ' line 12', ' line 13', '',
      ].join('\n'),
    });
  });

  it('merges changes closer than twice the context into one hunk and splits the others', () => {
    const before = lines(40);
    const after = before.replace('line 5\n', 'line five\n').replace('line 9\n', 'line nine\n').replace('line 35\n', 'line 35b\n');
    const [diff] = unifiedDiff(new Map([['f', before]]), new Map([['f', after]]));
    expect(diff.text.split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -2,11 +2,11 @@', '@@ -32,7 +32,7 @@']);
  });

  it('shows added and removed files against /dev/null, and skips equal files', () => {
    const diffs = unifiedDiff(new Map([['gone.yaml', 'a\nb\n'], ['same.yaml', 'x\n']]), new Map([['new.yaml', 'c\n'], ['same.yaml', 'x\n']]), { labels: ['committed/', 'generated/'] });
    expect(diffs.map((d) => [d.file, d.status, d.text])).toEqual([
      ['gone.yaml', 'removed', '--- committed/gone.yaml\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-a\n-b\n'],
      ['new.yaml', 'added', '--- /dev/null\n+++ generated/new.yaml\n@@ -0,0 +1,1 @@\n+c\n'],
    ]);
  });

  it('summarizes per file, then the diff, cut after maxLines', () => {
    const diffs = unifiedDiff(new Map([['a.yaml', lines(10)]]), new Map([['a.yaml', lines(10, [0, 'first'])], ['b.yaml', 'new\n']]));
    expect(formatDiffSummary(diffs, 4)).toBe([
      '2 file(s) differ:', '  M a.yaml  +1 -1', '  A b.yaml  +1 -0', '',
      '--- a/a.yaml', '+++ b/a.yaml', '@@ -1,4 +1,4 @@', '-line 1', '... 8 more diff lines not shown', '',
    ].join('\n'));
    expect(formatDiffSummary([])).toBe('');
  });
});
