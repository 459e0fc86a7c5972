// Public API of cdk8s-storage. Re-exports only.

// Kubernetes API-server rules for names, labels and annotation keys; problems in construct props
export * from './k8s/names';
export * from './props/problems';
export { quantityValue } from './k8s/quantity';
export { goDurationSeconds } from './k8s/duration';

// AIStore: L3 cluster, L2 constructs, helpers
export * from './ais/security/cert-manager';
export * from './ais/cluster';
export * from './ais/cluster-checks';
export { aisNames } from './ais/names';
export * from './ais/workloads/config-maps';
export * from './ais/security/credentials';
export * from './ais/workloads/daemon-pod';
export * from './ais/workloads/daemon-props';
export * from './ais/workloads/disruption-budget';
export * from './ais/security/external-secrets';
export * from './ais/workloads/headless-service';
export * from './ais/labels';
export * from './ais/network/load-balancers';
export * from './ais/storage/local-volumes';
export * from './ais/network/metallb';
export * from './ais/storage/mountpath';
export * from './ais/network/network-policy';
export * from './ais/nodes/node-label-scheme';
export * from './ais/nodes/node-labels';
export * from './ais/network/ports';
export * from './ais/workloads/preflight';
export * from './ais/prerequisites';
export * from './k8s/prerequisite';
export * from './ais/workloads/proxies';
export * from './ais/workloads/public-address';
export * from './ais/security/security';
export * from './from-config/ais-security';
export * from './ais/workloads/service-account';
export * from './ais/workloads/statefulset';
export * from './ais/workloads/targets';
export * from './ais/security/tls';
export * from './ais/monitoring';
export { aisMonitoringOptions } from './from-config/ais-monitoring';

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
export * from './ais/operator/names';
export * from './ais/compatibility';
export * from './ais/operator/cluster-checks';
export { aisOperatorClusterProps, addAisOperatorCharts } from './from-config/ais-operator';
export { operatorSideFiles } from './ais/operator/side-files';

// AuriStorFS client: L3 AuristorClient, kmod delivery (SRO, KMM, static), CSI driver, storage helpers
export * from './auristor';
export * from './from-config/auristor';
export * from './review/kmod-changes';

// GitOps: Argo CD sync policy, Applications, change review, unified diff
export * from './argo/argo-annotations';
export { SYNC_WAVES, SyncWaveRow, syncWaveRow, knownKinds } from './argo/sync-waves';
export { SYNC_OPTION_RULES, SyncOptionRule, syncOptionsFor } from './argo/sync-option-rules';
export { applyGitOps, applySyncPolicy, checkApp } from './gitops/apply';
export { gitOpsAppProblems, GitOpsAppCheckProps } from './gitops/app-checks';
export { Footprint, ObjectClaim, NodeLabelClaim, footprintOf } from './props/footprint';
export { GitOpsApp, GitOpsAppProps } from './gitops/gitops-app';
export { ArgoApplication, ArgoApplicationProps, ARGO_APPLICATION_API_VERSION } from './gitops/argo-application';
export { ArgoApplicationChart, ArgoApplicationsProps, addArgoApplications } from './gitops/argo-applications';
export { argoApplicationsProps } from './from-config/gitops';
export {
  reviewChanges, formatChangeReview, diffObjects, REVIEW_RULES, RUNBOOK_RULES, ChangeReview, ReviewedChange, Verdict, Finding, ReviewRule, Severity,
  Runbook, RunbookStep,
} from './review/change-review';
export { unifiedDiff, formatDiffSummary, diffLines, FileDiff, UnifiedDiffOptions } from './review/unified-diff';

// Config file: schema, loader, errors; generator pieces for custom pipelines
export * from './config/schema';
export { parseConfig, loadConfigFile, loadConfig, parseConfigText, LoadedConfig } from './from-config/load';
export { AdaptedConfig, adaptConfig, adaptedConfigProblems } from './from-config/check';
export { ConfigError, ConfigProblem, formatProblem } from './config/errors';
export { buildApp } from './generator/build';
export { configPrerequisites } from './generator/prerequisites';
export { synthesize, SynthOutput } from './gitops/synthesize';
export { Manifest } from './k8s/manifest';
export { writeOutputDir } from './output/write-dir';
