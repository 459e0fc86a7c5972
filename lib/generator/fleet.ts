import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Chart } from 'cdk8s';
import * as YAML from 'yaml';
import { AisOperatorCluster } from '../ais/operator/cluster';
import { HEALTH_SCRIPTS, neededHealthScripts } from '../argo/health-settings';
import { ConfigError, ConfigProblem, formatProblem } from '../config/errors';
import { isMapping, parseYamlSource, readConfigFile } from '../config/load';
import { LoadedFleet, LoadedSite, isFleetValue, loadFleet } from '../from-config/fleet';
import { applySyncPolicy } from '../gitops/apply';
import { outputParts } from '../gitops/argo-applications';
import { ArgoFleet, FleetSiteOutput, siteDescriptors } from '../gitops/fleet';
import { siteFolder } from '../gitops/fleet-names';
import type { SynthOutput } from '../gitops/synthesize';
import { Manifest, apiGroup } from '../k8s/manifest';
import { Leftover, findLeftovers } from '../output/leftovers';
import { OutputLock, lockFolder, lockOutput } from '../output/output-lock';
import { OutputDirError, checkOwnership, readOwnedFiles, removeStaleBesideFiles } from '../output/ownership';
import { writeBesideFiles } from '../output/planned-output';
import { StagedDir, commitStagedDirs, discardStaged, stageOutputDir } from '../output/write-dir';
import { toYamlStream } from '../output/yaml';
import { SiteSummary, describeSiteChange, fleetReport, previousSiteChanges } from '../report/fleet';
import { rawCapacityPerNode } from '../report/plan';
import { planSubjects } from '../report/subjects';
import { ChangeReview, formatChangeReview, reviewChanges } from '../review/change-review';
import { formatDiffSummary, unifiedDiff } from '../review/unified-diff';
import { buildApp } from './build';
import { editorSchemaWarnings } from './editor-schema';
import { checkOutput } from './check';
import { CliOptions, UsageError, synthCommand } from './cli-args';
import { Invocation, NPM_RUN_SYNTH } from './invocation';
import { cleanLeftoversReported, leftoverDiffWarning, leftoversCheckLine } from './leftover-report';
import { argocdSettingsFiles, planOutput, reviewPlan } from './plan-output';
import { formatUpgradeRefusal, upgradePathProblems } from './upgrade-step';
import { runbookScriptsOf } from './review-step';

/** The index of what synth wrote at the fleet root: the fleet-level files and the sites whose folders it manages. */
export const FLEET_INDEX = '.cdk8s-storage-fleet';
const FLEET_INDEX_HEADER = '# Files and sites cdk8s-storage wrote for this fleet. Synth replaces or deletes only these.\n';

/** Where the CLI writes (lib/generator/cli.ts). */
export interface FleetIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** how the generator was started, for the commands it prints @default `npm run synth` */
  readonly invocation?: Invocation;
}

/** Whether a config file is a fleet file (a top-level `fleet:` key). A file that cannot be read or parsed is left to the cluster loader's messages. */
export function isFleetFile(file: string): boolean {
  try {
    return isFleetValue(parseYamlSource(readConfigFile(file), file).value);
  } catch (error) {
    if (error instanceof ConfigError) return false;
    throw error;
  }
}

interface FleetIndex {
  readonly files: Set<string>;
  readonly sites: Set<string>;
}

function readFleetIndex(root: string): FleetIndex | undefined {
  const file = path.join(root, FLEET_INDEX);
  if (!fs.existsSync(file)) return undefined;
  const files = new Set<string>();
  const sites = new Set<string>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const [kind, ...rest] = line.split(' ');
    if (kind === 'site') sites.add(rest.join(' '));
    else if (kind === 'file') files.add(rest.join(' '));
  }
  return { files, sites };
}

function fleetIndexText(files: Iterable<string>, sites: Iterable<string>): string {
  return FLEET_INDEX_HEADER + [...[...sites].map((s) => `site ${s}`), ...[...files].sort().map((f) => `file ${f}`)].join('\n') + '\n';
}

/** What the ArgoFleet and FLEET.md need of a built site, taken before its app is dropped. */
function siteOutputFacts(site: string, namespace: string, app: App, output: SynthOutput): FleetSiteOutput {
  const kinds = new Map<string, { group: string; kind: string; namespaced: boolean }>();
  const namespaces = new Set<string>();
  for (const manifest of output.manifests) {
    const group = apiGroup(manifest.apiVersion);
    const ns = manifest.metadata.namespace;
    kinds.set(`${group}/${manifest.kind}`, { group, kind: manifest.kind, namespaced: ns !== undefined });
    if (ns !== undefined) namespaces.add(ns);
  }
  return { site, namespace, parts: outputParts(app), kinds: [...kinds.values()], namespaces: [...namespaces].sort() };
}

