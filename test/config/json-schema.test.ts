import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  clusterConfigJsonSchemaText, FLEET_SCHEMA_PATH, fleetConfigJsonSchema, JSON_SCHEMA_PATH, schemaText, SITE_SCHEMA_PATH, siteConfigJsonSchema,
} from '../../lib/config/json-schema';
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

describe('editor JSON Schemas of the fleet file and of a site\'s file', () => {
  const FLEET = path.join(EXAMPLES, 'fleet');
  const ajv = () => new Ajv2020({ strict: false, allErrors: true });

  it('the committed schemas are generated from the zod schemas (run `npm run schema`)', () => {
    expect(fs.readFileSync(path.join(ROOT, FLEET_SCHEMA_PATH), 'utf8')).toBe(schemaText(fleetConfigJsonSchema()));
    expect(fs.readFileSync(path.join(ROOT, SITE_SCHEMA_PATH), 'utf8')).toBe(schemaText(siteConfigJsonSchema()));
  });

  it('examples/fleet validates against them, each file with its modeline', () => {
    const fleetText = fs.readFileSync(path.join(FLEET, 'fleet.yaml'), 'utf8');
    expect(fleetText.split('\n')[0]).toBe(`# yaml-language-server: $schema=../../${FLEET_SCHEMA_PATH}`);
    expect(ajv().compile(fleetConfigJsonSchema())(YAML.parse(fleetText))).toBe(true);
    const site = ajv().compile(siteConfigJsonSchema());
    for (const name of fs.readdirSync(path.join(FLEET, 'sites'))) {
      const text = fs.readFileSync(path.join(FLEET, 'sites', name, 'site.yaml'), 'utf8');
      expect(text.split('\n')[0], name).toBe(`# yaml-language-server: $schema=../../../../${SITE_SCHEMA_PATH}`);
      expect(site(YAML.parse(text)), name).toBe(true);
    }
    expect(site({ ais: { targets: { mountpath: ['/x'] } } })).toBe(false);
  });
});
