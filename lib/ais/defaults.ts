/**
 * The defaults of the AIS constructs (standalone and operator mode share them), in one place: the
 * constructs apply them to unset props and the config schema (lib/config) applies them as its defaults.
 * lib/config may import this module and nothing else of lib/ais, so it imports nothing.
 */

/** Current matching aisnode / ais-init pair (the AIS operator's Helm chart default). */
export const DEFAULT_AISNODE_IMAGE = 'docker.io/aistorage/aisnode:v4.9';
export const DEFAULT_AIS_INIT_IMAGE = 'docker.io/aistorage/ais-init:v4.9';
/** Both images, as the constructs take them. */
export const DEFAULT_IMAGES = { aisnode: DEFAULT_AISNODE_IMAGE, init: DEFAULT_AIS_INIT_IMAGE } as const;

/** Namespace of the cluster. */
export const DEFAULT_NAMESPACE = 'ais';
/** Host directory under which each node keeps AIS state: `<statePath>/<namespace>/<cluster>/proxy` and `.../target/<pod>`. */
export const DEFAULT_STATE_PATH = '/etc/ais';
/** Kubernetes cluster DNS domain (kubelet's `--cluster-domain` default; the AIS operator assumes it too). */
export const DEFAULT_CLUSTER_DOMAIN = 'cluster.local';

/** The four AIS ports (host and container ports are kept equal). */
export const DEFAULT_PORTS = { proxy: 51080, target: 51081, intraControl: 51082, intraData: 51083 } as const;

/** `net.core.somaxconn` of the AIS pods unless configured: the value the AIS host playbooks set. */
export const DEFAULT_SOMAXCONN = 65535;
/** The directory each mountpath filesystem carries to prove it is mounted. */
export const DEFAULT_DISK_MARKER = '.ais-disk';
/** aisnode runs privileged, as the AIS Helm chart runs it. */
export const DEFAULT_PRIVILEGED = true;
/** The NetworkPolicy that admits the intra-cluster ports only from the cluster's own pods is emitted. */
export const DEFAULT_NETWORK_POLICY = true;
/** Targets that may be down by eviction at once (the targets' PodDisruptionBudget). */
export const DEFAULT_TARGET_MAX_UNAVAILABLE = 1;

/** Node label keys that place the AIS pods (the planning worksheet's); the values derive from the cluster name. */
export const DEFAULT_NODE_LABEL_KEYS = {
  target: 'nvidia.com/ais-target',
  proxy: 'nvidia.com/ais-proxy',
  initialPrimary: 'nvidia.com/ais-initial-primary-proxy',
} as const;

/** Key of the CA bundle in a trust-manager style ConfigMap (the AIS operator's default). */
export const DEFAULT_CA_BUNDLE_KEY = 'trust-bundle.pem';
/** Key of the tracing exporter's token in its Secret. */
export const DEFAULT_TRACING_TOKEN_KEY = 'token';
/** How often ExternalSecrets refresh the Secrets from the store. */
export const DEFAULT_EXTERNAL_SECRETS_REFRESH = '1h';

/** Prometheus scrape interval of the AIS pods. */
export const DEFAULT_SCRAPE_INTERVAL = '30s';
/** Thresholds of the alert rules. */
export const DEFAULT_ALERT_THRESHOLDS = {
  mountpathUsedWarningPercent: 80,
  mountpathUsedCriticalPercent: 90,
  diskUtilPercent: 95,
  retryRatioWarning: 0.01,
  retryRatioCritical: 0.05,
  /** NVMe read and write await that warns after 10 minutes: the ais-k8s NVMe rules' thresholds (scraped-rules.yaml NodeHighDiskRead/WriteLatency) */
  nvmeReadLatencyMs: 5,
  nvmeWriteLatencyMs: 30,
} as const;
/** Limits of the NVMe latency thresholds, in milliseconds. */
export const NVME_LATENCY_LIMITS_MS = { minimum: 0.1, maximum: 1000 } as const;
/** Scrape intervals above this leave fewer than 4 samples in the rules' 5-minute rate windows (and Grafana's $__rate_interval). */
export const MAX_SCRAPE_INTERVAL_SECONDS = 75;
/**
 * The ais-k8s Alloy pod labels (`app: ais`, `component`) are off unless asked for: enabling monitoring then
 * only adds objects (no pod template change, so kube-prometheus-stack's KubeStatefulSetUpdateNotRolledOut
 * does not fire for the OnDelete target StatefulSet).
 */
export const DEFAULT_LEGACY_POD_LABELS = false;
/** The label kube-prometheus-stack's Grafana sidecar loads dashboards by (its chart default). */
export const DEFAULT_DASHBOARD_LABEL: Readonly<Record<string, string>> = { grafana_dashboard: '1' };

/** Groups of alert rules; each becomes one rule group of the PrometheusRule. All are emitted by default. */
export enum AlertGroup {
  /** every warning/critical bit of `ais_<role>_state_flags` that the role's aisnode sets */
  STATE_FLAGS = 'stateFlags',
  /** checksum, I/O and filesystem-health errors */
  ERRORS = 'errors',
  /** mountpath fill level and disk saturation (node-exporter, aisnode) */
  CAPACITY = 'capacity',
  /** rate-limited retries against remote backends */
  RATE_LIMIT = 'rateLimit',
  /** pods and StatefulSets not ready (kube-state-metrics) */
  KUBERNETES = 'kubernetes',
  /** Prometheus cannot scrape the cluster */
  SCRAPE = 'scrape',
}

export const ALL_ALERT_GROUPS: readonly AlertGroup[] = Object.values(AlertGroup);

/**
 * Limits of single values that the AIS rulebook enforces (lib/ais/cluster-checks.ts) and the editor schema
 * shows (lib/config reads them for its JSON Schema, without enforcing them: the rulebook reports them at line:col).
 */
export const AIS_VALUE_LIMITS = {
  /** `net.core.somaxconn`: the AIS host playbooks' floor, and the kernel's int */
  somaxconn: { minimum: 128, maximum: 2147483647 },
  /** the disk marker: one directory name, not `.` or `..` */
  diskMarkerPattern: '^(?!\\.\\.?$)[A-Za-z0-9._-]+$',
  /** the targets' PodDisruptionBudget as a percentage */
  maxUnavailablePercentPattern: '^[0-9]{1,3}%$',
} as const;
