/**
 * docs/fleet.md runs as shown: its `sh` blocks in order in one fresh copy of the repository, and each `console`
 * transcript in a fresh copy of its own (after the setup its `<!-- doc-test: setup: ... -->` line names), every
 * output line of the transcript appearing, in order, in what the command really prints (`...` skips lines).
 * Blocks marked `<!-- doc-test: needs cluster -->` (kubectl) and `text` blocks (file trees) are not run.
 */
import { describe, expect, it } from 'vitest';
import { blockCommands, freshCopy, isTranscript, runDocCommand, shellBlocks, transcriptMismatch } from '../support/doc-shell';

const BLOCKS = shellBlocks('docs/fleet.md');
/** The setup a transcript's `<!-- doc-test: setup: ... -->` line names. */
const setupOf = (marker: string | undefined) => /^setup: (.*)$/.exec(marker ?? '')?.[1];

describe('docs/fleet.md', () => {
  it('every sh block runs as shown, in order, in a fresh copy', () => {
    // blocks marked as needing a cluster (kubectl) are not run: test/docs/shell-blocks.test.ts holds them to their marker
    const commands = BLOCKS.filter((b) => b.lang === 'sh' && b.marker === undefined).flatMap((b) => blockCommands(b.body));
    expect(commands).toContain('npm run synth -- my-fleet/fleet.yaml --check');
    const clone = freshCopy('fleet-docs-');
    for (const command of commands) {
      const result = runDocCommand(command, clone);
      expect(result.status, `${command}\n${result.stdout}${result.stderr}`).toBe(0);
    }
  });

  it.each(BLOCKS.filter(isTranscript).map((b) => [b.where, b] as const))('transcript %s prints what the doc shows', (_, block) => {
    const clone = freshCopy('fleet-docs-');
    const setup = setupOf(block.marker);
    if (setup) expect(runDocCommand(setup, clone).status).toBe(0);
    const lines = block.body.split('\n').filter(Boolean);
    const commands = lines.filter((l) => l.startsWith('$ '));
    expect(commands).toHaveLength(1);
    const result = runDocCommand(commands[0].slice(2), clone);
    expect(transcriptMismatch(lines.filter((l) => !l.startsWith('$ ')), `${result.stdout}\n${result.stderr}`)).toBeUndefined();
  });
});
