// Public API of cdk8s-storage: named re-exports only, reviewed in api/cdk8s-storage.api.md
// (`npm run api` updates it; `npm test` fails when this list and the report disagree).
// Builders, constants, config schemas and the config → props adapters stay internal.

// ── AIStore, standalone: the L3 cluster, its rulebook and the names it derives ──
export { AisCluster, AisClusterProps } from './ais/cluster';
export { AisClusterCommonProps, AisClusterFacts, AisGatewayOptions } from './ais/cluster-props';
export { aisClusterProblems, AisCommonCheckProps } from './ais/cluster-checks';
export { aisNames } from './ais/names';

// ── AIStore L2 constructs and their props ──
export { AisConfigMaps, AisConfigMapsProps } from './ais/workloads/config-maps';
export { AisProxies, AisProxiesProps } from './ais/workloads/proxies';
export { AisTargets, AisTargetsProps } from './ais/workloads/targets';
export { AisDaemonProps } from './ais/workloads/daemon-props';
export { AisImages, AisRole } from './ais/workloads/daemon-pod';
export { AisResources, AisEnvValue, AisVolume } from './ais/workloads/pod-inputs';
export { AisServiceAccount, AisServiceAccountProps } from './ais/workloads/service-account';
export { AisTargetDisruptionBudget, AisTargetDisruptionBudgetProps, AisDisruptionBudgetOptions } from './ais/workloads/disruption-budget';
export { AisPreflight, AisPreflightProps } from './ais/workloads/preflight';
export { AisPublicAddress } from './ais/workloads/public-address';
export { AisGateway, AisGatewayProps, AisTargetLoadBalancers, AisTargetLoadBalancersProps, LoadBalancerAddressing } from './ais/network/load-balancers';
export { MetalLbAddressPool, MetalLbAddressPoolProps } from './ais/network/metallb';
export { AisNetworkPolicy, AisNetworkPolicyProps } from './ais/network/network-policy';
export {
  AisAddressing, AisAddressingInput, AisNetworkOptions, AisNodeAddresses, AisNodeNetwork, AisRoleWiring, AisTargetNetwork, RuntimeAddress, aisAddressing,
} from './ais/network/addressing';
export {
  AisNetworkAttachment, AisNetworkAttachments, AisNetworkAttachmentsProps, AttachmentCniConfig, AttachmentCniType, AttachmentIpam,
} from './ais/network/attachments';
export { AisPorts, ResolvedAisPorts } from './ais/network/ports';
export { AisLocalVolumes, AisLocalVolumesProps, LocalVolumeLayout } from './ais/storage/local-volumes';
export { DiskMedia, Mountpath, MountpathStorage } from './ais/storage/mountpath';
export { AisNodeLabels, AisNodeLabelsProps } from './ais/nodes/node-labels';
export { AisNodeLabelScheme, AisNodeLabelSchemeProps, NodeLabel } from './ais/nodes/node-label-scheme';

// ── AIStore security: HTTPS (cert-manager), credentials, ExternalSecrets, hardening ──
export { AisSecurity, AisSecurityProps, AisSharedSecurity } from './ais/security/security';
export { AisTlsProps, AisCertificateRequest, CaBundleReference, IssuerReference, IssuerKind, CertificateDelivery, TlsClientAuth } from './ais/security/tls';
export { AisCertificate, AisCertificateProps, SelfSignedCa, SelfSignedCaProps } from './ais/security/cert-manager';
export { AisCredentialsProps, AisTracingProps, AisPodAdditions, SecretRequirement } from './ais/security/credentials';
export { AisExternalSecrets, AisExternalSecretsProps, AisExternalSecretsOptions, SecretStoreKind, SecretStoreReference } from './ais/security/external-secrets';

// ── AIStore monitoring: Prometheus scraping, alert rules, Grafana dashboards ──
export { AisMonitoring } from './ais/monitoring/monitoring';
export { aisAlertRuleTests } from './ais/monitoring/rule-tests/ais-rule-tests';
export type { AlertInput, OmittedAlerts } from './ais/monitoring/alerts/types';
export type { AisnodeVersion } from './ais/monitoring/state-flags';
export { AisScrape, AisScrapeProps } from './ais/monitoring/scrape';
export { AisMonitoringOptions, AisMonitoringProps, AisAlertThresholds, AisDashboardOptions, AisScrapeTls, AlertGroup, ScrapeKind, KeyReference } from './ais/monitoring/props';

