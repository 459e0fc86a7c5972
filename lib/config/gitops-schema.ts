import * as path from 'node:path';
import * as z from 'zod';
import {
  DEFAULT_ARGOCD_NAMESPACE, DEFAULT_ARGOCD_PROJECT, DEFAULT_PRUNE, DEFAULT_SELF_HEAL, DEFAULT_SYNCED_PATH, DEFAULT_TARGET_REVISION,
} from '../gitops/defaults';
import { dnsLabel } from './primitives';

/** A folder inside the Git repository: relative, '/'-separated, normalized, no trailing '/'. */
const repoPath = z.string()
  .min(1, 'a folder of the Git repository such as dist')
  .refine((p) => !p.startsWith('/'), 'a path relative to the repository root (no leading /)')
  .refine((p) => p === '.' || !p.endsWith('/'), 'a path without a trailing /')
  .refine((p) => p === '.' || path.posix.normalize(p) === p, "a normalized path (no '.', '..' or '//' parts)")
  .refine((p) => !p.split('/').includes('..'), "a path inside the repository (no '..')");

const destinationSchema = z.strictObject({
  server: z.string().min(1).optional()
    .describe("API server URL of the target cluster as registered in Argo CD; the default is Argo CD's own cluster"),
  name: z.string().min(1).optional().describe('name of the target cluster as registered in Argo CD (instead of `server`)'),
}).describe('the cluster the Applications deploy to: server or name');

const argocdSchema = z.strictObject({
  repoURL: z.string().min(1, 'the URL of the Git repository that holds the generated output')
    .describe('Git repository Argo CD reads, the one the generated output is committed to'),
  targetRevision: z.string().min(1).default(DEFAULT_TARGET_REVISION).describe('branch, tag or commit Argo CD follows'),
  path: repoPath.default(DEFAULT_SYNCED_PATH)
    .describe('folder of the generated output in the repository, i.e. where the generator writes (its out dir) relative to the repository root'),
  applicationsPath: repoPath.optional()
    .describe('folder for the Application manifests; default `argocd` beside `path`. It must lie outside `path`: an Application that '
      + 'syncs the folder holding its own manifest manages itself (a deleted or broken commit can prune the app and, with a finalizer, everything in it)'),
  project: z.string().min(1).default(DEFAULT_ARGOCD_PROJECT).describe('Argo CD project of the Applications'),
  namespace: dnsLabel.default(DEFAULT_ARGOCD_NAMESPACE).describe('namespace Argo CD runs in; the Application objects live there'),
  destination: destinationSchema.optional().describe("target cluster; default Argo CD's own cluster (https://kubernetes.default.svc)"),
  layout: z.enum(['single', 'appOfApps']).optional()
    .describe('single: one Application `<name>` syncs all of the output. appOfApps: a parent Application `<name>` syncs two child Applications, '
      + '`<name>-ais` and `<name>-auristor`, which sync and can be paused or rolled back separately. Default appOfApps when both `ais` and `auristor` '
      + 'are configured, else single'),
  automated: z.boolean().default(false).describe('sync automatically when Git changes (off: an operator reviews and presses Sync)'),
  prune: z.boolean().default(DEFAULT_PRUNE)
    .describe('with automated sync, delete objects that were removed from Git. Objects that hold data (Nodes, PVs, PVCs, local StorageClasses, '
      + 'kmods, the AIStore resource, Namespaces) are never pruned anyway'),
  selfHeal: z.boolean().default(DEFAULT_SELF_HEAL).describe('with automated sync, undo changes made in the cluster by hand'),
  healthChecks: z.boolean().default(false)
    .describe('write Argo CD health checks beside the output (argocd-settings/: argocd-cm keys and Helm values) and mark OnDelete StatefulSets and '
      + 'DaemonSets so that their Application is Healthy only once every pod runs the new revision; see docs/fleet.md "Health checks"'),
}).describe('Argo CD Application manifests for the output; see docs/gitops.md');

/** The `gitops:` section of the cluster config: how the output is delivered with Argo CD. */
export const gitopsSchema = z.strictObject({
  argocd: argocdSchema.optional()
    .describe('emit Argo CD Application manifests (beside the output, not in it); default none: you write your own Application'),
}).describe('how the output is delivered with Argo CD');

export type GitopsConfig = z.output<typeof gitopsSchema>;
export type ArgocdConfig = z.output<typeof argocdSchema>;
