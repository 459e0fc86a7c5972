import { DEFAULT_TRACING_TOKEN_KEY } from '../defaults';
import { AisEnvValue, AisVolume } from '../workloads/pod-inputs';
import { AisTlsProps, TLS_SECRET_KEYS } from './tls';

/**
 * Cloud backend and AuthN credentials, by Secret name only (the AIS CR's `awsSecretName`,
 * `gcpSecretName`, `ociSecretName`, `authNSecretName`). We never write secret material: the
 * Secrets exist before sync, or ExternalSecrets create them.
 */
export interface AisCredentialsProps {
  /**
   * Secret with keys `config` and `credentials`, mounted into the targets at /root/.aws.
   * @default - no AWS backend
   */
  readonly awsSecretName?: string;
  /**
   * Secret with key `gcp.json` (a service account key), mounted into the targets at /var/gcp.
   * @default - no GCP backend
   */
  readonly gcpSecretName?: string;
  /**
   * Secret with keys `config` and `OCI_PRIVATE_KEY`, mounted into the targets at /root/.oci.
   * @default - no OCI backend
   */
  readonly ociSecretName?: string;
  /**
   * Secret with key `SIGNING-KEY`, the AuthN JWT signing key the proxies verify tokens with
   * (`AIS_AUTHN_SECRET_KEY`).
   * @default - no AuthN
   */
  readonly authnSecretName?: string;
}

/** OpenTelemetry tracing (the AIS CR's `configToUpdate.tracing` and `tracingTokenSecretName`). */
export interface AisTracingProps {
  /** gRPC exporter endpoint, host:port */
  readonly exporterEndpoint: string;
  /** @default - AIS's default */
  readonly serviceNamePrefix?: string;
  /**
   * Share of traces sampled, 0 to 1.
   * @default - AIS's default (all)
   */
  readonly samplerProbability?: number;
  /**
   * Accept the exporter's certificate unverified.
   * @default false
   */
  readonly skipVerify?: boolean;
  /**
   * Secret holding the exporter's auth token, mounted at /var/traces.
   * @default - no token
   */
  readonly tokenSecretName?: string;
  /** @default 'token' */
  readonly tokenKey?: string;
  /**
   * Header the token is sent in (e.g. `lightstep-access-token`); required with a token.
   * @default - none
   */
  readonly tokenHeader?: string;
}

/** A Secret an AIS cluster reads and never creates itself. */
export interface SecretRequirement {
  readonly name: string;
  /** keys the pods read */
  readonly keys: readonly string[];
  /** what it is for, in a few words */
  readonly purpose: string;
  /**
   * Secret type.
   * @default 'Opaque'
   */
  readonly type?: string;
}

/** Where the tracing token is mounted (the AIS operator's path). */
export const TRACING_TOKEN_MOUNT_PATH = '/var/traces';
/** Key of the AuthN signing key in its Secret, and the aisnode variable it becomes. */
export const AUTHN_SIGNING_KEY = 'SIGNING-KEY';
export const AUTHN_SECRET_KEY_ENV = 'AIS_AUTHN_SECRET_KEY';

interface CloudBackend {
  readonly prop: 'awsSecretName' | 'gcpSecretName' | 'ociSecretName';
  /** key of the backend in the AIS cluster config `backend` section */
  readonly backend: string;
  readonly volume: string;
  readonly mountPath: string;
  readonly keys: readonly string[];
  /** env var → file name under mountPath */
  readonly env: Record<string, string>;
  readonly purpose: string;
}

/** The AIS operator's mounts and variables for each cloud backend (targets only). */
const CLOUD_BACKENDS: readonly CloudBackend[] = [
  { prop: 'awsSecretName', backend: 'aws', volume: 'aws-creds', mountPath: '/root/.aws', keys: ['config', 'credentials'],
    env: { AWS_CONFIG_FILE: 'config', AWS_SHARED_CREDENTIALS_FILE: 'credentials' }, purpose: 'AWS backend credentials of the targets' },
  { prop: 'gcpSecretName', backend: 'gcp', volume: 'gcp-creds', mountPath: '/var/gcp', keys: ['gcp.json'],
    env: { GOOGLE_APPLICATION_CREDENTIALS: 'gcp.json' }, purpose: 'GCP backend service account key of the targets' },
  { prop: 'ociSecretName', backend: 'oci', volume: 'oci-creds', mountPath: '/root/.oci', keys: ['config', 'OCI_PRIVATE_KEY'],
    env: { OCI_CLI_CONFIG_FILE: 'config' }, purpose: 'OCI backend config and API key of the targets' },
];

/** The references {@link secretRequirements} reads. */
export interface AisSecretReferences {
  readonly tls?: AisTlsProps;
  readonly credentials?: AisCredentialsProps;
  readonly tracing?: AisTracingProps;
}

