/**
 * The fleet's Argo CD objects as examples/fleet/ emits them (and a fleet without a rollout): the ApplicationSets,
 * the AppProject and the settings validate strictly; every site's generated Application (the template rendered
 * with its descriptor, as the ApplicationSet controller does) is what a single-site output's Application is; and
 * deleting a site, an Application or an ApplicationSet never deletes live storage.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as YAML from 'yaml';
import { Chart, Testing } from 'cdk8s';
import { SYNC_OPTION_RULES } from '../../lib/argo/sync-option-rules';
import { SyncOption } from '../../lib/argo/argo-annotations';
import { ArgoApplication } from '../../lib/gitops/argo-application';
import { RESOURCES_FINALIZER } from '../../lib/gitops/application-set';
import { WAVE_LABEL } from '../../lib/gitops/fleet';
import type { Manifest } from '../../lib/k8s/manifest';
import { EXAMPLES, runCli, tempDir } from '../support/cli';
import { leafKeys, renderTemplate, templateKeys } from '../support/go-template';
import { validateManifestSync } from '../support/schema';

interface Fleet {
  readonly root: string;
  readonly appSets: Manifest[];
  readonly project?: Manifest;
  readonly settings: Manifest[];
  /** site -> product -> descriptor */
  readonly descriptors: Map<string, Map<string, Record<string, unknown>>>;
  /** every object of every site's dist/ */
  readonly siteObjects: Map<string, Manifest[]>;
}

const parse = (file: string) => YAML.parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS() as Manifest).filter(Boolean);

/** Synthesizes a fleet folder (a copy of `source`) and reads back what it wrote. */
export function synthFleet(source: string, edit: (root: string) => void = () => {}): Fleet {
  const root = path.join(tempDir('fleet-'), 'fleet');
  fs.cpSync(source, root, { recursive: true });
  edit(root);
  const result = runCli([path.join(root, 'fleet.yaml'), '--quiet']);
  if (result.code !== 0) throw new Error(result.stderr);
  const argocd = fs.readdirSync(path.join(root, 'argocd')).map((f) => parse(path.join(root, 'argocd', f))).flat();
  const descriptors = new Map<string, Map<string, Record<string, unknown>>>();
  const siteObjects = new Map<string, Manifest[]>();
  for (const site of fs.readdirSync(path.join(root, 'sites'))) {
    const dir = path.join(root, 'sites', site);
    if (!fs.existsSync(path.join(dir, 'argocd'))) continue;
    descriptors.set(site, new Map(fs.readdirSync(path.join(dir, 'argocd')).map((f) => [f.replace('.json', ''), JSON.parse(fs.readFileSync(path.join(dir, 'argocd', f), 'utf8'))])));
    siteObjects.set(site, fs.readdirSync(path.join(dir, 'dist')).filter((f) => f.endsWith('.yaml')).flatMap((f) => parse(path.join(dir, 'dist', f))));
  }
  const settingsDir = path.join(root, 'argocd-settings');
  return {
    root,
    appSets: argocd.filter((m) => m.kind === 'ApplicationSet'),
    project: argocd.find((m) => m.kind === 'AppProject'),
    settings: fs.existsSync(settingsDir) ? fs.readdirSync(settingsDir).filter((f) => f !== 'argocd-helm-values.yaml').flatMap((f) => parse(path.join(settingsDir, f))) : [],
    descriptors,
    siteObjects,
  };
}

/** The Applications an ApplicationSet generates: its template rendered with each descriptor of its product, in its namespace (template.go sets it). */
function generated(appSet: Manifest, fleet: Fleet): Manifest[] {
  const product = appSet.spec.template.metadata.labels['cdk8s-storage.io/product'];
  return [...fleet.descriptors.values()].flatMap((byProduct) => (byProduct.has(product) ? [byProduct.get(product)!] : []))
    .map((descriptor) => {
      const rendered = renderTemplate(appSet.spec.template, descriptor);
      return { apiVersion: appSet.apiVersion, kind: 'Application', metadata: { ...rendered.metadata, namespace: appSet.metadata.namespace }, spec: rendered.spec };
    });
}