// ── AIStore run by the AIS operator: the L3 cluster, the AIStore resource (L2), operator settings ──
export { AisOperatorCluster, AisOperatorClusterProps } from './ais/operator/cluster';
export { AiStoreResource, AiStoreResourceProps, AiStoreOptions, AiStoreClusterOptions, PublicNetDnsMode, ScaleDownMode } from './ais/operator/aistore';
export { AisStateStorage, AisTls, AisCertManagerTlsOptions, AisOperatorAuth, AisTracing, AisAdminClient, AisOperatorMount } from './ais/operator/options';
export { AisOperatorSettings, AisOperatorSettingsProps, OperatorClientCertificateOptions } from './ais/operator/operator-settings';
export { aisOperatorNames } from './ais/operator/names';
export { aisOperatorClusterProblems, aiStoreResourceProblems } from './ais/operator/cluster-checks';
export { aisCompatibilityProblems, CompatibilityInput, CompatibilityProblem } from './ais/compatibility';

// ── AuriStorFS client: the L3 client, its rulebook, kmod delivery, CSI driver, storage helpers ──
export { AuristorClient, AuristorClientProps } from './auristor/client';
export { AuristorClientOptions } from './auristor/client-props';
export { auristorClientProblems, auristorGroupProblems } from './auristor/client-checks';
export { AuristorNodeGroup, ResolvedNodeGroup } from './auristor/group';
export { AuristorToleration, TaintEffect, TolerationOperator } from './auristor/tolerations';
export { AuristorClientNodes, auristorClientNodeAffinity } from './auristor/client-nodes';
export { AuristorComponent } from './auristor/names';
export { AuristorClientConfig } from './auristor/client-config';
export { KmodDelivery, SroVersion } from './auristor/kmod/delivery';
export { kmodImage, kmodImageTag } from './auristor/kmod/kernel-image';
export { AuristorClusterResources, AuristorClusterResourcesProps } from './auristor/cluster-resources';
export { AuristorGroupResources, AuristorGroupResourcesProps } from './auristor/group-resources';
export { AuristorNamespace, AuristorNamespaceProps } from './auristor/namespace';
export { AuristorServiceAccount, AuristorServiceAccountProps } from './auristor/service-account';
export { GroupNodeLabels, GroupNodeLabelsProps } from './auristor/node-labels';
export { AuristorSpecialResource, AuristorSpecialResourceProps } from './auristor/kmod/special-resource';
export { SroCsiPermissions, SroCsiPermissionsProps } from './auristor/kmod/sro-permissions';
export { AuristorKmmModule, AuristorKmmModuleProps } from './auristor/kmod/kmm-module';
export { KmodDaemonSet, KmodDaemonSetProps } from './auristor/kmod/kmod-daemonset';
export { PrivilegedSccGrant, PrivilegedSccGrantProps } from './auristor/kmod/openshift-scc';
export { CsiSettings, CsiConfigRole, CacheManager, CsiLogLevel } from './auristor/csi/csi-settings';
export { CsiWorkloadProps, ImagePullPolicy } from './auristor/csi/csi-pod';
export { CsiWorkload } from './auristor/csi/csi-workload';
export { CsiConfigMap, CsiConfigMapProps } from './auristor/csi/csi-config-map';
export { CsiController, CsiControllerProps } from './auristor/csi/csi-controller';
export { CsiNode, CsiNodeProps } from './auristor/csi/csi-node';
export { VolumeManager, VolumeManagerProps } from './auristor/csi/volume-manager';
export { CsiRbac, CsiRbacProps } from './auristor/csi/csi-rbac';
export { AuristorCsiDriver, AuristorCsiDriverProps, CsiEphemeralVolumeProfile } from './auristor/csi/csi-driver';
export { AuristorMount } from './auristor/storage/mount';
export { AuristorStorageClass, AuristorStorageClassProps, AuristorReclaimPolicy } from './auristor/storage/storage-class';
export { AuristorPersistentVolume, AuristorPersistentVolumeProps } from './auristor/storage/persistent-volume';
export { auristorInlineVolume, auristorPlusVolume } from './auristor/storage/inline-volume';

