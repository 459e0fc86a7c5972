/** `gitops.argocd.healthChecks: true` for one output: the same rollout gate and health scripts as a fleet, beside the output. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as YAML from 'yaml';
import { EXAMPLES, readManifests, runCli, tempDir, writeConfig } from '../support/cli';
import { validateManifestSync } from '../support/schema';

const config = (healthChecks: boolean) => `${fs.readFileSync(path.join(EXAMPLES, 'reference.yaml'), 'utf8')}gitops:
  argocd:
    repoURL: https://git.example.com/storage/gitops.git
${healthChecks ? '    healthChecks: true\n' : ''}`;

describe('gitops.argocd.healthChecks', () => {
  it('writes argocd-settings/ beside the output and gates the OnDelete StatefulSets', () => {
    const dir = tempDir();
    const result = runCli([writeConfig(dir, config(true)), '--out', path.join(dir, 'dist')]);
    expect(result.code, result.stderr).toBe(0);
    const cm = YAML.parse(fs.readFileSync(path.join(dir, 'argocd-settings', 'argocd-cm-health.yaml'), 'utf8'));
    expect(validateManifestSync(cm)).toEqual([]);
    expect(Object.keys(cm.data)).toEqual(['resource.customizations.health.apps_StatefulSet']);
    expect(fs.existsSync(path.join(dir, 'argocd-settings', 'argocd-helm-values.yaml'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'argocd-settings', 'argocd-cmd-params-cm.yaml'))).toBe(false);
    const sts = readManifests(path.join(dir, 'dist')).filter((m) => m.kind === 'StatefulSet');
    expect(sts.map((m) => [m.metadata.name, m.metadata.annotations?.['cdk8s-storage.io/rollout-health']])).toEqual([
      ['demo-proxy-primary', 'all-pods-updated'], ['demo-proxy', 'all-pods-updated'], ['demo-target', 'all-pods-updated']]);
    expect(fs.readFileSync(path.join(dir, 'dist', '.cdk8s-storage-files'), 'utf8')).toContain('../argocd-settings/argocd-cm-health.yaml');
  });

  it('is off by default: no annotation, no settings (the output is as before)', () => {
    const dir = tempDir();
    expect(runCli([writeConfig(dir, config(false)), '--out', path.join(dir, 'dist')]).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'argocd-settings'))).toBe(false);
    expect(readManifests(path.join(dir, 'dist')).some((m) => m.metadata.annotations?.['cdk8s-storage.io/rollout-health'])).toBe(false);
  });
});
