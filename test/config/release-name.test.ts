/**
 * The release name: the editor schema carries the loosest static limit (63, a DNS-1123 label); what a
 * config may really use depends on the objects derived from it, which the rulebooks check and the loader
 * reports at `name:` (issue 22: the editor schema allowed 40 characters that synth then refused).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { clusterConfigJsonSchema } from '../../lib/config/json-schema';
import { RELEASE_NAME_MAX_LENGTH } from '../../lib/config/schema';
import { configProblems } from '../support/config-problems';

const STANDALONE = 'name: NAME\nais:\n  proxies: { nodes: [n1] }\n  targets: { nodes: [n1], mountpaths: [/ais/sda] }\n';
const OPERATOR = STANDALONE.replace('ais:\n', 'kubernetesVersion: "1.29"\nais:\n  mode: operator\n');
const AURISTOR = 'name: NAME\nauristor:\n  delivery: static\n  groups:\n    - { name: g, nodes: [n1], kmodVersion: "2021.05-20", csiVersion: "2022.09-1", kernels: [4.18.0-305.49.1.el8_4.x86_64] }\n';

/** The longest name the loader accepts in a config: found by loading, not computed. */
function longestAccepted(config: string): number {
  let length = 1;
  while (length <= 100 && configProblems(config.replace('NAME', 'a'.repeat(length + 1))).length === 0) length++;
  return length;
}

const schema = clusterConfigJsonSchema() as { properties: { name: { maxLength: number; description: string } } };

describe('release name: the editor schema and what synth accepts', () => {
  it('the editor schema\'s limit is the loosest the loader accepts (AuriStorFS only: a DNS-1123 label)', () => {
    expect(schema.properties.name.maxLength).toBe(RELEASE_NAME_MAX_LENGTH);
    expect(longestAccepted(AURISTOR)).toBe(RELEASE_NAME_MAX_LENGTH);
    expect(longestAccepted(STANDALONE)).toBeLessThan(RELEASE_NAME_MAX_LENGTH);
    expect(longestAccepted(OPERATOR)).toBeLessThan(RELEASE_NAME_MAX_LENGTH);
  });

  it('the description names the limit of each mode as the loader enforces it', () => {
    expect(schema.properties.name.description).toContain(`standalone mode: ${longestAccepted(STANDALONE)}`);
    expect(schema.properties.name.description).toContain(`operator mode: ${longestAccepted(OPERATOR)}`);
  });

  it('the committed editor schema and config reference carry it (npm run schema)', () => {
    const root = path.join(__dirname, '..', '..');
    expect(JSON.parse(fs.readFileSync(path.join(root, 'schema', 'cluster-config.schema.json'), 'utf8')).properties.name.maxLength).toBe(RELEASE_NAME_MAX_LENGTH);
    expect(fs.readFileSync(path.join(root, 'docs', 'config-reference.md'), 'utf8')).toContain(`standalone mode: ${longestAccepted(STANDALONE)}`);
  });

  it('one name too long is one error naming the limit of its mode, at name:', () => {
    expect(configProblems(STANDALONE.replace('NAME', 'a'.repeat(39)))).toEqual([
      `cluster.yaml:1:7: name: cluster name ${'a'.repeat(39)} has 39 characters; at most 38 in standalone mode (StatefulSet <name>-proxy-primary: at most 52, or its pods never start (kubernetes/kubernetes#64023))`,
    ]);
    expect(configProblems(OPERATOR.replace('NAME', 'a'.repeat(46)))).toEqual([
      `cluster.yaml:1:7: name: cluster name ${'a'.repeat(46)} has 46 characters; at most 45 in operator mode (StatefulSet <name>-target: at most 52, or its pods never start (kubernetes/kubernetes#64023))`,
    ]);
    expect(configProblems(AURISTOR.replace('NAME', 'a'.repeat(64)))).toEqual([`cluster.yaml:1:7: name: release name ${'a'.repeat(64)} is 64 characters; at most 63`]);
  });
});
