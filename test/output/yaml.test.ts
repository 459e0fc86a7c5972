import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { toYaml } from '../../lib/output/yaml';
import { EXAMPLES } from '../support/cli';
import { manifestsOf } from '../support/synth';

const reference = (value: Record<string, unknown>) => YAML.stringify(value, { lineWidth: 0 });

const TRICKY = ['plain', '51080', 'true', 'null', '', ' lead', 'a: b', 'a #b', '-x', '- x', '${X}', '$(MY_POD)',
  'cpu01', 'demo-target-12', 'a.b.c', 'e5', 'x1e3', 'nan', 'inf', 'no', 'off', 'n', 'y', 'a-', 'a.', 'ab.cd-ef.12',
  'a\nb', 'a\nb\n', 'a\n\nb\n', 'line\n  indented\n', '  lead\nline\n', '{x}', '[x]', '*x', '&x', '!x', '%x', '@x', '`x',
  '10.0.0.1', '1e3', '0x1F', 'yes', '~', 'x:', '"q"', "'s'", 'trailing ', '#c', '?x', ':x', '0o644', '.inf', '0.5', '+1',
  '2020-01-01', '3500Gi', 'x\r\ny', 'tab\there', 'é ü', '{\n  "json": "inside"\n}\n', 'end with newlines\n\n',
  // dotted numbers (IPs, versions) take a fast path: always plain
  '1.2.3', '0.0.0.0', '255.255.255.255', '01.02.03', '1.2', '1..2', '1.2.3.', '.1.2', '1.2.3e5', '1.2.3 ', '-1.2.3', '1.2.3\n'];

describe('fast YAML emitter writes exactly what the yaml library writes', () => {
  it('for tricky scalars as values, list items, nested lists and keys', () => {
    for (const s of TRICKY) {
      const doc = { k: s, m: { n: [s, [s, { [s || 'e']: s }]], o: [{ p: s, q: [s] }] } };
      expect(toYaml(doc)).toBe(reference(doc));
    }
  });

  it('for numbers, booleans, null and empty collections', () => {
    const doc = { a: {}, b: [], c: [{}, []], d: [[1, 2], [[3]]], e: [{ x: 1, y: [] }], f: null, g: 1.5, h: -0, i: 1e21, j: false, k: -7, l: 0.1 + 0.2 };
    expect(toYaml(doc)).toBe(reference(doc));
  });

  it.each(fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')))('for every object of %s', (file) => {
    for (const manifest of manifestsOf(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'))) {
      expect(toYaml(manifest)).toBe(reference(manifest));
    }
  });
});