/**
 * The finalizers the ApplicationSet controller gives a generated Application: `resources-finalizer` when the
 * template has none and `syncPolicy.preserveResourcesOnDeletion` is not true (argo-cd 37ee009
 * applicationset/utils/utils.go RenderTemplateParams). With it, deleting the Application deletes what it deployed.
 */
function controllerFinalizers(appSet: Manifest, application: Manifest): string[] {
  const own: string[] = (application.metadata as any).finalizers ?? [];
  return own.length === 0 && appSet.spec.syncPolicy?.preserveResourcesOnDeletion !== true ? [RESOURCES_FINALIZER] : own;
}

/** Every way an ApplicationSet could delete live storage; empty for a safe one. */
function storageSafetyProblems(appSet: Manifest, applications: readonly Manifest[]): string[] {
  const problems: string[] = [];
  if (appSet.spec.syncPolicy?.preserveResourcesOnDeletion !== true) problems.push('preserveResourcesOnDeletion is not true');
  if (appSet.spec.syncPolicy?.applicationsSync !== 'create-update') problems.push('applicationsSync is not create-update');
  if (appSet.spec.template.metadata.finalizers?.length) problems.push('the template has finalizers');
  for (const application of applications) {
    if (controllerFinalizers(appSet, application).length) problems.push(`${application.metadata.name} gets ${controllerFinalizers(appSet, application)}`);
    if (application.spec.syncPolicy?.automated?.prune) problems.push(`${application.metadata.name} prunes automatically`);
  }
  if (!(appSet.metadata as any).finalizers?.includes(RESOURCES_FINALIZER)) problems.push('the ApplicationSet has no resources-finalizer (deleting it would let GC delete the Applications)');
  if (appSet.spec.strategy?.deletionOrder) problems.push('deletionOrder deletes Applications');
  if (appSet.spec.strategy?.type === 'RollingSync' && appSet.spec.template.spec.syncPolicy?.automated) problems.push('automated sync with a rollout');
  return problems;
}

