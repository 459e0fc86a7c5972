// Public API of cdk8s-storage. Re-exports only.

// Kubernetes API-server rules for names, labels and annotation keys; problems in construct props
export * from './k8s/names';
export * from './props/problems';
export { quantityValue } from './k8s/quantity';
export { goDurationSeconds } from './k8s/duration';

// AIStore: L3 cluster, L2 constructs, helpers
export * from './ais/cert-manager';
export * from './ais/cluster';
export * from './ais/cluster-checks';
export { aisNames } from './ais/names';
export * from './ais/config-maps';
export * from './ais/credentials';
export * from './ais/daemon-pod';
export * from './ais/daemon-props';
export * from './ais/disruption-budget';
export * from './ais/external-secrets';
export * from './ais/headless-service';
export * from './ais/labels';
export * from './ais/load-balancers';
export * from './ais/local-volumes';
export * from './ais/metallb';
export * from './ais/mountpath';
export * from './ais/network-policy';
export * from './ais/node-label-scheme';
export * from './ais/node-labels';
export * from './ais/ports';
export * from './ais/preflight';
export * from './ais/prerequisites';
export * from './ais/proxies';
export * from './ais/public-address';
export * from './ais/security';
export * from './ais/security-from-config';
export * from './ais/service-account';
export * from './ais/statefulset';
export * from './ais/targets';
export * from './ais/tls';
export * from './ais/monitoring';
export { aisMonitoringOptions } from './ais/monitoring-from-config';

// Kubernetes versions the output can target, and what each accepts
export * from './k8s/version';

// Security lint: objects in, violations out
export * from './lint/security';
export * from './ais/cluster-charts';

// AIStore run by the AIS operator: L3 cluster, the AIStore resource (L2), operator settings
export * from './ais/operator/cluster';
export * from './ais/operator/aistore';
export * from './ais/operator/options';
export * from './ais/operator/operator-settings';
export * from './ais/operator/update-rules';
export * from './ais/compatibility';
export { aisOperatorClusterProps, addAisOperatorCharts, operatorSideFiles } from './ais/operator-from-config';

// AuriStorFS client: L3 AuristorClient, kmod delivery (SRO, KMM, static), CSI driver, storage helpers
export * from './auristor';

// GitOps: Argo CD sync policy, Applications, change review, unified diff
export * from './gitops/argo-annotations';
export { SYNC_WAVES, SyncWaveRow, syncWaveRow, knownKinds } from './gitops/sync-waves';
export { SYNC_OPTION_RULES, SyncOptionRule, syncOptionsFor } from './gitops/sync-option-rules';
export { applyGitOps, applySyncPolicy } from './gitops/apply';
export { ArgoApplication, ArgoApplicationProps, ARGO_APPLICATION_API_VERSION } from './gitops/argo-application';
export { ArgoApplicationChart, addArgoApplications } from './gitops/argo-applications';
export {
  reviewChanges, formatChangeReview, diffObjects, REVIEW_RULES, RUNBOOK_RULES, ChangeReview, ReviewedChange, Verdict, Finding, ReviewRule, Severity,
  Runbook, RunbookStep,
} from './gitops/change-review';
export { unifiedDiff, formatDiffSummary, diffLines, FileDiff, UnifiedDiffOptions } from './gitops/unified-diff';

// Config file: schema, loader, errors; generator pieces for custom pipelines
export * from './config/schema';
export { parseConfig, loadConfigFile } from './config/load';
export { ConfigError, ConfigProblem, formatProblem } from './config/errors';
export { buildApp } from './generator/build';
export { configPrerequisites } from './generator/prerequisites';
export { synthesize, Manifest, SynthOutput } from './generator/synthesize';
export { writeOutputDir } from './generator/write-dir';