function siteSummary(site: LoadedSite, app: App, output: SynthOutput, previousImage: string | undefined): SiteSummary {
  const subjects = planSubjects(app);
  const ais = subjects.ais;
  const groups = subjects.auristor?.groups ?? [];
  const nodes = new Set([...(ais?.proxyNodes ?? []), ...(ais?.targetNodes ?? []), ...groups.flatMap((g) => g.nodes)]);
  const perNode = ais ? rawCapacityPerNode(ais) : undefined;
  const image = ais?.images.aisnode;
  return {
    site: site.name,
    aisMode: ais ? (ais instanceof AisOperatorCluster ? 'operator' : 'standalone') : undefined,
    aisImage: image,
    operatorVersion: site.config.operator?.version,
    nodes: nodes.size,
    targets: ais?.targetNodes.length ?? 0,
    rawCapacity: perNode !== undefined && ais ? perNode * ais.targetNodes.length : undefined,
    auristor: subjects.auristor && { delivery: subjects.auristor.cluster.delivery, groups: groups.length },
    objects: output.manifests.length,
    healthKinds: neededHealthScripts(output.manifests).map((s) => s.groupKind),
    previousAisImage: previousImage !== image ? previousImage : undefined,
  };
}

/**
 * The aisnode image of the previous output in `out` (the targets' container image, or the AIStore's `nodeImage`),
 * read from the text: parsing a site's YAML costs seconds at 100 targets, and the image is all FLEET.md needs of it.
 */
function previousAisnodeImage(out: string): string | undefined {
  if (!fs.existsSync(out)) return undefined;
  for (const name of fs.readdirSync(out).filter((f) => f.endsWith('.yaml')).sort()) {
    const match = /^\s*(?:- )?(?:image|nodeImage): "?([^\s"]*\/aisnode:[^\s"]+)/m.exec(fs.readFileSync(path.join(out, name), 'utf8'));
    if (match) return match[1];
  }
  return undefined;
}

/** One site as the run planned it; its app and synced files are gone once it is staged. */
interface PlannedSite {
  readonly name: string;
  readonly out: string;
  readonly beside: ReadonlyMap<string, string>;
  readonly stale: readonly string[];
  readonly review?: ChangeReview;
  readonly files: number;
  readonly objects: number;
  readonly checkReport?: { upToDate: boolean; report: string };
}

/** The text of a site in messages: `eu-west-1 (canary)`. */
const siteLabel = (fleet: LoadedFleet, name: string) => {
  const wave = fleet.fleet.sites.find((s) => s.name === name)?.wave;
  return wave ? `${name} (${wave})` : name;
};

/** The fleet's own files (ApplicationSets, AppProject, Argo CD settings), relative to the fleet root. */
function fleetFiles(loaded: LoadedFleet, outputs: readonly FleetSiteOutput[], healthKinds: ReadonlySet<string>): { files: Map<string, string>; products: string[]; objects: Manifest[] } {
  const app = new App();
  const chart = new Chart(app, 'argocd');
  const fleet = new ArgoFleet(chart, 'Fleet', { ...loaded.fleet, outputs });
  applySyncPolicy(app);
  const files = new Map<string, string>();
  const objects: Manifest[] = [];
  const add = (name: string, manifest: Manifest) => {
    objects.push(manifest);
    files.set(name, toYamlStream([manifest]));
  };
  if (fleet.project) add(`argocd/${fleet.project.name}-project.yaml`, fleet.project.apiObject.toJson() as Manifest);
  for (const set of fleet.applicationSets) add(`argocd/${set.name}.yaml`, set.apiObject.toJson() as Manifest);
  const scripts = HEALTH_SCRIPTS.filter((s) => healthKinds.has(s.groupKind));
  for (const [name, text] of argocdSettingsFiles(loaded.fleet.namespace ?? 'argocd', scripts, !!loaded.fleet.waves?.length)) files.set(name, text);
  return { files, products: fleet.products(), objects };
}

