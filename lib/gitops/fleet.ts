import * as path from 'node:path';
import { Construct } from 'constructs';
import { MANAGED_BY, MANAGED_BY_LABEL, NAME_LABEL } from '../k8s/app-labels';
import { assertNoProblems } from '../props/problems';
import { ArgoAppProject, ProjectDestination, ProjectResourceKind, ProjectSyncWindow } from './app-project';
import { ArgoApplicationSet } from './application-set';
import type { ArgoApplicationProps } from './argo-application';
import { OutputPart, includeGlob } from './argo-applications';
import {
  DEFAULT_ARGOCD_NAMESPACE, DEFAULT_ARGOCD_PROJECT, DEFAULT_FLEET_DESTINATION, DEFAULT_FLEET_PATH, DEFAULT_PRUNE, DEFAULT_SELF_HEAL,
  DEFAULT_TARGET_REVISION, DEFAULT_WAVE_MAX_UPDATE,
} from './defaults';
import { argoFleetProblems } from './fleet-checks';
import { applicationSetName, descriptorFile, FLEET_PRODUCTS, fleetApplicationName, siteFolder } from './fleet-names';
import type { ArgoFleetProps, FleetSite } from './fleet-props';

/** Label of a fleet Application: its site. */
export const SITE_LABEL = 'cdk8s-storage.io/site';
/** Label of a fleet Application: its site's region. */
export const REGION_LABEL = 'cdk8s-storage.io/region';
/** Label of a fleet Application: its rollout wave, which the RollingSync steps select (argo-cd progressive_sync.go buildAppDependencyList). */
export const WAVE_LABEL = 'cdk8s-storage.io/rollout-wave';
/** Label of a fleet Application: the part of the site's output it syncs. */
export const PRODUCT_LABEL = 'cdk8s-storage.io/product';

/** What a site's built output holds, for the fleet's ApplicationSets and AppProject. */
export interface FleetSiteOutput {
  /** the site's name (one of the fleet's sites) */
  readonly site: string;
  /** the namespace of the release (the destination namespace of its Applications) */
  readonly namespace: string;
  /** the synced files of each part (product) of the output */
  readonly parts: readonly OutputPart[];
  /** the kinds the output deploys, and whether each is namespaced */
  readonly kinds: ReadonlyArray<ProjectResourceKind & { readonly namespaced: boolean }>;
  /** every namespace the output's objects live in */
  readonly namespaces: readonly string[];
}

/** Props of an {@link ArgoFleet}: the fleet and what each site's output holds. */
export interface ArgoFleetConstructProps extends ArgoFleetProps {
  /** one per site that has an output, in any order */
  readonly outputs: readonly FleetSiteOutput[];
}

const stringKeys = (value: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, v && typeof v === 'object' ? stringKeys(v as Record<string, unknown>) : v]));

/**
 * A fleet delivered by Argo CD: one ApplicationSet per product (`<fleet>-ais`, `<fleet>-auristor`) over the
 * sites' descriptor files (a Git files generator; a descriptor per site and product, {@link descriptors}), with
 * the storage-safe settings of {@link ArgoApplicationSet}, a RollingSync step per wave when the fleet has a
 * rollout, and optionally the fleet's own AppProject (least privilege, sync windows). Checks its props with the
 * fleet rules of the GitOps rulebook (lib/gitops/fleet-checks.ts).
 */
export class ArgoFleet extends Construct {
  public readonly applicationSets: readonly ArgoApplicationSet[];
  public readonly project?: ArgoAppProject;
  private readonly props: ArgoFleetConstructProps;

  constructor(scope: Construct, id: string, props: ArgoFleetConstructProps) {
    super(scope, id);
    assertNoProblems('ArgoFleet', argoFleetProblems(props), this);
    this.props = props;
    const labels = { [NAME_LABEL]: props.name, [MANAGED_BY_LABEL]: MANAGED_BY };
    const namespace = props.namespace ?? DEFAULT_ARGOCD_NAMESPACE;
    const project = props.project ?? DEFAULT_ARGOCD_PROJECT;
    const root = props.path ?? DEFAULT_FLEET_PATH;
    const rollout = !!props.waves?.length;
    const destinationKey = (props.destination ?? DEFAULT_FLEET_DESTINATION) === 'server' ? 'server' : 'name';
    this.applicationSets = this.products().map((product) => {
      const template: Omit<ArgoApplicationProps, 'namespace'> = {
        name: '{{.application}}',
        labels: {
          ...labels, [SITE_LABEL]: '{{.site}}', [REGION_LABEL]: '{{.region}}', ...(rollout ? { [WAVE_LABEL]: '{{.wave}}' } : {}), [PRODUCT_LABEL]: product,
        },
        project,
        repoURL: props.repoURL,
        targetRevision: props.targetRevision ?? DEFAULT_TARGET_REVISION,
        path: '{{.path}}',
        include: '{{.include}}',
        ...(destinationKey === 'server' ? { destinationServer: '{{.destination.server}}' } : { destinationName: '{{.destination.name}}' }),
        destinationNamespace: '{{.destination.namespace}}',
        // RollingSync turns automated sync off and syncs each step itself (progressive_sync.go SyncDesiredApplications)
        automated: !rollout && (props.automated ?? false),
        prune: props.prune ?? DEFAULT_PRUNE,
        selfHeal: props.selfHeal ?? DEFAULT_SELF_HEAL,
      };
      return new ArgoApplicationSet(this, `ApplicationSet-${product}`, {
        name: applicationSetName(props.name, product),
        namespace,
        labels,
        repoURL: props.repoURL,
        revision: props.targetRevision ?? DEFAULT_TARGET_REVISION,
        files: [path.posix.join(root, 'sites', '*', descriptorFile(product))],
        template,
        steps: props.waves?.map((wave) => ({ label: WAVE_LABEL, value: wave.name, maxUpdate: wave.maxUpdate ?? DEFAULT_WAVE_MAX_UPDATE })),
      });
    });
    if (props.createProject) this.project = new ArgoAppProject(this, 'Project', this.projectProps(project, namespace, labels));
  }

