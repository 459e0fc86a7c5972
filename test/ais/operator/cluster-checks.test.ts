/**
 * The AIS operator rulebook (lib/ais/operator/cluster-checks.ts), each rule on both paths from one row of the
 * case table (test/rulebooks/ais-operator-cases.ts): AisOperatorCluster (or AiStoreResource) refuses the props
 * naming the prop path; the config loader prints the same rule at the key's line:col.
 */
import { App, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AiStoreResource } from '../../../lib/ais/operator/aistore';
import { AisOperatorCluster } from '../../../lib/ais/operator/cluster';
import { formatProblem } from '../../../lib/config/errors';
import { parseConfigText } from '../../../lib/from-config/load';
import { AISTORE_CASES, AISTORE_PROPS, OPERATOR_CASES, OPERATOR_PROPS, OPERATOR_YAML } from '../../rulebooks/ais-operator-cases';
import { expectLibrary, expectYaml } from '../../rulebooks/cases';
import { configProblems } from '../../support/config-problems';

const warnings = (text: string) => parseConfigText(text, 'cluster.yaml').warnings.map(formatProblem);

describe('AIS rulebook (operator): the bases are valid', () => {
  it('the base props build and the base config loads, without warnings', () => {
    expect(new AisOperatorCluster(new App(), 'ais', OPERATOR_PROPS).warnings).toEqual([]);
    new AiStoreResource(Testing.chart(), 'aistore', AISTORE_PROPS);
    expect(configProblems(OPERATOR_YAML)).toEqual([]);
    expect(warnings(OPERATOR_YAML)).toEqual([]);
  });
});

describe.each(OPERATOR_CASES)('AIS rulebook (operator): $rule', (row) => {
  it('library: AisOperatorCluster reports it at the prop', () => {
    expectLibrary(row, () => new AisOperatorCluster(new App(), 'ais', row.props), 'AisOperatorCluster');
  });

  if (row.yaml) {
    it('YAML: the loader reports it at the key\'s line:col', () => {
      expectYaml(row, warnings);
    });
  }
});

describe.each(AISTORE_CASES)('AIS rulebook (the AIStore resource alone): $rule', (row) => {
  it('library: AiStoreResource reports it at the prop', () => {
    expectLibrary(row, () => new AiStoreResource(Testing.chart(), 'aistore', row.props), 'AiStoreResource');
  });
});
