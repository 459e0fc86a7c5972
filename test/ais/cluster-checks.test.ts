/**
 * The AIS standalone rulebook (lib/ais/cluster-checks.ts), each rule on both paths from one row of the
 * case table (test/rulebooks/ais-cases.ts): AisCluster refuses the props naming the prop path; the config
 * loader prints the same rule at the key's line:col.
 */
import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AisCluster } from '../../lib/ais/cluster';
import { PROP_WARNING_METADATA } from '../../lib/props/problems';
import { parseConfigText } from '../../lib/from-config/load';
import { formatProblem } from '../../lib/config/errors';
import { AIS_CASES, AIS_PROPS, AIS_YAML } from '../rulebooks/ais-cases';
import { expectLibrary, expectYaml } from '../rulebooks/cases';
import { configProblems } from '../support/config-problems';

const warnings = (text: string) => parseConfigText(text, 'cluster.yaml').warnings.map(formatProblem);

describe('AIS rulebook (standalone): the bases are valid', () => {
  it('the base props build and the base config loads, without warnings', () => {
    expect(new AisCluster(new App(), 'ais', AIS_PROPS).warnings).toEqual([]);
    expect(configProblems(AIS_YAML)).toEqual([]);
    expect(warnings(AIS_YAML)).toEqual([]);
  });
});

describe.each(AIS_CASES)('AIS rulebook (standalone): $rule', (row) => {
  it('library: AisCluster reports it at the prop', () => {
    expectLibrary(row, () => new AisCluster(new App(), 'ais', row.props), 'AisCluster');
  });

  if (row.yaml) {
    it('YAML: the loader reports it at the key\'s line:col', () => {
      expectYaml(row, warnings);
    });
  }
});

describe('AIS rulebook (standalone): warnings', () => {
  it('are recorded on the construct\'s node, and the build goes on', () => {
    const cluster = new AisCluster(new App(), 'ais', { ...AIS_PROPS, images: { aisnode: 'docker.io/aistorage/aisnode:v5.0', init: 'docker.io/aistorage/ais-init:v5.0' } });
    expect(cluster.node.metadata.filter((m) => m.type === PROP_WARNING_METADATA).map((m) => m.data)).toEqual([
      'AisCluster props.images.aisnode: AIS v5.0 is not in the compatibility matrix (ais-k8s docs/COMPATIBILITY.md): check the operator and ais-init versions it needs',
    ]);
  });
});
