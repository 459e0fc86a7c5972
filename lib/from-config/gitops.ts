import { defaultApplicationsPath } from '../config/gitops-schema';
import type { ClusterConfig } from '../config/schema';
import type { ArgoApplicationsProps } from '../gitops/argo-applications';

/**
 * The Argo CD Application(s) a config asks for (`gitops.argocd`), or undefined. Layout: as set, else
 * appOfApps when both `ais` and `auristor` are configured (each part syncs separately), else single.
 */
export function argoApplicationsProps(config: ClusterConfig): ArgoApplicationsProps | undefined {
  const argocd = config.gitops?.argocd;
  if (!argocd) return undefined;
  return {
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
}
