/**
 * The AuriStorFS rulebook (lib/auristor/client-checks.ts), each rule on both paths from one row of the case
 * table (test/rulebooks/auristor-cases.ts): AuristorClient refuses the props naming the prop path; the config
 * loader prints the same rule at the key's line:col.
 */
import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AuristorClient } from '../../lib/auristor/client';
import { AuristorClusterResources } from '../../lib/auristor/cluster-resources';
import { AuristorGroupResources } from '../../lib/auristor/group-resources';
import { AURISTOR_CASES, AURISTOR_PROPS, AURISTOR_YAML } from '../rulebooks/auristor-cases';
import { expectLibrary, expectYaml } from '../rulebooks/cases';
import { configProblems } from '../support/config-problems';

describe('AuriStorFS rulebook: the bases are valid', () => {
  it('the base props build and the base config loads', () => {
    new AuristorClient(Testing.chart(), 'client', AURISTOR_PROPS);
    expect(configProblems(AURISTOR_YAML)).toEqual([]);
  });
});

describe.each(AURISTOR_CASES)('AuriStorFS rulebook: $rule', (row) => {
  it('library: AuristorClient reports it at the prop', () => {
    expectLibrary(row, () => new AuristorClient(Testing.chart(), 'client', row.props), 'AuristorClient');
  });

  if (row.yaml) {
    it('YAML: the loader reports it at the key\'s line:col', () => {
      expectYaml(row, () => []);
    });
  }
});

describe('AuriStorFS rulebook: the constructs used on their own (one chart per group, as the generator does)', () => {
  it('AuristorClusterResources runs the whole rulebook', () => {
    expect(() => new AuristorClusterResources(Testing.chart(), 'cluster', { ...AURISTOR_PROPS, clientConfig: { keytabSecret: 'k', keytabHostPath: '/k' } }))
      .toThrow('AuristorClusterResources: invalid props:\n  props.clientConfig.keytabHostPath: keytabs come from keytabSecret or keytabHostPath, not both');
  });

  it('AuristorGroupResources runs its group\'s part', () => {
    expect(() => new AuristorGroupResources(Testing.chart(), 'group', { ...AURISTOR_PROPS, group: { ...AURISTOR_PROPS.groups[0], kernels: [] } }))
      .toThrow('AuristorGroupResources: invalid props:\n  props.group.kernels: at least one kernel (uname -r of the group\'s nodes)');
  });
});