// ── GitOps: the app, Argo CD Applications, synthesis and output ──
export { GitOpsApp, GitOpsAppProps } from './gitops/gitops-app';
export { applyGitOps } from './gitops/apply';
export { ArgoApplication, ArgoApplicationProps } from './gitops/argo-application';
export { ArgoApplicationChart, ArgoApplicationsProps, addArgoApplications, OutputPart } from './gitops/argo-applications';
export { GitOpsOptions } from './gitops/apply';

// ── Fleets: ApplicationSets over many sites, the fleet's AppProject, the rollout gate and Argo CD health checks ──
export { ArgoApplicationSet, ArgoApplicationSetProps, RollingSyncStep } from './gitops/application-set';
export { ArgoAppProject, ArgoAppProjectProps, ProjectDestination, ProjectResourceKind, ProjectSyncWindow } from './gitops/app-project';
export { ArgoFleet, ArgoFleetConstructProps, FleetSiteOutput, siteDescriptors } from './gitops/fleet';
export { ArgoFleetProps, FleetSite, FleetSyncWindow, FleetRolloutWave } from './gitops/fleet-props';
export { argoFleetProblems } from './gitops/fleet-checks';
export { ROLLOUT_HEALTH_ANNOTATION, ALL_PODS_UPDATED } from './argo/health-gates';
export { HealthScript, neededHealthScripts, healthKey } from './argo/health-settings';
export { gitOpsAppProblems, GitOpsAppCheckProps } from './gitops/app-checks';
export { Footprint, ObjectClaim, NodeLabelClaim } from './props/footprint';
export { SYNC_WAVE_ANNOTATION, SYNC_OPTIONS_ANNOTATION } from './argo/argo-annotations';
export { synthesize, SynthOutput } from './gitops/synthesize';
export { writeOutputDir } from './output/write-dir';

// ── A whole cluster from a config file (what the generator does) ──
export { LoadedConfig, loadConfigFile, parseConfig, buildApp, configPrerequisites } from './generator/library-config';
export { ConfigError, ConfigProblem } from './config/errors';
export { Prerequisite } from './k8s/prerequisite';

// ── Review and lint of built manifests ──
export {
  reviewChanges, formatChangeReview, ChangeReview, ChangeReviewFormatOptions, ReviewOptions, ScriptNodes, ReviewedChange, ObjectChange, Verdict, Finding, Severity,
} from './review/change-review';
// day-2 runbooks as typed steps, and their three renderings
export {
  Runbook, RunbookScope, Step, StepBase, StepKind, CheckStep, ResolveStep, WaitStep, KubectlStep, AisStep, ArgoStep, HostStep, ManualStep, ForEachStep, CommandStep,
  Condition, Lookup, KubectlAction, AisAction, ArgoAction, HostAction, HostPathTest, ArgoSyncPolicy, AisNodeRef, AisFlags, PodName, NodeName, AppName, Variable,
  isEffectful,
} from './review/runbook/steps';
export { runbookText } from './review/runbook/render-text';
export { runbookMarkdown, runbookHelpersMarkdown } from './review/runbook/render-markdown';
export { runbookScript, ScriptHeader } from './review/runbook/render-bash';
export { runbookScriptName } from './review/runbook/render';
export { labelScriptNodes } from './review/runbooks/facts';
export { lintSecurity, SecurityViolation, SecurityRule, LintedObject } from './lint/security';

// ── Shared: Kubernetes versions, manifests, problems in construct props ──
export { KubernetesVersion, KubernetesFeatureGates, KUBERNETES_VERSIONS } from './k8s/version';
export { Manifest } from './k8s/manifest';
export { PropProblem, PROP_WARNING_METADATA } from './props/problems';
