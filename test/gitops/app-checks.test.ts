/**
 * The GitOps rulebook (lib/gitops/app-checks.ts), each rule on both paths from one row of the case table
 * (test/rulebooks/gitops-cases.ts): applyGitOps refuses an app whose constructs do not fit together (or whose
 * Applications are wrong), naming each construct and prop; the config loader prints the same rule at line:col.
 */
import { App, Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AisCluster } from '../../lib/ais/cluster';
import { AuristorClient } from '../../lib/auristor/client';
import { KmodDelivery } from '../../lib/auristor/kmod/delivery';
import { applyGitOps } from '../../lib/gitops/apply';
import { ARGO, GITOPS_CASES, GITOPS_YAML } from '../rulebooks/gitops-cases';
import { expectYaml } from '../rulebooks/cases';
import { configProblems } from '../support/config-problems';

const HEADER = 'the app\'s constructs do not fit together:';

function libraryError(build: (app: App) => void, argo = ARGO): string {
  const app = new App();
  build(app);
  try {
    applyGitOps(app, argo);
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

describe('GitOps rulebook: the bases are valid', () => {
  it('the config with both sections and Applications loads; an app of both builds', () => {
    expect(configProblems(GITOPS_YAML)).toEqual([]);
    expect(libraryError((app) => {
      new AisCluster(app, 'ais', { name: 'demo', proxyNodes: ['cpu01'], targetNodes: ['cpu01'], mountpaths: [{ path: '/ais/sda' }] });
      new AuristorClient(new Chart(app, 'auristor'), 'client', {
        delivery: KmodDelivery.STATIC, groups: [{ name: 'compute', nodes: ['cpu01'], kmodVersion: '2021.05-20', csiVersion: '2022.09-1', kernels: ['4.18.0-305.49.1.el8_4.x86_64'] }],
      });
    })).toBe('');
  });
});

describe.each(GITOPS_CASES)('GitOps rulebook: $rule', (row) => {
  it('library: applyGitOps reports it at the construct and prop', () => {
    const message = libraryError(row.props.build, row.props.argo);
    expect(message.split('\n')[0]).toBe(HEADER);
    expect(message.split('\n')).toContain(`  ${row.problem.path}: ${row.problem.message}`);
  });

  if (row.yaml) {
    it('YAML: the loader reports it at the key\'s line:col', () => {
      expectYaml(row, () => []);
    });
  }
});
