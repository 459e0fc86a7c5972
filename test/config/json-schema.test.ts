import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { clusterConfigJsonSchemaText, JSON_SCHEMA_PATH } from '../../lib/config/json-schema';
import { EXAMPLES, ROOT } from '../support/cli';

const committed = fs.readFileSync(path.join(ROOT, JSON_SCHEMA_PATH), 'utf8');
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(committed));
const examples = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort();
const MODELINE = `# yaml-language-server: $schema=../${JSON_SCHEMA_PATH}`;

describe('editor JSON Schema of the cluster config', () => {
  it('the committed schema is generated from the zod schema the loader uses (run `npm run schema`)', () => {
    expect(committed).toBe(clusterConfigJsonSchemaText());
  });

  it.each(examples)('%s validates against it and starts with the yaml-language-server modeline', (file) => {
    const text = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
    expect(text.split('\n')[0]).toBe(MODELINE);
    expect(validate(YAML.parse(text))).toBe(true);
  });

  it('catches a misspelled key, a wrong enum value and a missing required key without an editor', () => {
    const reference = YAML.parse(fs.readFileSync(path.join(EXAMPLES, 'reference.yaml'), 'utf8'));
    const misspelled = { ...reference, ais: { ...reference.ais, targets: { ...reference.ais.targets, mountpath: ['/x'] } } };
    expect(validate(misspelled)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({
      instancePath: '/ais/targets', keyword: 'additionalProperties', params: { additionalProperty: 'mountpath' },
    }));
    expect(validate({ ...reference, ais: { ...reference.ais, mode: 'helm' } })).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/ais/mode', keyword: 'enum' });
    const { name: _name, ...nameless } = reference;
    expect(validate(nameless)).toBe(false);
    expect(validate.errors?.[0]).toMatchObject({ keyword: 'required', params: { missingProperty: 'name' } });
  });
});
