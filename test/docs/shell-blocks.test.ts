/**
 * Every documented command runs as shown in a fresh copy of the repository (issue 25 item 4, audit
 * newcomer-2026-12-06 F6): each shell or console block of README.md and docs/*.md (```sh/bash/shell/console, and
 * untagged `$ …` transcripts) is one of
 * - run here: one fresh copy per doc file, its blocks in document order (a `cd` carries over), each command must
 *   exit 0, and each transcript's output lines must be what the command prints, in order (`...` skips lines), so a
 *   number quoted from a command ("21 objects") is the number it prints;
 * - covered by a named doc test that runs it with more assertions (COVERED);
 * - marked on the line before it as needing what a scratch copy cannot have: `<!-- doc-test: needs cluster … -->`,
 *   `needs the published package …` (npm install from the registry) or `needs network …`.
 * A block that is none of these fails, and so does an unmarked block that runs kubectl, argocd, ais or helm, or
 * installs from the registry (npm install, npm ci).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../support/cli';
import { ShellBlock, blockCommands, freshCopy, isTranscript, runDocCommand, shellBlocks, transcriptMismatch } from '../support/doc-shell';

const FILES = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];

/** Blocks another doc test runs, by file and first line → that test. */
const COVERED: ReadonlyArray<{ file: string; first: string; by: string }> = [
  // quick-start runs `npm run synth`; git clone, npm ci and npm test are the set-up the test suite itself stands on
  { file: 'README.md', first: 'git clone <this repo> && cd cdk8s-storage', by: 'test/docs/quick-start.test.ts' },
  { file: 'README.md', first: 'mkdir -p my-gitops && cp examples/minimal.yaml my-gitops/cluster.yaml', by: 'test/docs/quick-start.test.ts' },
  { file: 'docs/fleet.md', first: 'cp -r examples/fleet my-fleet', by: 'test/docs/fleet-docs.test.ts' },
  { file: 'docs/fleet.md', first: '$ npm run synth -- my-fleet/fleet.yaml', by: 'test/docs/fleet-docs.test.ts' },
  { file: 'docs/monitoring.md', first: 'npm run synth -- examples/monitoring.yaml --out monitoring-demo/dist', by: 'test/docs/monitoring-docs.test.ts' },
];

const SKIPPED = /^needs (cluster|the published package|network)\b/;
const NEEDS_CLUSTER = /^(kubectl|argocd|ais|helm)\b/;
/** Installs from the registry: not run from an unmarked block (a scratch copy must not reach the registry). */
const NEEDS_REGISTRY = /(^|&&\s*)npm (install|i|ci)\b/;

type Verdict = { kind: 'run' } | { kind: 'covered'; by: string } | { kind: 'marked'; marker: string } | { kind: 'unclassified'; why: string };

function classify(file: string, block: ShellBlock): Verdict {
  if (block.marker !== undefined && SKIPPED.test(block.marker)) return { kind: 'marked', marker: block.marker };
  const covered = COVERED.find((c) => c.file === file && block.body.startsWith(c.first));
  if (covered) return { kind: 'covered', by: covered.by };
  if (block.marker !== undefined) return { kind: 'unclassified', why: `unknown marker "doc-test: ${block.marker}" on a block no doc test covers` };
  const commands = isTranscript(block) ? block.body.split('\n').filter((l) => l.startsWith('$ ')).map((l) => l.slice(2)) : blockCommands(block.body);
  const cluster = commands.find((c) => NEEDS_CLUSTER.test(c));
  if (cluster) return { kind: 'unclassified', why: `runs \`${cluster}\`: mark it <!-- doc-test: needs cluster (…) -->` };
  const install = commands.find((c) => NEEDS_REGISTRY.test(c));
  if (install) return { kind: 'unclassified', why: `runs \`${install}\`: mark it <!-- doc-test: needs the published package (…) --> or cover it` };
  return { kind: 'run' };
}

const BLOCKS = FILES.flatMap((file) => shellBlocks(file).map((block) => ({ file, block, verdict: classify(file, block) })));

describe('the shell blocks of README.md and docs/', () => {
  it('each is run here, covered by a named doc test, or marked as needing a cluster, the published package or the network', () => {
    expect(BLOCKS.filter((b) => b.verdict.kind === 'unclassified').map((b) => `${b.block.where}: ${(b.verdict as { why: string }).why}`)).toEqual([]);
    expect(BLOCKS.filter((b) => b.verdict.kind === 'run').length).toBeGreaterThan(0);
  });

  it('each covering test exists, reads that doc, and covers a block that is there', () => {
    for (const entry of COVERED) {
      expect(BLOCKS.some((b) => b.file === entry.file && b.verdict.kind === 'covered' && b.block.body.startsWith(entry.first)), `${entry.file}: ${entry.first}`).toBe(true);
      expect(fs.readFileSync(path.join(ROOT, entry.by), 'utf8'), entry.by).toContain(path.basename(entry.file));
    }
  });

  const runnable = FILES.filter((file) => BLOCKS.some((b) => b.file === file && b.verdict.kind === 'run'));
  it.each(runnable)('%s: its blocks run as shown, in order, in a fresh copy of the repository', (file) => {
    const copy = freshCopy('doc-shell-');
    const pwdFile = path.join(tempDir('doc-shell-pwd-'), 'pwd');
    let cwd = copy;
    /** Runs one command where the previous one left off (a `cd` carries over, as in the reader's shell). */
    const run = (command: string) => {
      const result = runDocCommand(`${command}\n__status=$?; pwd > "$DOC_PWD"; exit $__status`, cwd, { DOC_PWD: pwdFile });
      if (fs.existsSync(pwdFile)) cwd = fs.readFileSync(pwdFile, 'utf8').trim();
      return result;
    };
    for (const { block } of BLOCKS.filter((b) => b.file === file && b.verdict.kind === 'run')) {
      if (!isTranscript(block)) {
        for (const command of blockCommands(block.body)) {
          const result = run(command);
          expect(result.status, `${block.where}: ${command}\n${result.stdout}${result.stderr}`).toBe(0);
        }
        continue;
      }
      // a transcript: each `$ command` and the output lines that follow it
      const steps = block.body.split(/^\$ /m).filter(Boolean).map((step) => step.split('\n'));
      for (const [command, ...output] of steps) {
        const result = run(command);
        expect(result.status, `${block.where}: ${command}\n${result.stdout}${result.stderr}`).toBe(0);
        expect(transcriptMismatch(output, `${result.stdout}\n${result.stderr}`), `${block.where}: ${command}`).toBeUndefined();
      }
    }
  });
});
