/**
 * A unified diff of two sets of files (`fileName -> text`), as `diff -u` / `git diff` print it,
 * for `synth --check`. Line diff: common prefix and suffix trimmed, the rest by Myers' O(ND)
 * algorithm; past `maxEdits` differing lines the changed block is shown as removed-then-added.
 */

type Edit = { op: ' ' | '-' | '+'; line: string };

/** Lines of a text; a final newline does not make an extra empty line. */
function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Shortest edit script between a and b (Myers 1986), or undefined when it needs more than maxEdits edits. */
function myers(a: readonly string[], b: readonly string[], maxEdits: number): Edit[] | undefined {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(n + m, maxEdits); d++) {
    // keep only the diagonals d can reach: memory O(D^2), not O(D * (N + M))
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace, d);
    }
  }
  return undefined;
}

function backtrack(a: readonly string[], b: readonly string[], trace: Int32Array[], dEnd: number): Edit[] {
  const edits: Edit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = dEnd; d > 0; d--) {
    const at = (k: number) => trace[d][k + d + 1];
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) edits.push({ op: ' ', line: a[--x] }), y--;
    if (x === prevX) edits.push({ op: '+', line: b[--y] });
    else edits.push({ op: '-', line: a[--x] });
  }
  while (x > 0 && y > 0) edits.push({ op: ' ', line: a[--x] }), y--;
  return edits.reverse();
}

/** The line edits turning a into b. */
export function diffLines(a: readonly string[], b: readonly string[], maxEdits = 2000): Edit[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) { endA--; endB--; }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const middle = myers(midA, midB, maxEdits)
    ?? [...midA.map((line): Edit => ({ op: '-', line })), ...midB.map((line): Edit => ({ op: '+', line }))];
  const same = (lines: readonly string[]) => lines.map((line): Edit => ({ op: ' ', line }));
  return [...same(a.slice(0, start)), ...middle, ...same(a.slice(endA))];
}

/** Hunks of a unified diff (`@@ -l,s +l,s @@` and the lines), with `context` unchanged lines around each change. */
function hunks(edits: readonly Edit[], context: number): string[] {
  const out: string[] = [];
  const changed = edits.map((e, i) => (e.op === ' ' ? -1 : i)).filter((i) => i >= 0);
  let i = 0;
  while (i < changed.length) {
    const from = Math.max(0, changed[i] - context);
    let to = changed[i];
    while (i + 1 < changed.length && changed[i + 1] - to <= 2 * context + 1) to = changed[++i];
    to = Math.min(edits.length - 1, to + context);
    i++;
    let oldLine = 1;
    let newLine = 1;
    for (let j = 0; j < from; j++) {
      if (edits[j].op !== '+') oldLine++;
      if (edits[j].op !== '-') newLine++;
    }
    const slice = edits.slice(from, to + 1);
    const oldCount = slice.filter((e) => e.op !== '+').length;
    const newCount = slice.filter((e) => e.op !== '-').length;
    out.push(`@@ -${oldCount ? oldLine : oldLine - 1},${oldCount} +${newCount ? newLine : newLine - 1},${newCount} @@`);
    out.push(...slice.map((e) => `${e.op}${e.line}`));
  }
  return out;
}

export interface FileDiff {
  readonly file: string;
  readonly status: 'added' | 'removed' | 'modified';
  readonly added: number;
  readonly removed: number;
  /** the unified diff of the file, `---`/`+++` header first */
  readonly text: string;
}

export interface UnifiedDiffOptions {
  /**
   * Unchanged lines shown around each change.
   * @default 3
   */
  readonly context?: number;
  /**
   * Prefixes of the old and new file names in the headers.
   * @default ['a/', 'b/']
   */
  readonly labels?: readonly [string, string];
}

/** The files that differ between two sets, sorted by name, each with its unified diff. */
export function unifiedDiff(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>, options: UnifiedDiffOptions = {}): FileDiff[] {
  const [oldLabel, newLabel] = options.labels ?? ['a/', 'b/'];
  const files = [...new Set([...before.keys(), ...after.keys()])].sort();
  const result: FileDiff[] = [];
  for (const file of files) {
    const old = before.get(file);
    const now = after.get(file);
    if (old === now) continue;
    const edits = diffLines(splitLines(old ?? ''), splitLines(now ?? ''));
    const header = [old === undefined ? '--- /dev/null' : `--- ${oldLabel}${file}`, now === undefined ? '+++ /dev/null' : `+++ ${newLabel}${file}`];
    const body = hunks(edits, options.context ?? 3);
    result.push({
      file,
      status: old === undefined ? 'added' : now === undefined ? 'removed' : 'modified',
      added: edits.filter((e) => e.op === '+').length,
      removed: edits.filter((e) => e.op === '-').length,
      text: `${[...header, ...body].join('\n')}\n`,
    });
  }
  return result;
}

/**
 * A summary line per file (`M ais.yaml  +3 -1`) and then the diffs, cut after `maxLines` lines.
 * Empty string when nothing differs.
 */
export function formatDiffSummary(diffs: readonly FileDiff[], maxLines = 300): string {
  if (diffs.length === 0) return '';
  const mark = { added: 'A', removed: 'D', modified: 'M' } as const;
  const summary = diffs.map((d) => `  ${mark[d.status]} ${d.file}  +${d.added} -${d.removed}`);
  const body = diffs.flatMap((d) => d.text.replace(/\n$/, '').split('\n'));
  const shown = body.slice(0, maxLines);
  if (body.length > maxLines) shown.push(`... ${body.length - maxLines} more diff lines not shown`);
  return `${[`${diffs.length} file(s) differ:`, ...summary, '', ...shown].join('\n')}\n`;
}
