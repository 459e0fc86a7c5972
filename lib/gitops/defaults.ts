import * as path from 'node:path';

/**
 * The defaults of the Argo CD Applications, in one place: the constructs apply them to unset props and
 * the config schema (lib/config, `gitops.argocd`) shows them as its defaults. lib/config may
 * import this module and nothing else of lib/gitops.
 */

/** Namespace Argo CD runs in; the Application objects live there. */
export const DEFAULT_ARGOCD_NAMESPACE = 'argocd';
/** Argo CD project of the Applications. */
export const DEFAULT_ARGOCD_PROJECT = 'default';
/** Branch, tag or commit Argo CD follows. */
export const DEFAULT_TARGET_REVISION = 'HEAD';
/** Folder of the generated output in the repository. */
export const DEFAULT_SYNCED_PATH = 'dist';
/** With automated sync, undo changes made in the cluster by hand. */
export const DEFAULT_SELF_HEAL = true;
/** With automated sync, keep objects removed from Git (prune only when asked). */
export const DEFAULT_PRUNE = false;

/** Default folder for the Application manifests: `argocd` beside the synced folder. */
export function defaultApplicationsPath(syncedPath: string): string {
  return path.posix.join(path.posix.dirname(syncedPath), 'argocd');
}

/** Fleet mode: the folder of the fleet root (the folder holding fleet.yaml) in the Git repository. */
export const DEFAULT_FLEET_PATH = '.';
/** Fleet mode: how many sites of a rollout wave sync at once (one: site by site; Argo CD's own default is the whole step). */
export const DEFAULT_WAVE_MAX_UPDATE = 1;
/** Fleet mode: how sites name their cluster to Argo CD. */
export const DEFAULT_FLEET_DESTINATION = 'name';

/** Fleet mode: the overlay file of a site, relative to the fleet root. */
export function defaultSiteFile(site: string): string {
  return `sites/${site}/site.yaml`;
}
