import * as path from 'node:path';
import { GO_DURATION } from '../k8s/duration';
import { dns1123LabelProblem, labelValueProblem } from '../k8s/names';
import { PropProblem, propRef } from '../props/problems';
import type { ArgoFleetProps, FleetSyncWindow } from './fleet-props';
import { FLEET_PRODUCTS, fleetApplicationName } from './fleet-names';

/**
 * The fleet rules of the GitOps rulebook: what one definition for many sites must satisfy before any site is
 * built. {@link ArgoFleet} runs it (library); the fleet loader on the props fleet.yaml builds
 * (lib/from-config/fleet.ts), each problem at its key's line:col.
 */

type Problems = PropProblem[];

/** The longest Application name a label can carry (label-based resource tracking, argo-cd `application.resourceTrackingMethod`). */
const MAX_APPLICATION_NAME = 63;
/** AppProject SyncWindow.Validate (argo-cd pkg/apis/application/v1alpha1/types.go): a description of at most 255 characters. */
const MAX_WINDOW_DESCRIPTION = 255;

/** A folder of the Git repository: relative, '/'-separated, normalized, no trailing '/' ('.' is the root). */
export function repoFolderProblem(folder: string): string | undefined {
  if (folder === '') return 'the fleet root in the Git repository must be a folder, such as . or fleets/storage';
  if (folder.startsWith('/')) return `${folder} must be relative to the repository root (no leading /)`;
  if (folder !== '.' && (folder.endsWith('/') || path.posix.normalize(folder) !== folder)) return `${folder} must be a normalized folder (no trailing /, no '.', '..' or '//' parts)`;
  if (folder.split('/').includes('..')) return `${folder} must lie inside the repository (no '..')`;
  return undefined;
}

const CRON_FIELDS: ReadonlyArray<{ name: string; min: number; max: number; names?: readonly string[] }> = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 6, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

/**
 * A five-field cron schedule as Argo CD parses a sync window's (argo-cd pkg/apis/application/v1alpha1/types.go
 * SyncWindow.Validate: robfig/cron with Minute | Hour | Dom | Month | Dow, no descriptors such as @daily).
 */
export function cronProblem(schedule: string): string | undefined {
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) return `schedule ${JSON.stringify(schedule)} has ${fields.length} fields; expected five: minute hour day-of-month month day-of-week`;
  for (const [index, field] of fields.entries()) {
    const spec = CRON_FIELDS[index];
    const value = (text: string) => {
      const named = spec.names?.indexOf(text.toLowerCase()) ?? -1;
      if (named >= 0) return named + spec.min;
      return /^\d+$/.test(text) ? Number(text) : NaN;
    };
    for (const part of field.split(',')) {
      const [range, step] = part.split('/');
      const ok = (range === '*' || (range === '?' && index >= 2))
        || (() => {
          const [from, to] = range.split('-');
          const a = value(from);
          const b = to === undefined ? a : value(to);
          return range.split('-').length <= 2 && a >= spec.min && b <= spec.max && a <= b;
        })();
      if (!ok || (step !== undefined && !/^[1-9]\d*$/.test(step))) {
        return `schedule ${JSON.stringify(schedule)}: ${spec.name} field ${JSON.stringify(field)} is not valid (${spec.min}-${spec.max}, *, lists, ranges, steps)`;
      }
    }
  }
  return undefined;
}

/** Time zones Argo CD can load; an unknown one is replaced by UTC with only a log line (SyncWindow.Validate), so it is refused here. */
function timeZoneProblem(zone: string): string | undefined {
  const zones = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', 'Etc/UTC']);
  return zones.has(zone) ? undefined : `time zone ${JSON.stringify(zone)} is not an IANA time zone (Argo CD would silently use UTC), e.g. Europe/Berlin`;
}

function windowProblems(window: FleetSyncWindow, at: PropertyKey[], problems: Problems): void {
  const schedule = cronProblem(window.schedule);
  if (schedule) problems.push({ path: [...at, 'schedule'], message: schedule });
  if (!GO_DURATION.test(window.duration)) problems.push({ path: [...at, 'duration'], message: `duration ${JSON.stringify(window.duration)} is not a Go duration such as 6h or 90m` });
  const zone = window.timeZone === undefined ? undefined : timeZoneProblem(window.timeZone);
  if (zone) problems.push({ path: [...at, 'timeZone'], message: zone });
  if ((window.description?.length ?? 0) > MAX_WINDOW_DESCRIPTION) {
    problems.push({ path: [...at, 'description'], message: `a sync window's description is at most ${MAX_WINDOW_DESCRIPTION} characters` });
  }
}

/** `maxUpdate` of a RollingSync step: an integer ≥ 0 or a percentage 0–100% (the CRD's int-or-string). */
function maxUpdateProblem(value: number | string): string | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? undefined : `maxUpdate ${value} must be a whole number ≥ 0 or a percentage such as 25%`;
  const percent = /^(\d+)%$/.exec(value);
  return percent && Number(percent[1]) <= 100 ? undefined : `maxUpdate ${JSON.stringify(value)} must be a whole number ≥ 0 or a percentage from 0% to 100%`;
}