/** The objects of the fleet's argocd/ files on disk, for the review of what the ApplicationSets change. */
function previousFleetObjects(root: string, names: Iterable<string>): Manifest[] {
  const files = new Map([...names].filter((name) => name.startsWith('argocd/') && fs.existsSync(path.join(root, name)))
    .map((name) => [name, fs.readFileSync(path.join(root, name), 'utf8')]));
  return parseObjects(files);
}

/**
 * `npm run synth -- fleet.yaml`: every site of the fleet in one run, one site at a time (each site's app is
 * dropped before the next is built, so memory holds one site), then the fleet's ApplicationSets, settings and
 * FLEET.md. Nothing is written until every site was built, reviewed and staged; a site with a dangerous change
 * not named in `--allow-dangerous=<site>` or a site that left the fleet file without `--remove-site` stops the
 * whole run with nothing written.
 */
export function runFleet(options: CliOptions, file: string, io: FleetIo): number {
  const loaded = loadFleet(file);
  for (const warning of [...loaded.warnings, ...editorSchemaWarnings(file, true, io.invocation ?? NPM_RUN_SYNTH)]) io.stderr(formatProblem(warning));
  const root = options.outGiven ? path.resolve(options.out) : loaded.root;
  const write = !options.check && !options.diff;
  // a site that left the fleet file is deleted by a write with --remove-site: its folder is locked like the written ones
  const leaving = write ? options.removeSites.filter((site) => !loaded.sites.some((s) => s.name === site)) : [];
  const locks = lockFleet(root, loaded.sites.map((s) => siteOutput(root, s.name)), leaving.map((site) => siteOutput(root, site)), write);
  try {
    return runLockedFleet(options, file, io, loaded, root, locks);
  } finally {
    for (const lock of [...locks].reverse()) lock.release();
  }
}

/** A site's output folder under the fleet root. */
const siteOutput = (root: string, site: string) => path.join(root, siteFolder(site), 'dist');

/**
 * One synth at a time per fleet: a fleet run takes the lock of the fleet root (its FLEET.md, argocd/ and index are
 * shared by the whole fleet, and every site is committed in one swap) and then the lock of each site's folder (the
 * same lock a single-output synth of that folder takes, lib/output/output-lock.ts), so neither another fleet run nor
 * a synth of one site's output can write beside it; with `--remove-site`, also the lock of each removed site's folder
 * (`removed`), whose output the run deletes. Fails fast naming the holder; what it took is released.
 */
function lockFleet(root: string, outs: readonly string[], removed: readonly string[], write: boolean): OutputLock[] {
  const locks: OutputLock[] = [];
  try {
    const rootLock = lockFolder(root, `the fleet in ${shownPath(root)}/`, { create: write });
    if (rootLock) locks.push(rootLock);
    // a removed site's folder is never created: when it is gone there is nothing to delete, nor to lock
    for (const [out, create] of [...outs.map((o) => [o, write] as const), ...removed.map((o) => [o, false] as const)]) {
      const lock = lockOutput(shownPath(out), { create });
      if (lock) locks.push(lock);
    }
    return locks;
  } catch (error) {
    for (const lock of locks.reverse()) lock.release();
    throw error;
  }
}

