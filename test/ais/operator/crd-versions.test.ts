/**
 * The operator-version floor (lib/ais/operator/crd-versions.ts): the rulebook computes it from the props, so every
 * AIStore we emit must carry exactly the fields the rulebook assumes, and every field path must be in the table.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { aiStoreOperatorFloor } from '../../../lib/ais/operator/cluster-checks';
import { AISTORE_FIELD_SINCE, compareVersions, fieldSince, operatorFloor } from '../../../lib/ais/operator/crd-versions';
import { parseConfigText } from '../../../lib/from-config/load';
import { buildApp } from '../../../lib/generator/build';
import { synthesize } from '../../../lib/gitops/synthesize';
import { EXAMPLES } from '../../support/cli';
import { sampleConfigs } from '../../support/config-generator';
import { asOperatorMode } from '../../support/operator-build';

type Obj = Record<string, any>;

/** Dotted spec paths down to the table's depth (annotation and selector maps are one field). */
function fieldPaths(spec: Obj): string[] {
  const paths: string[] = [];
  const walk = (value: unknown, prefix: string) => {
    const listed = AISTORE_FIELD_SINCE.some(([p]) => p.startsWith(`${prefix}.`));
    if (value && typeof value === 'object' && !Array.isArray(value) && listed) {
      for (const [key, child] of Object.entries(value as Obj)) walk(child, `${prefix}.${key}`);
    } else paths.push(prefix);
  };
  for (const [key, value] of Object.entries(spec)) walk(value, key);
  return paths;
}

const cases: Array<{ id: string; text: string }> = [];
for (const file of fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'))) {
  const text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
  if (!text.includes('auristor:')) cases.push({ id: `examples/${file} (operator mode)`, text: asOperatorMode(text) });
}
for (const c of sampleConfigs(200, 31)) {
  if (cases.length >= 40) break;
  if (/^ {2}mode: operator$/m.test(c.text)) cases.push(c);
}

describe('operator-version floor', () => {
  it('covers the examples in operator mode and generated operator configs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('$id: the rulebook\'s floor is the floor of the AIStore it emits, every field listed', ({ text }) => {
    const { adapted } = parseConfigText(text, 'c.yaml');
    const manifests = synthesize(buildApp(adapted)).manifests;
    const spec = manifests.find((m) => m.kind === 'AIStore')!.spec;
    const paths = fieldPaths(spec);
    for (const p of paths) expect(fieldSince(p), `spec.${p} is in AISTORE_FIELD_SINCE`).toBeDefined();
    expect(aiStoreOperatorFloor(adapted.ais!.props as any)).toBe(operatorFloor(paths).version);
  });

  it('no AIStore we emit works below v3.1.0 (stateStorage and the gateway\'s externalAccess); the operator example needs v3.2.0', () => {
    const floors = cases.map(({ text }) => aiStoreOperatorFloor(parseConfigText(text, 'c.yaml').adapted.ais!.props as any));
    expect(floors.every((f) => compareVersions(f, 'v3.1.0') >= 0)).toBe(true);
    const example = parseConfigText(fs.readFileSync(path.join(EXAMPLES, 'operator.yaml'), 'utf8'), 'operator.yaml');
    expect(aiStoreOperatorFloor(example.adapted.ais!.props as any)).toBe('v3.2.0');
    expect(example.config.operator?.version).toBe('v3.4.0');
  });
});
