/**
 * The three renderers of a runbook (review text, PLAN.md Markdown, bash script) on a runbook with every
 * step kind, condition and action: they print the same commands, the script and the Markdown commands
 * pass `bash -n` and ShellCheck, and the script's --dry-run runs nothing.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stepLines } from '../../../lib/review/runbook/render';
import { runbookScript } from '../../../lib/review/runbook/render-bash';
import { runbookHelpersMarkdown, runbookMarkdown } from '../../../lib/review/runbook/render-markdown';
import { runbookText } from '../../../lib/review/runbook/render-text';
import { ShellWriter } from '../../../lib/review/runbook/shell';
import { tempDir } from '../../support/cli';
import { shellProblems } from '../../support/shellcheck';
import { SAMPLE_RUNBOOK } from './sample-runbook';

const SCRIPT = runbookScript(SAMPLE_RUNBOOK, { name: '01-sample.sh', change: '0123456789ab' });
const TEXT = runbookText(SAMPLE_RUNBOOK, 0).join('\n');
const MARKDOWN = runbookMarkdown(SAMPLE_RUNBOOK, 0);

/** The console blocks of a Markdown text, without their indentation. */
export function consoleBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^( *)```console\n([\s\S]*?)^\1```$/gm)].map(([, pad, body]) => body.split('\n').map((l) => l.slice(pad.length)).join('\n'));
}

/** Runs the script with only recording shims (and sed) on the PATH; returns its result and the commands it called. */
function runWithShims(script: string, args: string[]): { status: number; stdout: string; stderr: string; calls: string[] } {
  const dir = tempDir('cdk8s-storage-dry-');
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const log = path.join(dir, 'calls');
  for (const tool of ['kubectl', 'ais', 'jq', 'argocd', 'curl', 'timeout', 'sleep', 'mountpoint', 'ssh']) {
    fs.writeFileSync(path.join(bin, tool), `#!/bin/bash\necho "${tool} $*" >>'${log}'\nexit 1\n`, { mode: 0o755 });
  }
  for (const tool of ['sed', 'cat']) fs.symlinkSync(`/bin/${tool}`, path.join(bin, tool));
  fs.writeFileSync(path.join(dir, 'run.sh'), script, { mode: 0o755 });
  const result = spawnSync('/bin/bash', [path.join(dir, 'run.sh'), ...args], { encoding: 'utf8', env: { PATH: bin }, input: '' });
  const calls = fs.existsSync(log) ? fs.readFileSync(log, 'utf8').trim().split('\n') : [];
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, calls };
}

describe('one step, three renderings', () => {
  it('the review text and PLAN.md print each step\'s commands; the script runs the same lines', () => {
    const writer = new ShellWriter(SAMPLE_RUNBOOK.scope);
    SAMPLE_RUNBOOK.steps.forEach((step, i) => {
      expect(TEXT).toContain(`  ${i + 1}. [`);
      expect(MARKDOWN).toContain(`${i + 1}. **${step.title}**`);
      for (const line of stepLines(writer, step, { script: false, number: i + 1 })) {
        expect(TEXT).toContain(`     $ ${line}\n`);
        expect(MARKDOWN).toContain(`   ${line}\n`);
      }
      const scriptLines = stepLines(writer, step, { script: true, number: i + 1 });
      expect(SCRIPT).toContain(`step_${i + 1}() {\n${scriptLines.map((l) => `  ${l}`).join('\n')}\n}`);
      // only lookups and the merge differ between the printed and the script form
      if (step.kind !== 'resolve' && step.kind !== 'manual') expect(scriptLines).toEqual(stepLines(writer, step, { script: false, number: i + 1 }));
    });
    expect(TEXT).toContain('Script: runbooks/01-sample.sh beside the output folder');
    expect(MARKDOWN).toContain('Script: `runbooks/01-sample.sh` beside the output folder');
  });

  it('every mutating ais command passes --yes where the CLI has it (without it the CLI waits for an answer forever)', () => {
    const aisLines = SCRIPT.split('\n').filter((l) => /^\s*ais (cluster (add-remove-nodes|decommission)|cluster shutdown)/.test(l));
    expect(aisLines.length).toBeGreaterThan(4);
    for (const line of aisLines) expect(line).toMatch(/ --yes$/);
  });
});

describe('the script', () => {
  it('passes bash -n and shellcheck', () => {
    expect(shellProblems(SCRIPT, '01-sample.sh')).toBe('');
  });

  it('starts with set -euo pipefail and defines only the helpers it calls', () => {
    expect(SCRIPT.split('\n').slice(0, 8)).toContain('set -euo pipefail');
    for (const [, name] of SCRIPT.matchAll(/^([a-z_]+)\(\) \{/gm)) {
      if (/^step_\d+$|^(usage|remember|on_exit)$/.test(name)) continue;
      const uses = SCRIPT.split('\n').filter((line) => !line.startsWith(`${name}() {`) && new RegExp(`(^|[\\s($!])${name}( |$|\\))`).test(line));
      expect(uses.length, `${name} is defined but never called`).toBeGreaterThan(0);
    }
  });

  it('--dry-run prints every step and command and calls nothing', () => {
    const { status, stdout, calls } = runWithShims(SCRIPT, ['--dry-run']);
    expect(status).toBe(0);
    expect(calls).toEqual([]);
    SAMPLE_RUNBOOK.steps.forEach((step, i) => expect(stdout).toContain(`== step ${i + 1}/${SAMPLE_RUNBOOK.steps.length}: ${step.title}`));
    expect(stdout).toContain('ais cluster add-remove-nodes decommission "$node_id" --rm-user-data --yes');
    expect(stdout).toContain('argocd app sync "$ARGO_APP" --prune --async');
  });

  it('refuses unknown arguments and a step out of range before doing anything', () => {
    const unknown = runWithShims(SCRIPT, ['--frobnicate']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('unknown argument --frobnicate');
    const range = runWithShims(SCRIPT, ['--from-step', '999']);
    expect(range.status).toBe(1);
    expect(range.stderr).toContain(`--from-step takes 1 to ${SAMPLE_RUNBOOK.steps.length}`);
    expect([...unknown.calls, ...range.calls]).toEqual([]);
  });

  it('refuses to start without its tools', () => {
    const { status, stderr, calls } = runWithShims(SCRIPT.replace(/command -v "\$tool"/, 'false'), ['--app', 'demo']);
    expect(status).toBe(1);
    expect(stderr).toMatch(/this runbook needs \w+ on the PATH/);
    expect(calls).toEqual([]);
  });

  it('--help says what each option does', () => {
    const { status, stdout } = runWithShims(SCRIPT, ['--help']);
    expect(status).toBe(0);
    for (const option of ['--dry-run', '--from-step N', '--until-merge', '--yes', '--host-exec TEMPLATE', '--app NAME', '--var NAME=VALUE']) expect(stdout).toContain(option);
  });
});

describe('PLAN.md', () => {
  it('the helpers block and every console block pass bash -n and shellcheck, as one shell session', () => {
    const helpers = runbookHelpersMarkdown([SAMPLE_RUNBOOK]);
    const session = ['#!/usr/bin/env bash', 'set -euo pipefail', ...consoleBlocks(helpers), ...consoleBlocks(MARKDOWN)].join('\n');
    expect(consoleBlocks(MARKDOWN).length).toBeGreaterThan(50);
    // the reader's shell sets what the script's options set
    expect(shellProblems(session.replace('set -euo pipefail', 'set -euo pipefail\nARGO_APP=demo'), 'plan-commands.sh')).toBe('');
  });
});