function runLockedFleet(options: CliOptions, file: string, io: FleetIo, loaded: LoadedFleet, root: string, locks: readonly OutputLock[]): number {
  const invocation = io.invocation ?? NPM_RUN_SYNTH;
  const outs = loaded.sites.map((site) => siteOutput(root, site.name));
  // what a synth killed mid-write left in a site's folder: named by --check and --diff, cleaned by a write
  const leftovers = options.check || options.diff ? outs.flatMap((out) => findLeftovers(out)) : [];
  if (!options.check && !options.diff) for (const out of outs) cleanLeftoversReported(out, shownPath(out), io.stderr);
  if (options.diff) for (const leftover of leftovers) io.stderr(leftoverDiffWarning(leftover));
  const names = new Set(loaded.sites.map((s) => s.name));
  const index = readFleetIndex(root);
  const removed = [...index?.sites ?? []].filter((site) => !names.has(site));
  for (const site of options.removeSites) {
    if (names.has(site)) throw new UsageError(`--remove-site=${site}: site ${site} is still in ${file}; remove it there first`);
    if (!removed.includes(site)) throw new UsageError(`--remove-site=${site}: synth wrote no site ${site} in ${root} (${FLEET_INDEX})`);
  }
  for (const site of options.allowDangerousSites ?? []) {
    if (!names.has(site)) throw new UsageError(`--allow-dangerous=${site}: ${file} has no site ${site}`);
  }
  const rollout = !!loaded.fleet.waves?.length;
  const previousFleetMd = fs.existsSync(path.join(root, 'FLEET.md')) ? fs.readFileSync(path.join(root, 'FLEET.md'), 'utf8') : undefined;
  const changes = previousSiteChanges(previousFleetMd);
  const summaries: SiteSummary[] = [];
  const outputs: FleetSiteOutput[] = [];
  const planned: PlannedSite[] = [];
  const staged: StagedDir[] = [];
  const upgradeProblems: ConfigProblem[] = [];
  const healthKinds = new Set<string>();
  let committed = false;
  try {
    for (const site of loaded.sites) {
      const out = siteOutput(root, site.name);
      const app = buildApp(site.adapted, new App(), { healthGates: rollout });
      let facts: FleetSiteOutput | undefined;
      const plan = planOutput(app, site.config, site.source, (output) => {
        facts = siteOutputFacts(site.name, site.config.namespace, app, output);
        // planOutput keys its extra files relative to the folder holding dist/
        return new Map([...siteDescriptors(loaded.fleet, site.name, facts)].map(([name, text]) => [name.replace(/^\.\.\//, ''), text]));
      });
      const previousImage = previousAisnodeImage(out);
      const review = reviewPlan(out, plan.planned);
      upgradeProblems.push(...upgradePathProblems(review, site.adapted, site.locate).map((p) => ({ ...p, sites: [site.name] })));
      const summary = siteSummary(site, app, plan.output, previousImage);
      summaries.push(summary);
      summary.healthKinds.forEach((k) => healthKinds.add(k));
      outputs.push(facts!);
      const change = describeSiteChange(review, plan.output.manifests.length);
      if (change !== undefined) changes.set(site.name, change);
      const base = { name: site.name, out, beside: plan.planned.beside, review, files: plan.output.files.size, objects: plan.output.manifests.length };
      if (options.check) {
        planned.push({ ...base, stale: [], checkReport: checkOutput(out, plan.planned, `${file} (site ${site.name})`, synthCommand(invocation, options.argv)) });
      } else if (options.diff) {
        planned.push({ ...base, stale: [] });
      } else {
        const { stale } = checkOwnership(out, plan.planned);
        staged.push(stageOutputDir(out, plan.planned.files));
        planned.push({ ...base, stale });
      }
    }
    const fleetLevel = fleetFiles(loaded, outputs, healthKinds);
    const source = path.relative(root, path.resolve(file)).split(path.sep).join('/') || path.basename(file);
    fleetLevel.files.set('FLEET.md', fleetReport(loaded.fleet, summaries, changes, fleetLevel.products, source));
    const staleFleetFiles = [...index?.files ?? []].filter((name) => !fleetLevel.files.has(name));

    if (upgradeProblems.length > 0 && !options.check) {
      io.stderr(formatUpgradeRefusal('the fleet', upgradeProblems, options.diff));
      return 1;
    }
    if (options.check) return checkFleet(root, loaded, planned, fleetLevel.files, staleFleetFiles, removed, leftovers, options, io);

    const dangerous = planned.filter((p) => p.review?.dangerous).map((p) => p.name);
    if (options.allowDangerous) {
      throw new UsageError(`in a fleet, name the sites whose dangerous changes you accept: ${dangerous.length
        ? `--allow-dangerous=${dangerous.join(',')}` : 'no site has a dangerous change; drop --allow-dangerous'}`);
    }
    const refused = dangerous.filter((name) => !(options.allowDangerousSites ?? []).includes(name));
    const unremoved = removed.filter((name) => !options.removeSites.includes(name));
    const fleetReview = reviewChanges(previousFleetObjects(root, index?.files ?? []), fleetLevel.objects);

    if (options.diff) {
      for (const site of planned) {
        io.stdout(`site ${siteLabel(loaded, site.name)}:`);
        io.stdout(site.review ? formatChangeReview(site.review, { runbookScripts: runbookScriptsOf(site.out, false) }) : `no previous output in ${shownPath(site.out)}/: every object would be added`);
      }
      for (const site of removed) io.stdout(siteRemovedFinding(loaded, site));
      io.stdout(`fleet (argocd/): ${formatChangeReview(fleetReview)}`);
      if (refused.length || unremoved.length) io.stdout(`synth would refuse this change without ${refusalFlags(refused, unremoved).join(' ')}`);
      return refused.length || unremoved.length ? 1 : 0;
    }

    checkFleetOwnership(root, fleetLevel.files, index);
    if (refused.length || unremoved.length) {
      for (const site of planned.filter((p) => refused.includes(p.name))) io.stderr(`site ${siteLabel(loaded, site.name)}:\n${formatChangeReview(site.review!, { runbookScripts: runbookScriptsOf(site.out, false) })}`);
      for (const site of unremoved) io.stderr(siteRemovedFinding(loaded, site));
      const reasons = [
        ...(refused.length ? [`dangerous changes in ${refused.join(', ')} (above)`] : []),
        ...(unremoved.length ? [`${unremoved.join(', ')} left ${file} (above)`] : []),
      ];
      io.stderr(`Refusing to write the fleet: ${reasons.join('; ')}. Nothing was written in any site.\n`
        + `Do what each DANGEROUS finding says first (or undo the change), then run \`${synthCommand(invocation, withoutFleetFlags(options.argv), refusalFlags(refused, unremoved))}\`.`);
      return 1;
    }

    // commit: every site's folder in one swap (all or none), then the files beside them and the fleet's own
    for (const lock of locks) lock.assertHeld();
    commitStagedDirs(staged);
    committed = true;
    for (const site of planned) {
      writeBesideFiles(site.out, site.beside);
      removeStaleBesideFiles(site.out, site.stale);
    }
    for (const site of removed) removeSiteOutput(root, site);
    writeBesideFiles(path.join(root, 'dist'), new Map([...fleetLevel.files].map(([name, text]) => [`../${name}`, text])));
    for (const name of staleFleetFiles) fs.rmSync(path.join(root, name), { force: true });
    fs.writeFileSync(path.join(root, FLEET_INDEX), fleetIndexText(fleetLevel.files.keys(), names));
    if (!options.quiet) {
      for (const site of planned) {
        io.stdout(`${siteLabel(loaded, site.name)}: ${site.objects} objects in ${shownPath(site.out)}/; ${changes.get(site.name)}`);
        for (const finding of site.review?.findings ?? []) io.stdout(`  ${finding.severity === 'dangerous' ? 'DANGEROUS' : finding.severity === 'recreate' ? 'NEEDS RECREATE' : 'Note'}: ${finding.title}`);
        for (const note of site.review?.kmodNotes ?? []) io.stdout(`  ${note}`);
      }
      for (const site of removed) io.stdout(`removed the output of site ${site} (nothing in its cluster was deleted; see FLEET.md and docs/fleet.md)`);
      io.stdout(`fleet: ${[...fleetLevel.files.keys()].join(', ')}${staleFleetFiles.length ? `; removed ${staleFleetFiles.join(', ')}` : ''}`);
      if (fleetReview.changes.length) io.stdout(`fleet (argocd/): ${formatChangeReview(fleetReview)}`);
      const accepted = planned.filter((p) => p.review?.dangerous);
      if (accepted.length) io.stdout(`written with --allow-dangerous=${accepted.map((p) => p.name).join(',')}: do what the DANGEROUS findings say before Argo CD syncs those sites`);
    }
    return 0;
  } finally {
    if (!committed) discardStaged(staged);
  }
}

function parseObjects(files: ReadonlyMap<string, string>): Manifest[] {
  return [...files].filter(([name]) => name.endsWith('.yaml')).flatMap(([, text]) => YAML.parseAllDocuments(text).map((d) => d.toJS()).filter((o) => isMapping(o) && o.kind));
}

/** The flags that accept what a run refused. */
function refusalFlags(dangerous: readonly string[], removed: readonly string[]): string[] {
  return [...(dangerous.length ? [`--allow-dangerous=${dangerous.join(',')}`] : []), ...removed.map((s) => `--remove-site=${s}`)];
}

/** The command line without the fleet acceptance flags (the refusal prints the complete ones). */
function withoutFleetFlags(argv: readonly string[]): string[] {
  const result: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--allow-dangerous') || argv[i].startsWith('--remove-site=')) continue;
    if (argv[i] === '--remove-site') {
      i++;
      continue;
    }
    result.push(argv[i]);
  }
  return result;
}

/** What removing a site from the fleet file does, and what it does not. */
function siteRemovedFinding(loaded: LoadedFleet, site: string): string {
  const name = loaded.fleet.name;
  return [
    `site ${site}: removed from the fleet file [site-removed]`,
    `  What happens: synth deletes sites/${site}/dist/ and the files it wrote beside it (its descriptors, PLAN.md, scripts), never sites/${site}/site.yaml. `
      + 'The ApplicationSets then no longer generate its Applications; with applicationsSync: create-update they stay, pointing at a folder that no '
      + 'longer exists, so they sync nothing and prune nothing. They carry no resources-finalizer (preserveResourcesOnDeletion), so even deleting '
      + 'them deletes nothing in the cluster: the storage keeps running, unmanaged',
    `  Do first: to stop managing the site, delete its Applications (kubectl -n ${loaded.fleet.namespace ?? 'argocd'} delete application -l cdk8s-storage.io/site=${site}: `
      + `no cascade); to decommission it, follow the release-removed runbook of docs/gitops.md; then run synth again with --remove-site=${site} (fleet ${name})`,
  ].join('\n');
}

/** Deletes what synth wrote for a site that left the fleet: its output folder and the files its index lists beside it. */
function removeSiteOutput(root: string, site: string): void {
  const out = path.join(root, siteFolder(site), 'dist');
  const owned = readOwnedFiles(out);
  if (!owned) return;
  removeStaleBesideFiles(out, [...owned].filter((name) => name.startsWith('../') && fs.existsSync(path.resolve(out, name))));
  for (const name of owned) if (!name.startsWith('../')) fs.rmSync(path.join(out, name), { force: true });
  fs.rmSync(path.join(out, '.cdk8s-storage-files'), { force: true });
  if (fs.existsSync(out) && fs.readdirSync(out).length === 0) fs.rmdirSync(out);
}

/** Refuses fleet-level files synth did not write (not in the fleet index). */
function checkFleetOwnership(root: string, files: ReadonlyMap<string, string>, index: FleetIndex | undefined): void {
  const foreign = [...files.keys()].filter((name) => fs.existsSync(path.join(root, name)) && !(index?.files.has(name))
    && fs.readFileSync(path.join(root, name), 'utf8') !== files.get(name));
  if (foreign.length) {
    throw new OutputDirError([`refusing to write the fleet in ${root}: synth replaces only files it wrote (listed in ${FLEET_INDEX}), and these are not:`,
      ...foreign.map((name) => `  ${path.join(root, name)}`), 'Move them away, or point --out at a fleet root of its own.'].join('\n'));
  }
}

/** `--check` over the whole fleet: every site and the fleet's own files, one report. */
function checkFleet(root: string, loaded: LoadedFleet, planned: readonly PlannedSite[], files: ReadonlyMap<string, string>, stale: readonly string[],
  removed: readonly string[], leftovers: readonly Leftover[], options: CliOptions, io: FleetIo): number {
  const outdated = planned.filter((p) => !p.checkReport!.upToDate);
  const current = new Map([...files.keys(), ...stale].filter((name) => fs.existsSync(path.join(root, name))).map((name) => [name, fs.readFileSync(path.join(root, name), 'utf8')]));
  const diffs = unifiedDiff(current, files, { labels: ['committed/', 'generated/'] });
  for (const site of outdated) io.stderr(`site ${siteLabel(loaded, site.name)}:\n${site.checkReport!.report}`);
  if (diffs.length) io.stderr(`fleet files of ${root}:\n${formatDiffSummary(diffs)}`);
  for (const site of removed) io.stderr(siteRemovedFinding(loaded, site));
  if (leftovers.length) io.stderr(leftoversCheckLine(leftovers));
  const upToDate = planned.length - outdated.length;
  if (outdated.length === 0 && diffs.length === 0 && removed.length === 0 && leftovers.length === 0) {
    io.stdout(`${planned.length} sites up to date with ${options.config} (${planned.map((p) => p.name).join(', ')}), and the fleet's files (${files.size}).`);
    return 0;
  }
  io.stderr(`The fleet is out of date: ${[...(outdated.length ? [`sites ${outdated.map((p) => p.name).join(', ')}`] : []), ...(diffs.length ? ['fleet files'] : []),
    ...(removed.length ? [`removed sites ${removed.join(', ')}`] : []), ...(leftovers.length ? ['temporary folders left by an interrupted synth'] : [])].join(', ')} (${upToDate} of ${planned.length} sites up to date). Nothing was written.\n`
    + `Run \`${synthCommand(io.invocation ?? NPM_RUN_SYNTH, options.argv)}\`, review, and commit the result.`);
  return 1;
}

/** A path as the user would type it from here. */
function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative === '' ? '.' : relative.startsWith('..') ? file : relative;
}
