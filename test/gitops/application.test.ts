import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, App, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../lib/config/errors';
import { parseConfig } from '../../lib/from-config/load';
import type { ClusterConfig } from '../../lib/config/schema';
import { addArgoApplications } from '../../lib/gitops/argo-applications';
import { isBesideOutputChart } from '../../lib/gitops/beside-output';
import { Manifest } from '../../lib/k8s/manifest';
import { EXAMPLES } from '../support/cli';
import { validateAll } from '../support/schema';
import { REFERENCE, withGitops } from '../support/gitops';
import { synthConfig } from '../support/synth';
import { argoApplicationsProps } from '../../lib/from-config/gitops';

const REPO = 'https://git.example.com/storage/gitops.git';

function applications(beside: ReadonlyMap<string, string>): Record<string, Manifest> {
  return Object.fromEntries([...beside].map(([file, text]) => [file, YAML.parse(text) as Manifest]));
}

function configError(text: string): string {
  try {
    parseConfig(text, 'cluster.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('the config was accepted');
}

describe('Argo CD Application, single layout (AIS only)', () => {
  const output = synthConfig(withGitops(REFERENCE, `  argocd:\n    repoURL: ${REPO}\n`));
  const apps = applications(output.beside);

  it('writes one Application named after the release into argocd/ beside the output folder, not into it', () => {
    expect(Object.keys(apps)).toEqual(['../argocd/demo.yaml']);
    expect([...output.files.keys()].every((f) => f.endsWith('.yaml') && !f.includes('argocd'))).toBe(true);
    expect(output.manifests.filter((m) => m.kind === 'Application')).toEqual([]);
  });

  it('syncs the output folder of the repository into the release namespace, manually by default', async () => {
    const app = apps['../argocd/demo.yaml'];
    expect(app).toEqual({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: 'demo',
        namespace: 'argocd',
        labels: { 'app.kubernetes.io/name': 'demo', 'app.kubernetes.io/managed-by': 'cdk8s-storage' },
        annotations: { 'argocd.argoproj.io/sync-wave': '0' },
      },
      spec: {
        project: 'default',
        source: { repoURL: REPO, targetRevision: 'HEAD', path: 'dist' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'ais' },
        syncPolicy: {
          syncOptions: ['PruneLast=true'],
          retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
        },
      },
    });
    expect(await validateAll([app])).toEqual([]);
  });

  it('turns on automated sync, prune and self-heal, another cluster and revision when asked', async () => {
    const { beside } = synthConfig(withGitops(REFERENCE, [
      '  argocd:', `    repoURL: ${REPO}`, '    targetRevision: release-1', '    path: clusters/demo/dist', '    project: storage',
      '    namespace: gitops', '    destination: { name: lab-cluster }', '    automated: true', '    prune: true', '',
    ].join('\n')));
    const app = applications(beside)['../argocd/demo.yaml'];
    expect(app.metadata.namespace).toBe('gitops');
    expect(app.spec.project).toBe('storage');
    expect(app.spec.source).toEqual({ repoURL: REPO, targetRevision: 'release-1', path: 'clusters/demo/dist' });
    expect(app.spec.destination).toEqual({ name: 'lab-cluster', namespace: 'ais' });
    expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(await validateAll([app])).toEqual([]);
  });

  it('puts the Application where applicationsPath says, relative to the output folder', () => {
    const { beside } = synthConfig(withGitops(REFERENCE, `  argocd:\n    repoURL: ${REPO}\n    path: clusters/demo/dist\n    applicationsPath: apps\n`));
    expect([...beside.keys()]).toEqual(['../../../apps/demo.yaml']);
  });
});

describe('app of apps', () => {
  /** The reference config with an Application, as if it also had an `auristor:` section (the layout only asks whether it has one). */
  const config = (layout = ''): ClusterConfig => ({
    ...parseConfig(withGitops(REFERENCE, `  argocd:\n    repoURL: ${REPO}\n${layout}`), 'cluster.yaml'),
    auristor: {} as ClusterConfig['auristor'],
  });

  /** An app shaped like the generator's: charts `ais/config`, `ais/targets` (under the AisCluster), `auristor`, `auristor-group-1`. */
  function fleet(): App {
    const app = new App();
    const ais = new Construct(app, 'ais');
    const charts = [new Chart(ais, 'config'), new Chart(ais, 'targets'), new Chart(app, 'auristor'), new Chart(app, 'auristor-group-1')];
    charts.forEach((chart, i) => new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'ais' } }));
    return app;
  }

  function applicationCharts(app: App): Record<string, Manifest> {
    // not `instanceof`: cdk8s answers it for every Chart subclass with Chart.isChart
    return Object.fromEntries(app.charts.filter(isBesideOutputChart)
      .map((c) => [c.besideOutputFile, c.toJson()[0] as Manifest]));
  }

  it('is the default with both AIS and AuriStorFS: a parent syncs a child per part, each reading only its files', async () => {
    const app = fleet();
    addArgoApplications(app, argoApplicationsProps(config())!);
    const apps = applicationCharts(app);
    expect(Object.keys(apps).sort()).toEqual(['../argocd/demo.yaml', '../argocd/demo/demo-ais.yaml', '../argocd/demo/demo-auristor.yaml']);
    const parent = apps['../argocd/demo.yaml'];
    expect(parent.metadata.name).toBe('demo');
    expect(parent.spec.source).toEqual({ repoURL: REPO, targetRevision: 'HEAD', path: 'argocd/demo' });
    expect(parent.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'argocd' });
    expect(apps['../argocd/demo/demo-ais.yaml'].spec.source).toEqual({
      repoURL: REPO, targetRevision: 'HEAD', path: 'dist', directory: { include: '{ais-config.yaml,ais-targets.yaml}' },
    });
    expect(apps['../argocd/demo/demo-auristor.yaml'].metadata.name).toBe('demo-auristor');
    expect(apps['../argocd/demo/demo-auristor.yaml'].spec.source.directory).toEqual({ include: '{auristor-group-1.yaml,auristor.yaml}' });
    expect(await validateAll(Object.values(apps))).toEqual([]);
  });

  it('no Application syncs the folder that holds its own manifest', () => {
    const app = fleet();
    addArgoApplications(app, argoApplicationsProps(config())!);
    for (const [file, application] of Object.entries(applicationCharts(app))) {
      const folder = path.posix.dirname(path.posix.join('dist', file));
      expect(application.spec.source.path, file).not.toBe(folder);
    }
  });

  it('can be forced to one Application for both parts', () => {
    const app = fleet();
    addArgoApplications(app, argoApplicationsProps(config('    layout: single\n'))!);
    expect(Object.keys(applicationCharts(app))).toEqual(['../argocd/demo.yaml']);
  });
});