/** Every problem of a fleet's props, at prop paths (`sites[2].wave`). */
export function argoFleetProblems(props: ArgoFleetProps): PropProblem[] {
  const problems: Problems = [];
  const name = dns1123LabelProblem(props.name, 'fleet name');
  if (name) problems.push({ path: ['name'], message: name });
  const folder = repoFolderProblem(props.path ?? '.');
  if (folder) problems.push({ path: ['path'], message: folder });
  const waves = props.waves;
  if (waves && props.automated) {
    problems.push({ path: ['automated'], message: `a rollout syncs the sites itself, wave by wave (RollingSync turns automated sync off): remove automated or ${propRef('waves')}` });
  }
  if (props.prune && !props.automated) problems.push({ path: ['prune'], message: `prune applies only to automated sync: set ${propRef('automated')}: true or remove prune` });
  const waveNames = new Set<string>();
  waves?.forEach((wave, index) => {
    const label = labelValueProblem(wave.name, 'wave name');
    if (label) problems.push({ path: ['waves', index, 'name'], message: label });
    if (waveNames.has(wave.name)) problems.push({ path: ['waves', index, 'name'], message: `wave ${wave.name} is listed twice` });
    waveNames.add(wave.name);
    const maxUpdate = wave.maxUpdate === undefined ? undefined : maxUpdateProblem(wave.maxUpdate);
    if (maxUpdate) problems.push({ path: ['waves', index, 'maxUpdate'], message: maxUpdate });
  });
  const windows = (props.syncWindows?.length ?? 0) + props.sites.reduce((n, s) => n + (s.syncWindows?.length ?? 0), 0);
  props.syncWindows?.forEach((window, index) => windowProblems(window, ['syncWindows', index], problems));
  if (windows > 0 && !props.createProject) {
    const at = props.syncWindows?.length ? ['syncWindows'] : ['sites', props.sites.findIndex((s) => s.syncWindows?.length), 'syncWindows'];
    problems.push({ path: at, message: `sync windows live on an AppProject: set ${propRef('createProject')}: true (the fleet's own project)` });
  }
  const names = new Map<string, number>();
  const clusters = new Map<string, string>();
  const longest = Math.max(...FLEET_PRODUCTS.map((p) => p.length));
  props.sites.forEach((site, index) => {
    const at = ['sites', index];
    const label = dns1123LabelProblem(site.name, 'site name');
    if (label) problems.push({ path: [...at, 'name'], message: label });
    else {
      const application = fleetApplicationName(props.name, site.name, FLEET_PRODUCTS.find((p) => p.length === longest)!);
      if (application.length > MAX_APPLICATION_NAME) {
        problems.push({ path: [...at, 'name'], message: `Application ${application} is ${application.length} characters; at most ${MAX_APPLICATION_NAME} `
          + '(Argo CD tracks resources by a label holding the name): shorten the site or the fleet name' });
      }
    }
    const twice = names.has(site.name);
    if (twice) problems.push({ path: [...at, 'name'], message: `site ${site.name} is listed twice (also sites[${names.get(site.name)}])` });
    else names.set(site.name, index);
    const cluster = site.cluster ?? site.name;
    const other = clusters.get(cluster);
    if (other !== undefined && !twice) {
      problems.push({ path: [...at, 'cluster'], message: `cluster ${cluster} is also site ${other}'s: two sites in one cluster would emit the same cluster-scoped objects (Nodes, PVs, StorageClasses) from two Applications` });
    } else clusters.set(cluster, site.name);
    if ((props.destination ?? 'name') === 'server' && !/^https?:\/\/\S+$/.test(cluster)) {
      problems.push({ path: [...at, 'cluster'], message: `with ${propRef('destination')}: server, the cluster is an API server URL such as https://10.0.0.1:6443, not ${JSON.stringify(cluster)}` });
    }
    if (site.region !== undefined && site.region !== '') {
      const region = labelValueProblem(site.region, 'region');
      if (region) problems.push({ path: [...at, 'region'], message: region });
    }
    if (waves) {
      if (site.wave === undefined) problems.push({ path: [...at, 'name'], message: `site ${site.name} has no wave: with a rollout every site names one of ${[...waveNames].join(', ')} (an Application no step selects is never synced)` });
      else if (!waveNames.has(site.wave)) problems.push({ path: [...at, 'wave'], message: `wave ${site.wave} is not one of the rollout's waves (${[...waveNames].join(', ')})` });
    } else if (site.wave !== undefined) {
      problems.push({ path: [...at, 'wave'], message: `a wave needs a rollout: list the waves in ${propRef('waves')}, or remove the wave` });
    }
    site.syncWindows?.forEach((window, w) => windowProblems(window, [...at, 'syncWindows', w], problems));
  });
  return problems;
}
