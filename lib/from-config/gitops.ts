import type { ClusterConfig } from '../config/schema';
import type { ArgoApplicationsProps } from '../gitops/argo-applications';
import { defaultApplicationsPath } from '../gitops/defaults';
import type { Adapted } from '../props/path-map';

/**
 * The Argo CD Application(s) a config asks for (`gitops.argocd`) and where each prop comes from, or
 * undefined. Layout: as set, else appOfApps when both `ais` and `auristor` are configured (each part
 * syncs separately), else single.
 */
export function adaptArgoApplications(config: ClusterConfig): Adapted<ArgoApplicationsProps> | undefined {
  const argocd = config.gitops?.argocd;
  if (!argocd) return undefined;
  const at = ['gitops', 'argocd'];
  const props: ArgoApplicationsProps = {
    name: config.name,
    destinationNamespace: config.namespace,
    repoURL: argocd.repoURL,
    path: argocd.path,
    applicationsPath: argocd.applicationsPath ?? defaultApplicationsPath(argocd.path),
    layout: argocd.layout ?? (config.ais && config.auristor ? 'appOfApps' : 'single'),
    namespace: argocd.namespace,
    project: argocd.project,
    targetRevision: argocd.targetRevision,
    automated: argocd.automated,
    prune: argocd.prune,
    selfHeal: argocd.selfHeal,
    destinationServer: argocd.destination?.server,
    destinationName: argocd.destination?.name,
  };
  return {
    props,
    paths: {
      $: at, name: ['name'], destinationNamespace: ['namespace'], repoURL: [...at, 'repoURL'], path: [...at, 'path'],
      // the default folder derives from path
      applicationsPath: [...at, argocd.applicationsPath !== undefined ? 'applicationsPath' : 'path'],
      layout: [...at, 'layout'], namespace: [...at, 'namespace'], project: [...at, 'project'], targetRevision: [...at, 'targetRevision'],
      automated: [...at, 'automated'], prune: [...at, 'prune'], selfHeal: [...at, 'selfHeal'],
      destinationServer: [...at, 'destination', 'server'], destinationName: [...at, 'destination', 'name'],
    },
  };
}

/** The Argo CD Application(s) a config asks for (see {@link adaptArgoApplications}). */
export function argoApplicationsProps(config: ClusterConfig): ArgoApplicationsProps | undefined {
  return adaptArgoApplications(config)?.props;
}