describe('AIS and AuriStorFS in one config (the reference plus the phased AuriStorFS example)', () => {
  const phased = fs.readFileSync(path.join(EXAMPLES, 'auristor-phased.yaml'), 'utf8');
  const auristorSection = phased.slice(phased.indexOf('\nauristor:') + 1);
  const output = synthConfig(withGitops(`${REFERENCE.trimEnd()}\n${auristorSection}`, `  argocd:\n    repoURL: ${REPO}\n`));
  const apps = applications(output.beside);

  it('is delivered as app of apps: every output file is synced by exactly one child', async () => {
    expect(Object.keys(apps).sort()).toEqual(['../argocd/demo.yaml', '../argocd/demo/demo-ais.yaml', '../argocd/demo/demo-auristor.yaml']);
    const included = (app: Manifest) => {
      const glob: string = app.spec.source.directory.include;
      return glob.startsWith('{') ? glob.slice(1, -1).split(',') : [glob];
    };
    const ais = included(apps['../argocd/demo/demo-ais.yaml']);
    const auristor = included(apps['../argocd/demo/demo-auristor.yaml']);
    expect([...ais, ...auristor].sort()).toEqual([...output.files.keys()].sort());
    expect(ais.filter((f) => auristor.includes(f))).toEqual([]);
    expect(ais.every((f) => f.startsWith('ais-'))).toBe(true);
    expect(auristor).toEqual(expect.arrayContaining(['auristor.yaml', 'auristor-group-1.yaml', 'auristor-group-2.yaml']));
    expect(await validateAll(Object.values(apps))).toEqual([]);
  });

  it('labels each node once, with the AIS roles and the AuriStorFS group together', () => {
    const nodes = output.manifests.filter((m) => m.kind === 'Node');
    expect(nodes.map((n) => n.metadata.name)).toEqual([...new Set(nodes.map((n) => n.metadata.name))]);
    expect(nodes.find((n) => n.metadata.name === 'cpu03')!.metadata.labels).toEqual({
      'auristor.com/auristorfs-group': 'group-2', 'nvidia.com/ais-proxy': 'demo-ais-electable', 'nvidia.com/ais-target': 'demo-ais',
    });
  });
});

describe('gitops config section', () => {
  const base = `${REFERENCE.trimEnd()}\ngitops:\n  argocd:\n    repoURL: ${REPO}\n`;

  it('refuses an Application folder inside the synced folder: the app would sync itself', () => {
    expect(configError(`${base}    applicationsPath: dist/apps\n`))
      .toContain('gitops.argocd.applicationsPath: the Application manifests (dist/apps) must lie outside the synced folder (dist) and not contain it: an Application that syncs its own manifest manages itself');
    expect(configError(`${base}    path: clusters/demo/dist\n    applicationsPath: clusters\n`)).toContain('must lie outside the synced folder (clusters/demo/dist) and not contain it');
  });

  it('refuses prune without automated sync, absolute or non-normalized paths, and two destinations', () => {
    expect(configError(`${base}    prune: true\n`)).toContain('gitops.argocd.prune: prune applies only to automated sync: set argocd.automated: true or remove prune');
    expect(configError(`${base}    path: /dist\n`)).toContain('gitops.argocd.path: expected a path relative to the repository root (no leading /), got "/dist"');
    expect(configError(`${base}    path: a/../dist\n`)).toContain(`gitops.argocd.path: expected a normalized path (no '.', '..' or '//' parts), got "a/../dist"`);
    expect(configError(`${base}    destination: { server: https://x, name: y }\n`)).toContain('gitops.argocd.destination.name: the destination cluster is argocd.destination.server or argocd.destination.name, not both');
  });

  it('requires the repository URL', () => {
    expect(configError(`${REFERENCE.trimEnd()}\ngitops:\n  argocd: { path: dist }\n`)).toContain('gitops.argocd.repoURL');
  });
});

