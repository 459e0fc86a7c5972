import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configReferenceMarkdown, CONFIG_REFERENCE_PATH } from '../../lib/config/config-reference';
import { ROOT } from '../support/cli';

const committed = fs.readFileSync(path.join(ROOT, CONFIG_REFERENCE_PATH), 'utf8');

/** The rows of every table in the reference, by key: `| key [(required)] | type | default | description |`. */
function rows(markdown: string): Map<string, { required: boolean; type: string; default: string; description: string }> {
  const result = new Map();
  for (const line of markdown.split('\n')) {
    const match = /^\| `([^`]+)`( \(required\))? \| (.*) \| (.*) \| (.*) \|$/.exec(line);
    if (match) result.set(match[1], { required: Boolean(match[2]), type: match[3], default: match[4], description: match[5] });
  }
  return result;
}

describe('docs/config-reference.md', () => {
  const reference = rows(committed);

  it('is generated from the schema (run `npm run schema`) and the same on every run', () => {
    expect(committed).toBe(configReferenceMarkdown());
    expect(configReferenceMarkdown()).toBe(configReferenceMarkdown());
  });

  it('documents nested keys, list items and union types with their descriptions, defaults and required marks', () => {
    expect(reference.get('ais.targets.mountpaths')).toEqual({
      required: true, type: 'list of (string or {path, label, size})', default: '', description: 'the same mountpaths on every target node',
    });
    expect(reference.get('ais.targets.mountpaths[].size')).toMatchObject({ required: false, type: 'string or number' });
    expect(reference.get('auristor.groups[].kernels')).toEqual({
      required: true, type: 'list of string', default: '', description: "kernels (uname -r) running on the group's nodes",
    });
    expect(reference.get('gitops.argocd.repoURL')).toEqual({
      required: true, type: 'string', default: '', description: 'Git repository Argo CD reads, the one the generated output is committed to',
    });
    expect(reference.get('gitops.argocd.targetRevision')).toMatchObject({ required: false, default: '`HEAD`' });
    expect(reference.get('ais.targets.storage')).toMatchObject({ type: '`hostPath` \\| `localPV`', default: '`hostPath`' });
    expect(reference.get('ais.nodeLabels.target')).toMatchObject({ default: '`{"key":"nvidia.com/ais-target"}`' });
    expect(reference.get('auristor.persistentVolumes[].storageClassName')).toMatchObject({ type: '`""` or string', default: '`""`' });
  });

  it('describes every key, and puts each mapping under its own heading with its description', () => {
    expect([...reference].filter(([, row]) => !row.description).map(([key]) => key)).toEqual([]);
    expect(reference.size).toBeGreaterThan(150);
    expect(committed).toContain('## `auristor.groups[]`\n\na node group: its nodes, kernels and AuriStorFS releases');
    expect(committed).toContain('## `ais.targets.mountpaths[]`\n\na mountpath: an absolute path such as /ais/sda, or {path, label, size}');
  });

  it('keeps `<name>` placeholders visible outside code spans', () => {
    expect(reference.get('auristor.groups[].name')?.description).toContain('auristorfs-&lt;name>');
    expect(reference.get('ais.targets.storageClass')?.description).toContain('`<name>-local`');
  });
});
