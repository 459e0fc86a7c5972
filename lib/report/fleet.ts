import { ALL_PODS_UPDATED, ROLLOUT_HEALTH_ANNOTATION } from '../argo/health-gates';
import { PROGRESSIVE_SYNCS_PARAM, healthKey } from '../argo/health-settings';
import { clusterOf } from '../gitops/fleet';
import { applicationSetName } from '../gitops/fleet-names';
import type { ArgoFleetProps } from '../gitops/fleet-props';
import type { ChangeReview } from '../review/change-review';
import { code, formatBytes, table } from './markdown';

/** What FLEET.md says of one site: small facts kept after the site's app is dropped (a fleet is built one site at a time). */
export interface SiteSummary {
  readonly site: string;
  /** `standalone` or `operator`; undefined without AIS */
  readonly aisMode?: 'standalone' | 'operator';
  /** the aisnode image */
  readonly aisImage?: string;
  /** the AIS operator version the site declares (operator mode) */
  readonly operatorVersion?: string;
  /** distinct AIS and AuriStorFS nodes */
  readonly nodes: number;
  readonly targets: number;
  /** raw capacity in bytes (sum of mountpath sizes × targets), undefined when a size is not given */
  readonly rawCapacity?: number;
  /** AuriStorFS delivery and number of node groups */
  readonly auristor?: { readonly delivery: string; readonly groups: number };
  /** objects in the site's output */
  readonly objects: number;
  /** the health scripts (`group/Kind`) the site's output needs */
  readonly healthKinds: readonly string[];
  /** the aisnode image of the previous output, when it differs */
  readonly previousAisImage?: string;
}

/** The heading of FLEET.md's section with each site's last change (kept for a site whose output is unchanged). */
export const LAST_CHANGE_HEADING = '## Last change';

/** One line for the change a synth made to a site (or undefined when nothing changed: the previous line stays). */
export function describeSiteChange(review: ChangeReview | undefined, objects: number): string | undefined {
  if (review === undefined) return `first output (${objects} objects)`;
  if (review.changes.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const change of review.changes) counts.set(change.verdict, (counts.get(change.verdict) ?? 0) + 1);
  const findings = review.findings.filter((f) => f.severity !== 'note').map((f) => `${f.severity === 'dangerous' ? 'DANGEROUS' : 'NEEDS RECREATE'} ${f.rule}`);
  return [[...counts].map(([verdict, n]) => `${n} ${verdict}`).join(', '), ...new Set(findings)].join('; ');
}

/** The last-change lines of a previous FLEET.md, by site. */
export function previousSiteChanges(fleetMd: string | undefined): Map<string, string> {
  const changes = new Map<string, string>();
  const at = fleetMd?.indexOf(`\n${LAST_CHANGE_HEADING}\n`) ?? -1;
  if (at < 0) return changes;
  for (const line of fleetMd!.slice(at).split('\n').slice(2)) {
    if (line.startsWith('## ')) break;
    const match = /^- `([^`]+)`: (.*)$/.exec(line);
    if (match) changes.set(match[1], match[2]);
  }
  return changes;
}

/** `v4.9` → 4.9 as [major, minor]; undefined for a tag that is no version. */
function aisVersion(image: string | undefined): [number, number] | undefined {
  const tag = image?.split('@')[0].split(':').pop();
  const match = tag && /^v?(\d+)\.(\d+)/.exec(tag);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/**
 * Whether a site still needs the AIS 5.0 bridge: a 4.x cluster must pass through 5.0 before 5.1 and later
 * (aistore v1.5.0 docs/relnotes/5.0.md, "mandatory bridge"; no downgrades).
 */
export function upgradeBridge(image: string | undefined, previousImage?: string): string {
  const now = aisVersion(image);
  const before = aisVersion(previousImage);
  if (before && before[0] === 4 && now && (now[0] > 5 || (now[0] === 5 && now[1] >= 1))) return 'skips the 5.0 bridge: go to 5.0 first';
  if (now && now[0] === 4) return 'needs 5.0 before 5.1+';
  return '—';
}

/**
 * FLEET.md: every site of the fleet file, in its order, with what it runs and its last change; the rollout
 * plan; and the Argo CD settings the fleet relies on. Deterministic: the same fleet and the same previous
 * FLEET.md give the same text.
 */
export function fleetReport(fleet: ArgoFleetProps, summaries: readonly SiteSummary[], changes: ReadonlyMap<string, string>, products: readonly string[],
  source: string): string {
  const bySite = new Map(summaries.map((s) => [s.site, s]));
  const waves = fleet.waves ?? [];
  const rows = fleet.sites.map((site) => {
    const s = bySite.get(site.name);
    return [
      code(site.name), site.region ?? '', site.wave ?? '', code(clusterOf(site)),
      s?.aisMode ?? '—', s?.aisImage ? code(s.aisImage.split('/').pop()!) : '—',
      s?.aisMode === 'operator' ? s.operatorVersion ?? 'not declared' : '—',
      String(s?.nodes ?? 0), String(s?.targets ?? 0),
      s?.aisMode ? (s.rawCapacity !== undefined ? formatBytes(s.rawCapacity) : 'sizes not given') : '—',
      s?.auristor ? `${s.auristor.delivery}, ${s.auristor.groups} group${s.auristor.groups === 1 ? '' : 's'}` : '—',
      s?.aisImage ? upgradeBridge(s.aisImage, s.previousAisImage) : '—',
    ];
  });
  const healthKinds = [...new Set(summaries.flatMap((s) => s.healthKinds))];
  const lines = [
    `# Fleet ${fleet.name}`,
    '',
    `Generated by cdk8s-storage from ${code(source)}: ${fleet.sites.length} sites, each rendered into ${code('sites/<site>/dist/')} `
      + `(its PLAN.md beside it), delivered by the ApplicationSets ${products.map((p) => code(applicationSetName(fleet.name, p))).join(' and ')} in ${code('argocd/')}. `
      + 'See docs/fleet.md.',
    '',
    '## Sites',
    '',
    table(['site', 'region', 'wave', 'cluster', 'AIS', 'aisnode', 'operator', 'nodes', 'targets', 'raw capacity', 'AuriStorFS', 'upgrade bridge'], rows),
    '',
    LAST_CHANGE_HEADING,
    '',
    'What the last synth changed in each site\'s output (kept while it stays the same). Whether Argo CD has synced it is only known there: '
      + `${code(`argocd app list -l cdk8s-storage.io/site=<site>`)}.`,
    '',
    ...fleet.sites.map((site) => `- ${code(site.name)}: ${changes.get(site.name) ?? 'no output yet'}`),
    '',
    '## Rollout',
    '',
    ...(waves.length === 0
      ? ['No rollout: each site\'s Applications sync on their own (' + (fleet.automated ? 'automated' : 'manual sync') + ').']
      : [
        'Argo CD RollingSync, one step per wave: the next wave starts when every Application of this one is Synced and Healthy. '
          + `An OnDelete target StatefulSet (${code(`${ROLLOUT_HEALTH_ANNOTATION}: ${ALL_PODS_UPDATED}`)}) is Healthy only once every pod runs the new revision: `
          + 'a change to the targets stops the rollout at the first site until its targets are restarted one by one (PLAN.md, "Change runbook").',
        '',
        table(['wave', 'sites', 'at once'], waves.map((wave) => [code(wave.name),
          fleet.sites.filter((s) => s.wave === wave.name).map((s) => code(s.name)).join(', ') || '—', String(wave.maxUpdate ?? 1)])),
      ]),
    ...windowLines(fleet),
    '',
    '## Argo CD checklist',
    '',
    ...checklist(fleet, healthKinds),
  ];
  return `${lines.join('\n')}\n`;
}

