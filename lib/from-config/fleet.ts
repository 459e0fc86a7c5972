import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, ConfigProblem } from '../config/errors';
import { mergedLocator, mergeSiteConfig } from '../config/fleet-merge';
import { FleetConfig, fleetConfigSchema } from '../config/fleet-schema';
import {
  ConfigLocator, Located, YamlSource, documentLocator, isMapping, parseYamlSource, readConfigFile, schemaIssueProblems, sortProblems, validateConfigValue,
} from '../config/load';
import type { ClusterConfig } from '../config/schema';
import { defaultSiteFile } from '../gitops/defaults';
import { argoFleetProblems } from '../gitops/fleet-checks';
import type { ArgoFleetProps, FleetSyncWindow } from '../gitops/fleet-props';
import { Adapted, PathMap, configPathOf } from '../props/path-map';
import { formatPath, renderMessage } from '../props/problems';
import { AdaptedConfig, checkConfig } from './check';

/** Whether a parsed YAML value is a fleet config (its top-level `fleet:` key; the cluster schema is strict and has none). */
export function isFleetValue(value: unknown): boolean {
  return isMapping(value) && 'fleet' in value;
}

/** One site of a loaded fleet: its merged config, built into props once, and where it came from. */
export interface LoadedSite {
  readonly name: string;
  readonly config: ClusterConfig;
  readonly adapted: AdaptedConfig;
  /** the files its config came from, relative to the fleet root (`fleet.yaml (defaults) + sites/x/site.yaml`) */
  readonly source: string;
}

/** A valid fleet: the fleet's props, every site, and the warnings (each once, with its sites). */
export interface LoadedFleet {
  readonly fleet: ArgoFleetProps;
  readonly sites: readonly LoadedSite[];
  readonly warnings: readonly ConfigProblem[];
  /** the fleet file as given */
  readonly file: string;
  /** the folder holding it: the fleet root */
  readonly root: string;
}

const windowProps = (w: FleetConfig['fleet']['syncWindows'][number]): FleetSyncWindow => ({
  kind: w.kind, schedule: w.schedule, duration: w.duration, timeZone: w.timeZone, manualSync: w.manualSync, description: w.description,
});

/** Maps the fleet config to {@link ArgoFleetProps} and where each prop comes from. */
export function adaptFleet(config: FleetConfig): Adapted<ArgoFleetProps> {
  const { fleet } = config;
  const argocd = fleet.argocd;
  const at = ['fleet', 'argocd'];
  const props: ArgoFleetProps = {
    name: fleet.name,
    repoURL: argocd.repoURL,
    targetRevision: argocd.targetRevision,
    path: argocd.path,
    namespace: argocd.namespace,
    project: argocd.project,
    createProject: argocd.createProject,
    destination: argocd.destination,
    automated: argocd.automated,
    prune: argocd.prune,
    selfHeal: argocd.selfHeal,
    waves: fleet.rollout?.waves.map((w) => ({ name: w.name, maxUpdate: w.maxUpdate })),
    syncWindows: fleet.syncWindows.map(windowProps),
    sites: config.sites.map((site) => ({
      name: site.name, region: site.region, wave: site.wave, cluster: site.cluster, syncWindows: site.syncWindows.map(windowProps),
    })),
  };
  const paths: PathMap = {
    name: ['fleet', 'name'], repoURL: [...at, 'repoURL'], targetRevision: [...at, 'targetRevision'], path: [...at, 'path'], namespace: [...at, 'namespace'],
    project: [...at, 'project'], createProject: [...at, 'createProject'], destination: [...at, 'destination'], automated: [...at, 'automated'],
    prune: [...at, 'prune'], selfHeal: [...at, 'selfHeal'], waves: ['fleet', 'rollout', 'waves'], syncWindows: ['fleet', 'syncWindows'],
    // a site's cluster defaults to its name
    sites: ([index, field, ...rest]) => ['sites', ...(index === undefined ? [] : [index]),
      ...(field === 'cluster' && config.sites[index as number]?.cluster === undefined ? ['name'] : field === undefined ? [] : [field]), ...rest],
  };
  return { props, paths };
}

/** `fleet.yaml` for messages: the path as given. */
const relativeTo = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/');

/** One problem per place: a problem of the shared defaults that several sites have is one line naming them all. */
function mergeSites(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const byPlace = new Map<string, ConfigProblem>();
  for (const problem of problems) {
    const key = `${problem.file}\0${problem.line}\0${problem.column}\0${problem.path}\0${problem.message}`;
    const seen = byPlace.get(key);
    byPlace.set(key, seen ? { ...seen, sites: [...(seen.sites ?? []), ...(problem.sites ?? [])] } : problem);
  }
  return [...byPlace.values()];
}