/**
 * Every Secret the cluster reads but does not create, one entry per name (keys merged when two
 * settings name the same Secret), in a stable order. The certificate Secret cert-manager writes is
 * not among them: cert-manager creates it.
 */
export function secretRequirements(refs: AisSecretReferences): SecretRequirement[] {
  const all: SecretRequirement[] = [];
  if (refs.tls?.secretName) {
    all.push({ name: refs.tls.secretName, keys: TLS_SECRET_KEYS.filter((k) => k !== 'ca.crt' || !refs.tls?.caBundle),
      purpose: 'TLS certificate of the AIS proxies and targets', type: 'kubernetes.io/tls' });
  }
  for (const cloud of CLOUD_BACKENDS) {
    const name = refs.credentials?.[cloud.prop];
    if (name) all.push({ name, keys: cloud.keys, purpose: cloud.purpose });
  }
  if (refs.credentials?.authnSecretName) {
    all.push({ name: refs.credentials.authnSecretName, keys: [AUTHN_SIGNING_KEY], purpose: 'AuthN token signing key of the proxies' });
  }
  if (refs.tracing?.tokenSecretName) {
    all.push({ name: refs.tracing.tokenSecretName, keys: [refs.tracing.tokenKey ?? DEFAULT_TRACING_TOKEN_KEY], purpose: 'auth token of the tracing exporter' });
  }
  const merged = new Map<string, SecretRequirement>();
  for (const requirement of all) {
    const seen = merged.get(requirement.name);
    merged.set(requirement.name, seen
      ? { ...seen, keys: [...new Set([...seen.keys, ...requirement.keys])], purpose: `${seen.purpose}; ${requirement.purpose}` }
      : requirement);
  }
  return [...merged.values()];
}

/** Volumes and env vars a setting adds to the aisnode container of one role. */
export interface AisPodAdditions {
  readonly volumes: AisVolume[];
  /** env vars by name */
  readonly env: Record<string, AisEnvValue>;
}

/** What credentials and tracing add to the pods and to the AIS cluster config. */
export interface AisCredentialWiring {
  readonly proxy: AisPodAdditions;
  readonly target: AisPodAdditions;
  /** `backend` and `tracing` sections of the cluster config override */
  readonly clusterConfig: Record<string, unknown>;
}

/**
 * Mounts and variables as the AIS operator sets them: cloud credentials on the targets (which talk
 * to the backends), the AuthN signing key on the proxies (which check tokens), the tracing token on
 * both; and the matching `backend` / `tracing` cluster config.
 */
export function aisCredentialWiring(credentials: AisCredentialsProps = {}, tracing?: AisTracingProps): AisCredentialWiring {
  const proxy: AisPodAdditions = { volumes: [], env: {} };
  const target: AisPodAdditions = { volumes: [], env: {} };
  const clusterConfig: Record<string, unknown> = {};
  const backends: Record<string, object> = {};
  for (const cloud of CLOUD_BACKENDS) {
    const name = credentials[cloud.prop];
    if (!name) continue;
    target.volumes.push(AisVolume.fromSecret(cloud.volume, name, cloud.mountPath));
    for (const [env, file] of Object.entries(cloud.env)) target.env[env] = AisEnvValue.fromValue(`${cloud.mountPath}/${file}`);
    backends[cloud.backend] = {};
  }
  if (Object.keys(backends).length) clusterConfig.backend = backends;
  if (credentials.authnSecretName) {
    proxy.env[AUTHN_SECRET_KEY_ENV] = AisEnvValue.fromSecretKey(credentials.authnSecretName, AUTHN_SIGNING_KEY);
  }
  if (tracing) {
    const section: Record<string, unknown> = {
      enabled: true,
      exporter_endpoint: tracing.exporterEndpoint,
      skip_verify: tracing.skipVerify ?? false,
    };
    if (tracing.serviceNamePrefix) section.service_name_prefix = tracing.serviceNamePrefix;
    if (tracing.samplerProbability !== undefined) section.sampler_probability = String(tracing.samplerProbability);
    if (tracing.tokenSecretName) {
      section.exporter_auth = { token_header: tracing.tokenHeader, token_file: `${TRACING_TOKEN_MOUNT_PATH}/${tracing.tokenKey ?? DEFAULT_TRACING_TOKEN_KEY}` };
      const volume = AisVolume.fromSecret('tracing-token', tracing.tokenSecretName, TRACING_TOKEN_MOUNT_PATH);
      proxy.volumes.push(volume);
      target.volumes.push(volume);
    }
    clusterConfig.tracing = section;
  }
  return { proxy, target, clusterConfig };
}
