import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, ROOT, readTree, runCli, tempDir } from './support/cli';
import { validateAll } from './support/schema';
import { synthConfig } from './support/synth';

const exampleFiles = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort();

describe('committed dist/ and determinism', () => {
  it('synth of the built-in reference example reproduces the committed dist/ byte for byte', () => {
    const out = path.join(tempDir(), 'dist');
    expect(runCli(['--out', out, '--quiet']).code).toBe(0);
    expect(readTree(out)).toEqual(readTree(path.join(ROOT, 'dist')));
  });

  it('the built-in reference is examples/reference.yaml', () => {
    const a = path.join(tempDir(), 'a');
    const b = path.join(tempDir(), 'b');
    runCli(['--out', a, '--quiet']);
    runCli([path.join(EXAMPLES, 'reference.yaml'), '--out', b, '--quiet']);
    expect(readTree(a)).toEqual(readTree(b));
  });

  it.each(exampleFiles)('%s gives byte-identical output on every run', (file) => {
    const text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
    const first = synthConfig(text, file);
    const second = synthConfig(text, file);
    expect([...second.files]).toEqual([...first.files]);
  });
});

describe('every object of every example is valid for its API', () => {
  it.each(exampleFiles)('%s', async (file) => {
    const { manifests } = synthConfig(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'), file);
    expect(manifests.length).toBeGreaterThan(0);
    const problems = await validateAll([...manifests]);
    expect(problems).toEqual([]);
    for (const m of manifests) expect(m.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/);
    const ids = manifests.map((m) => `${m.apiVersion}/${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`);
    expect(new Set(ids).size).toBe(ids.length); // no two objects collide
  });
});