/** Reads a site's overlay file, or says at its `file:` key (or its name, for the default file) why not. */
function readOverlay(root: string, shown: (file: string) => string, fleetLocate: ConfigLocator, index: number, file: string, explicit: boolean):
  { source?: YamlSource; problems: ConfigProblem[] } {
  const at = fleetLocate(['sites', index, explicit ? 'file' : 'name']);
  const absolute = path.resolve(root, file);
  if (!fs.existsSync(absolute)) {
    return { problems: [{ ...at, path: formatPath(['sites', index, explicit ? 'file' : 'name']),
      message: `the site's config ${shown(absolute)} does not exist: write it (a partial cluster config), or give the site \`file:\` or \`config:\`` }] };
  }
  try {
    const source = parseYamlSource(readConfigFile(absolute), shown(absolute));
    if (source.value !== null && source.value !== undefined && !isMapping(source.value)) {
      return { problems: [{ file: source.file, ...source.at(source.doc.contents?.range?.[0]), path: '', message: 'expected a mapping: a partial cluster config' }] };
    }
    return { source, problems: [] };
  } catch (error) {
    if (error instanceof ConfigError) return { problems: [...error.problems] };
    throw error;
  }
}

/**
 * Reads and checks a fleet file and every site it names: the fleet schema and the fleet rules (GitOps rulebook),
 * then each site's config (`defaults:` merged with its overlay) exactly as a cluster config (schema, every
 * rulebook), each problem at the line:col of the file and key that supplied the value. Throws `ConfigError`
 * with every problem of every file; a problem of the defaults that several sites share is reported once.
 */
export function loadFleet(file: string): LoadedFleet {
  const root = path.dirname(path.resolve(file));
  const shown = (absolute: string) => {
    const relative = path.relative(process.cwd(), absolute).split(path.sep).join('/');
    return relative.startsWith('..') ? absolute : relative;
  };
  const fleetSource = parseYamlSource(readConfigFile(file), file);
  const fleetLocate = documentLocator(fleetSource);
  const problems: ConfigProblem[] = [];
  const parsed = fleetConfigSchema.safeParse(fleetSource.value);
  if (!parsed.success) throw new ConfigError(sortProblems(schemaIssueProblems(fleetConfigSchema, parsed.error.issues, fleetSource.value, fleetLocate)));
  const config = parsed.data;
  const adapted = adaptFleet(config);
  for (const problem of argoFleetProblems(adapted.props)) {
    const at = configPathOf(adapted.paths, problem.path) ?? [];
    const message = renderMessage(problem.message, (ref) => formatPath(configPathOf(adapted.paths, ref) ?? ref));
    problems.push({ ...fleetLocate(at), path: formatPath(at), message });
  }
  const raw = fleetSource.value as { defaults?: unknown; sites: Array<{ config?: unknown }> };
  const defaults = { value: raw.defaults ?? {}, locate: documentLocator(fleetSource, ['defaults']) };
  const delivery = (value: unknown, locate: ConfigLocator, sites: string[]) => {
    if (isMapping(value) && 'gitops' in value) {
      problems.push({ ...locate([], 'gitops'), path: 'gitops', sites,
        message: 'a fleet delivers its sites with the ApplicationSets of fleet.argocd: remove gitops: here (set Argo CD options under fleet.argocd)' });
    }
  };
  delivery(defaults.value, defaults.locate, []);

  const sites: LoadedSite[] = [];
  const warnings: ConfigProblem[] = [];
  config.sites.forEach((site, index) => {
    let overlay: { value: unknown; locate: ConfigLocator } | undefined;
    let source = 'fleet.yaml (defaults)';
    if (site.config !== undefined) {
      overlay = { value: raw.sites[index].config, locate: documentLocator(fleetSource, ['sites', index, 'config']) };
      source = `${source} + fleet.yaml (sites[${index}].config)`;
    } else {
      const overlayFile = site.file ?? defaultSiteFile(site.name);
      const read = readOverlay(root, shown, fleetLocate, index, overlayFile, site.file !== undefined);
      problems.push(...read.problems.map((p) => ({ ...p, sites: [site.name] })));
      if (!read.source) return;
      overlay = { value: read.source.value ?? {}, locate: documentLocator(read.source) };
      source = `${source} + ${relativeTo(root, path.resolve(root, overlayFile))}`;
    }
    if (site.config !== undefined && overlay) delivery(overlay.value, overlay.locate, [site.name]);
    else if (overlay) delivery(overlay.value, overlay.locate, [site.name]);
    const merged = mergeSiteConfig(defaults.value, overlay?.value);
    if (!isMapping(merged)) return;
    delete merged.gitops;
    const fallback: Located = fleetLocate(['sites', index, 'name']);
    try {
      const checked = validateConfigValue(merged, mergedLocator(defaults, overlay, fallback), checkConfig);
      warnings.push(...checked.warnings.map((w) => ({ ...w, sites: [site.name] })));
      sites.push({ name: site.name, config: checked.config, adapted: checked.result, source });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems.map((p) => ({ ...p, sites: [site.name] })));
    }
  });
  if (problems.length > 0) throw new ConfigError(sortProblems(mergeSites(problems)));
  return { fleet: adapted.props, sites, warnings: sortProblems(mergeSites(warnings)), file, root };
}
