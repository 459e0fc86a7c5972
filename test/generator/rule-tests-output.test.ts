/**
 * `monitoring.ruleTests`: the promtool tests of the alerts are written beside the output (never in it), owned
 * like the other beside files, never read by the change review, and the command PLAN.md prints runs as shown.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OWNED_FILES_INDEX } from '../../lib/output/ownership';
import { runCli, tempDir, writeConfig } from '../support/cli';
import { edit } from '../support/gitops';
import { MONITORING_EXAMPLE } from '../support/monitoring';
import { promtool } from '../support/promtool';

describe('monitoring.ruleTests', () => {
  it('writes one rule and one test file per alert beside the output, in the ownership index, and PLAN.md\'s command passes', () => {
    const repo = tempDir('rule-tests-out-');
    const config = writeConfig(repo, MONITORING_EXAMPLE);
    const out = path.join(repo, 'dist');
    const first = runCli([config, '--out', out, '--quiet']);
    expect(first.code, first.stderr).toBe(0);
    const folder = path.join(repo, 'monitoring-tests', 'demo');
    const files = fs.readdirSync(folder).sort();
    const alerts = files.filter((f) => f.endsWith('.test.yaml')).map((f) => f.replace(/\.test\.yaml$/, ''));
    expect(alerts).toHaveLength(44);
    expect(files).toEqual(alerts.flatMap((a) => [`${a}.rules.yaml`, `${a}.test.yaml`]).sort());
    expect(fs.readdirSync(out).some((f) => f.includes('test'))).toBe(false);
    const index = fs.readFileSync(path.join(out, OWNED_FILES_INDEX), 'utf8').split('\n');
    expect(index).toEqual(expect.arrayContaining(['../monitoring-tests/demo/AISTargetOOS.rules.yaml', '../monitoring-tests/demo/AISTargetOOS.test.yaml']));

    const plan = fs.readFileSync(path.join(repo, 'PLAN.md'), 'utf8');
    const command = /run `(promtool test rules [^`]+)` in the folder holding this file/.exec(plan)![1];
    expect(command).toBe('promtool test rules monitoring-tests/demo/*.test.yaml');
    // the promtool the tests found, as `promtool` on the PATH
    const tool = promtool().path;
    const env = tool.includes('/') ? { ...process.env, PATH: `${path.dirname(path.resolve(tool))}:${process.env.PATH}` } : process.env;
    const run = spawnSync('sh', ['-c', command], { cwd: repo, encoding: 'utf8', env });
    expect(run.status, `${run.stdout}${run.stderr}`).toBe(0);
    expect(run.stdout.match(/SUCCESS/g)).toHaveLength(44);

    // the review reads none of them: turning them off changes no object, and removes them and their folders
    const off = writeConfig(repo, edit(MONITORING_EXAMPLE, '    ruleTests: true', '    ruleTests: false'));
    const diff = runCli([off, '--out', out, '--diff']);
    expect(diff.stdout).toMatch(/^Change review: no changes/);
    expect(runCli([off, '--out', out, '--quiet']).code).toBe(0);
    expect(fs.existsSync(path.join(repo, 'monitoring-tests'))).toBe(false);
    expect(fs.readFileSync(path.join(out, OWNED_FILES_INDEX), 'utf8')).not.toContain('monitoring-tests');
    expect(fs.readFileSync(path.join(repo, 'PLAN.md'), 'utf8')).not.toContain('promtool test rules');
  });
});