  /** The products some site delivers, in {@link FLEET_PRODUCTS} order. */
  public products(): string[] {
    return FLEET_PRODUCTS.filter((product) => this.props.outputs.some((o) => o.parts.some((p) => p.id === product)));
  }

  /**
   * A site's descriptor files (relative to its folder, `argocd/<product>.json`) → JSON text: the values of the
   * ApplicationSet template's placeholders, strings only, every key in every descriptor of a product (so
   * `missingkey=error` can never fire), sorted keys.
   */
  public descriptors(siteName: string): Map<string, string> {
    const output = this.props.outputs.find((o) => o.site === siteName);
    if (!output) throw new Error(`ArgoFleet: no site ${siteName} with an output`);
    return siteDescriptors(this.props, siteName, output);
  }

  private projectProps(name: string, namespace: string, labels: Record<string, string>) {
    const props = this.props;
    const byServer = (props.destination ?? DEFAULT_FLEET_DESTINATION) === 'server';
    const destinations: ProjectDestination[] = [];
    const cluster = new Map<string, ProjectResourceKind>();
    const namespaced = new Map<string, ProjectResourceKind>();
    for (const site of props.sites) {
      const output = props.outputs.find((o) => o.site === site.name);
      if (!output) continue;
      for (const ns of [...new Set([output.namespace, ...output.namespaces])].sort()) {
        destinations.push(byServer ? { server: clusterOf(site), namespace: ns } : { name: clusterOf(site), namespace: ns });
      }
      for (const kind of output.kinds) (kind.namespaced ? namespaced : cluster).set(`${kind.group}/${kind.kind}`, { group: kind.group, kind: kind.kind });
    }
    const sorted = (map: Map<string, ProjectResourceKind>) => [...map].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, k]) => k);
    const windows: ProjectSyncWindow[] = [
      ...(props.syncWindows ?? []).map((w) => ({ ...w, applications: [`${props.name}-*`] })),
      ...props.sites.flatMap((site) => (site.syncWindows ?? []).map((w) => ({
        ...w, description: w.description ?? `site ${site.name}`,
        applications: (props.outputs.find((o) => o.site === site.name)?.parts ?? []).map((p) => fleetApplicationName(props.name, site.name, p.id)),
      }))),
    ];
    return {
      name, namespace, labels, description: `fleet ${props.name} (cdk8s-storage)`,
      sourceRepos: [props.repoURL], destinations, clusterResourceWhitelist: sorted(cluster), namespaceResourceWhitelist: sorted(namespaced), syncWindows: windows,
    };
  }
}

/** The cluster a site's Applications deploy to. */
export function clusterOf(site: FleetSite): string {
  return site.cluster ?? site.name;
}

/**
 * A site's descriptor files (relative to the folder holding its output, `../argocd/<product>.json` beside `dist/`)
 * → JSON text: the values of the ApplicationSet template's placeholders, strings only, every key in every
 * descriptor of a product (so `missingkey=error` can never fire), sorted keys. Needs only this site's output.
 */
export function siteDescriptors(props: ArgoFleetProps, siteName: string, output: FleetSiteOutput): Map<string, string> {
  const site = props.sites.find((s) => s.name === siteName);
  if (!site) throw new Error(`ArgoFleet: no site ${siteName}`);
  const destinationKey = (props.destination ?? DEFAULT_FLEET_DESTINATION) === 'server' ? 'server' : 'name';
  const files = new Map<string, string>();
  for (const part of output.parts) {
    const descriptor = stringKeys({
      application: fleetApplicationName(props.name, site.name, part.id),
      destination: { [destinationKey]: clusterOf(site), namespace: output.namespace },
      include: includeGlob(part.files),
      path: path.posix.join(props.path ?? DEFAULT_FLEET_PATH, siteFolder(site.name), 'dist'),
      region: site.region ?? '',
      site: site.name,
      ...(props.waves?.length ? { wave: site.wave ?? '' } : {}),
    });
    files.set(`../${descriptorFile(part.id)}`, `${JSON.stringify(descriptor, null, 2)}\n`);
  }
  return files;
}