describe('examples/fleet: the ApplicationSets', () => {
  let fleet: Fleet;
  beforeAll(() => {
    fleet = synthFleet(path.join(EXAMPLES, 'fleet'));
  });

  it('one per product (AIS, AuriStorFS), an AppProject and the Argo CD settings, all valid against the vendored CRDs and Kubernetes 1.28, strictly', () => {
    expect(fleet.appSets.map((a) => a.metadata.name)).toEqual(['storage-ais', 'storage-auristor']);
    for (const object of [...fleet.appSets, fleet.project!, ...fleet.settings]) expect(validateManifestSync(object), object.kind).toEqual([]);
    expect(fleet.settings.map((m) => `${m.kind} ${m.metadata.name}`).sort()).toEqual(['ConfigMap argocd-cm', 'ConfigMap argocd-cmd-params-cm']);
  });

  it('every generated Application validates strictly and is what ArgoApplication emits for that site', () => {
    for (const appSet of fleet.appSets) {
      for (const application of generated(appSet, fleet)) {
        expect(validateManifestSync(application), application.metadata.name).toEqual([]);
        const descriptor = fleet.descriptors.get(application.metadata.labels!['cdk8s-storage.io/site'])!.get(application.metadata.labels!['cdk8s-storage.io/product'])!;
        const chart = new Chart(Testing.app(), 'x');
        const single = new ArgoApplication(chart, 'a', {
          name: descriptor.application as string, namespace: 'argocd', project: 'storage', repoURL: 'https://git.example.com/storage/gitops.git',
          path: descriptor.path as string, include: descriptor.include as string, destinationName: (descriptor.destination as any).name,
          destinationNamespace: (descriptor.destination as any).namespace, labels: application.metadata.labels,
        }).apiObject.toJson();
        expect(application).toEqual(single);
        // it syncs its site's folder, and exactly the files of its product there
        const dir = path.join(fleet.root, '..', application.spec.source.path.replace(/^examples\//, ''));
        const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'));
        const include = application.spec.source.directory.include.replace(/^\{|\}$/g, '').split(',');
        expect(include.every((f: string) => files.includes(f))).toBe(true);
      }
    }
  });

  it('Go templates with missingkey=error, every key the template reads in every descriptor, the same keys in every descriptor of a product', () => {
    for (const appSet of fleet.appSets) {
      expect(appSet.spec.goTemplate).toBe(true);
      expect(appSet.spec.goTemplateOptions).toContain('missingkey=error');
      const product = appSet.spec.template.metadata.labels['cdk8s-storage.io/product'];
      const descriptors = [...fleet.descriptors.values()].flatMap((m) => (m.has(product) ? [m.get(product)!] : []));
      const keys = templateKeys(appSet.spec.template);
      for (const descriptor of descriptors) {
        expect(leafKeys(descriptor).sort()).toEqual(leafKeys(descriptors[0]).sort());
        for (const key of keys) expect(leafKeys(descriptor), key).toContain(key);
        expect(Object.values(descriptor).flatMap((v) => (typeof v === 'object' ? Object.values(v as object) : [v])).every((v) => typeof v === 'string')).toBe(true);
      }
    }
  });

  it('project, repository and revision are literals (a templated project lets whoever pushes a descriptor pick one: Security.md)', () => {
    for (const appSet of fleet.appSets) {
      const spec = appSet.spec.template.spec;
      for (const value of [spec.project, spec.source.repoURL, spec.source.targetRevision, appSet.spec.generators[0].git.repoURL, appSet.spec.generators[0].git.revision]) {
        expect(value).not.toContain('{{');
      }
    }
  });

  it('deleting a site never deletes live storage: preserve settings on the emitted objects, and each check fails on a mutated ApplicationSet', () => {
    for (const appSet of fleet.appSets) {
      expect(storageSafetyProblems(appSet, generated(appSet, fleet))).toEqual([]);
      const mutations: Array<[string, (a: any) => void]> = [
        ['preserve off', (a) => { a.spec.syncPolicy.preserveResourcesOnDeletion = false; }],
        ['policy sync', (a) => { a.spec.syncPolicy.applicationsSync = 'sync'; }],
        ['template finalizer', (a) => { a.spec.template.metadata.finalizers = [RESOURCES_FINALIZER]; }],
        ['no ApplicationSet finalizer', (a) => { delete a.metadata.finalizers; }],
        ['deletionOrder', (a) => { a.spec.strategy.deletionOrder = 'Reverse'; }],
        ['automated prune', (a) => { a.spec.template.spec.syncPolicy.automated = { prune: true }; }],
      ];
      for (const [name, mutate] of mutations) {
        const mutated = structuredClone(appSet);
        mutate(mutated);
        expect(storageSafetyProblems(mutated, generated(mutated, fleet)), name).not.toEqual([]);
      }
    }
  });

  it('every data-bearing object of every site is never pruned nor deleted with its Application (Prune=false,Delete=false)', () => {
    const retained = SYNC_OPTION_RULES.filter((r) => r.options.includes(SyncOption.DELETE_FALSE));
    let checked = 0;
    for (const [site, objects] of fleet.siteObjects) {
      for (const object of objects.filter((o) => retained.some((r) => r.matches(o)))) {
        checked++;
        const options = object.metadata.annotations?.['argocd.argoproj.io/sync-options'] ?? '';
        expect(options, `${site} ${object.kind} ${object.metadata.name}`).toContain('Prune=false');
        expect(options, `${site} ${object.kind} ${object.metadata.name}`).toContain('Delete=false');
      }
    }
    expect(checked).toBeGreaterThan(50);
    for (const object of [...fleet.appSets, fleet.project!]) expect(object.metadata.annotations?.['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
  });

  it('RollingSync: one step per wave in order, each generated Application selected by exactly one step (progressive_sync.go buildAppDependencyList)', () => {
    for (const appSet of fleet.appSets) {
      const steps = appSet.spec.strategy.rollingSync.steps;
      expect(steps.map((s: any) => s.matchExpressions[0].values[0])).toEqual(['canary', 'main']);
      for (const application of generated(appSet, fleet)) {
        const selected = steps.filter((step: any) => step.matchExpressions.every((e: any) => e.operator === 'In' && e.values.includes(application.metadata.labels![e.key])));
        expect(selected, application.metadata.name).toHaveLength(1);
      }
      expect(appSet.spec.template.spec.syncPolicy.automated).toBeUndefined();
    }
  });

  it('the rollout gate: every OnDelete StatefulSet of a site is annotated, and the argocd-cm partial carries a script for each kind present', () => {
    const sts = [...fleet.siteObjects.values()].flat().filter((m) => m.kind === 'StatefulSet' && m.spec.updateStrategy?.type === 'OnDelete');
    expect(sts.length).toBeGreaterThan(0);
    for (const object of sts) expect(object.metadata.annotations?.['cdk8s-storage.io/rollout-health']).toBe('all-pods-updated');
    const cm = fleet.settings.find((m) => m.metadata.name === 'argocd-cm')!;
    expect(cm.metadata.labels?.['app.kubernetes.io/part-of']).toBe('argocd');
    expect(Object.keys(cm.data).sort()).toEqual([
      'resource.customizations.health.ais.nvidia.com_AIStore', 'resource.customizations.health.apps_StatefulSet', 'resource.customizations.health.kmm.sigs.x-k8s.io_Module']);
    const params = fleet.settings.find((m) => m.metadata.name === 'argocd-cmd-params-cm')!;
    expect(params.data).toEqual({ 'applicationsetcontroller.enable.progressive.syncs': 'true' });
    const values = YAML.parse(fs.readFileSync(path.join(fleet.root, 'argocd-settings', 'argocd-helm-values.yaml'), 'utf8'));
    expect(values.configs.cm).toEqual(cm.data);
    expect(values.configs.params).toEqual(params.data);
  });

  it('the AppProject allows exactly the kinds and namespaces the sites deploy, and carries the site\'s sync window', () => {
    const project = fleet.project!;
    const all = [...fleet.siteObjects.values()].flat();
    const kinds = (namespaced: boolean) => [...new Set(all.filter((m) => (m.metadata.namespace !== undefined) === namespaced)
      .map((m) => `${m.apiVersion.includes('/') ? m.apiVersion.split('/')[0] : ''}/${m.kind}`))].sort();
    expect(project.spec.clusterResourceWhitelist.map((k: any) => `${k.group}/${k.kind}`).sort()).toEqual(kinds(false));
    expect(project.spec.namespaceResourceWhitelist.map((k: any) => `${k.group}/${k.kind}`).sort()).toEqual(kinds(true));
    expect(project.spec.syncWindows).toEqual([{ kind: 'allow', schedule: '0 22 * * 1-5', duration: '6h', applications: ['storage-eu-west-1-ais'],
      manualSync: false, timeZone: 'Europe/Berlin', description: 'site eu-west-1' }]);
  });
});

describe('a fleet without a rollout', () => {
  it('has no strategy and no wave label, and syncs automatically only when asked (never pruning data-bearing objects)', () => {
    const fleet = synthFleet(path.join(EXAMPLES, 'fleet'), (root) => {
      const file = path.join(root, 'fleet.yaml');
      const text = fs.readFileSync(file, 'utf8')
        .replace(/  rollout:\n    waves:\n.*\n.*\n/, '')
        .replace(/    wave: \w+\n/g, '')
        .replace('    createProject: true ', '    automated: true\n    createProject: true ');
      fs.writeFileSync(file, text);
    });
    for (const appSet of fleet.appSets) {
      expect(appSet.spec.strategy).toBeUndefined();
      expect(appSet.spec.template.metadata.labels[WAVE_LABEL]).toBeUndefined();
      expect(appSet.spec.template.spec.syncPolicy.automated).toEqual({ prune: false, selfHeal: true });
      expect(storageSafetyProblems(appSet, generated(appSet, fleet))).toEqual([]);
    }
    expect([...fleet.siteObjects.values()].flat().some((m) => m.metadata.annotations?.['cdk8s-storage.io/rollout-health'])).toBe(false);
    expect(fleet.settings.map((m) => m.metadata.name)).toEqual(['argocd-cm']);
  });
});