function windowLines(fleet: ArgoFleetProps): string[] {
  const windows = [
    ...(fleet.syncWindows ?? []).map((w) => ['every site', w] as const),
    ...fleet.sites.flatMap((site) => (site.syncWindows ?? []).map((w) => [site.name, w] as const)),
  ];
  if (windows.length === 0) return [];
  return ['', 'Sync windows (AppProject):', '', table(['applies to', 'kind', 'schedule', 'duration', 'time zone'],
    windows.map(([who, w]) => [who, w.kind, code(w.schedule), w.duration, w.timeZone ?? 'UTC']))];
}

function checklist(fleet: ArgoFleetProps, healthKinds: readonly string[]): string[] {
  const ns = fleet.namespace ?? 'argocd';
  const items: string[] = [];
  if (healthKinds.length > 0) {
    items.push(`Health checks: ${code(`kubectl apply --server-side --field-manager=cdk8s-storage -f argocd-settings/argocd-cm-health.yaml`)} `
      + `(or the same keys from ${code('argocd-settings/argocd-helm-values.yaml')}): ${healthKinds.map((k) => code(healthKey(k))).join(', ')}. `
      + `Check: ${code(`kubectl -n ${ns} get cm argocd-cm -o jsonpath='{.data.resource\\.customizations\\.health\\.${healthKey(healthKinds[0]).split('.').slice(3).join('\\.')}}'`)}. `
      + 'Without them Argo CD calls an OnDelete StatefulSet Healthy before its pods restart.');
  }
  if (fleet.waves?.length) {
    items.push(`Progressive syncs (beta since Argo CD 3.3): ${code(`${PROGRESSIVE_SYNCS_PARAM}: "true"`)} in argocd-cmd-params-cm `
      + `(${code('argocd-settings/argocd-cmd-params-cm.yaml')}), then ${code(`kubectl -n ${ns} rollout restart deploy/argocd-applicationset-controller`)}. `
      + 'Without it the rollout strategy is ignored and the Applications stay OutOfSync until someone syncs them.');
  }
  items.push('ApplicationSet policy: the ApplicationSets ask for `applicationsSync: create-update`; Argo CD honours it while the controller runs without '
    + '`--policy` (the default) or with `applicationsetcontroller.enable.policy.override: "true"`.');
  items.push(`Bootstrap: ${code(`kubectl apply -n ${ns} -f argocd/`)} (or an Application syncing ${code('argocd/')}); a Git webhook makes new commits visible at once (the generator polls every 3 minutes).`);
  return items.map((item, i) => `${i + 1}. ${item}`);
}
