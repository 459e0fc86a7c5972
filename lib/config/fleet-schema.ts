import * as z from 'zod';
import {
  DEFAULT_ARGOCD_NAMESPACE, DEFAULT_ARGOCD_PROJECT, DEFAULT_FLEET_DESTINATION, DEFAULT_FLEET_PATH, DEFAULT_PRUNE, DEFAULT_SELF_HEAL,
  DEFAULT_TARGET_REVISION, DEFAULT_WAVE_MAX_UPDATE,
} from '../gitops/defaults';
import { dnsLabel } from './primitives';

/*
 * The fleet config (fleet.yaml): the fleet, the defaults every site starts from, and the sites. The schema
 * only parses; the fleet rules (unique sites and clusters, waves, cron schedules, time zones...) are the
 * GitOps rulebook's (lib/gitops/fleet-checks.ts), and each merged site config is validated as a cluster
 * config (lib/from-config/fleet.ts).
 */

const syncWindowSchema = z.strictObject({
  kind: z.enum(['allow', 'deny']).describe('allow: syncs only inside the window; deny: no syncs inside it'),
  schedule: z.string().describe('five-field cron schedule: minute hour day-of-month month day-of-week, e.g. "0 22 * * 1-5"'),
  duration: z.string().describe('how long the window lasts, a Go duration such as 6h'),
  timeZone: z.string().optional().describe('IANA time zone of the schedule, e.g. Europe/Berlin (default UTC)'),
  manualSync: z.boolean().optional().describe('also apply the window to manual syncs (default false)'),
  description: z.string().optional().describe('shown by Argo CD (default: "site <name>" for a site\'s window)'),
}).describe('an Argo CD sync window (on the fleet\'s AppProject)');

const waveSchema = z.strictObject({
  name: z.string().min(1).describe('the wave, the value of the cdk8s-storage.io/rollout-wave label of its sites\' Applications'),
  maxUpdate: z.union([z.number(), z.string()]).default(DEFAULT_WAVE_MAX_UPDATE)
    .describe('how many of the wave\'s sites sync at once: a count or a percentage such as 25%; 0 waits for a person (default 1: site by site)'),
});

const fleetArgocdSchema = z.strictObject({
  repoURL: z.string().min(1, 'the URL of the Git repository that holds the fleet').describe('Git repository Argo CD reads: the one holding fleet.yaml and sites/'),
  targetRevision: z.string().min(1).default(DEFAULT_TARGET_REVISION).describe('branch, tag or commit Argo CD follows'),
  path: z.string().default(DEFAULT_FLEET_PATH).describe('folder of the fleet root (the folder holding fleet.yaml) in the repository'),
  namespace: dnsLabel.default(DEFAULT_ARGOCD_NAMESPACE).describe('namespace Argo CD runs in; the ApplicationSets and their Applications live there'),
  project: z.string().min(1).default(DEFAULT_ARGOCD_PROJECT).describe('Argo CD project of the Applications (hard-coded in the ApplicationSets)'),
  createProject: z.boolean().default(false)
    .describe('emit the AppProject `project` (least privilege: this repository, the sites\' clusters and namespaces, the kinds the output holds; sync windows)'),
  destination: z.enum(['name', 'server']).default(DEFAULT_FLEET_DESTINATION)
    .describe('how sites name their cluster: name (the Argo CD cluster name) or server (the API server URL)'),
  automated: z.boolean().default(false).describe('sync automatically when Git changes (only without a rollout)'),
  prune: z.boolean().default(DEFAULT_PRUNE).describe('with automated sync, delete objects removed from Git (data-bearing objects are never pruned)'),
  selfHeal: z.boolean().default(DEFAULT_SELF_HEAL).describe('with automated sync, undo changes made in the cluster by hand'),
}).describe('how Argo CD delivers the fleet: one ApplicationSet per product');

const fleetSectionSchema = z.strictObject({
  name: dnsLabel.describe('the fleet\'s name: prefixes the ApplicationSets (<name>-ais), the Applications (<name>-<site>-ais) and the AppProject'),
  argocd: fleetArgocdSchema,
  rollout: z.strictObject({
    waves: z.array(waveSchema).min(1).describe('the waves, in rollout order'),
  }).optional().describe('progressive rollout (Argo CD RollingSync): wave by wave, waiting for each site to be Healthy'),
  syncWindows: z.array(syncWindowSchema).default([]).describe('sync windows of every Application of the fleet (needs createProject)'),
}).describe('the fleet: its name, how Argo CD delivers it, its rollout waves and sync windows');

const siteSchema = z.strictObject({
  name: dnsLabel.describe('the site: its folder sites/<name>/, its Applications <fleet>-<name>-<product>'),
  region: z.string().optional().describe('region, a label on its Applications'),
  wave: z.string().optional().describe('rollout wave, one of fleet.rollout.waves'),
  cluster: z.string().min(1).optional().describe('the site\'s cluster in Argo CD: its name, or its API server URL with destination: server (default: the site\'s name)'),
  file: z.string().min(1).optional().describe('the site\'s overlay, a partial cluster config, relative to fleet.yaml (default sites/<name>/site.yaml)'),
  config: z.record(z.string(), z.unknown()).optional().describe('the site\'s overlay written inline (instead of a file)'),
  syncWindows: z.array(syncWindowSchema).default([]).describe('sync windows of the site\'s Applications (needs fleet.argocd.createProject)'),
});

/** The fleet config file. */
export const fleetConfigSchema = z.strictObject({
  fleet: fleetSectionSchema,
  defaults: z.record(z.string(), z.unknown()).default({})
    .describe('a partial cluster config every site starts from; a site\'s overlay replaces lists and values, merges mappings, and null removes a default'),
  sites: z.array(siteSchema).min(1).describe('the sites, in order'),
}).describe('A fleet: one cluster definition rendered per site and delivered by Argo CD ApplicationSets. See docs/fleet.md.');

export type FleetConfig = z.output<typeof fleetConfigSchema>;
export type FleetSiteConfig = FleetConfig['sites'][number];
