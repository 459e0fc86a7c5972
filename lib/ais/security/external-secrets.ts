// Type-only import (erased at runtime): the external-secrets model checks our fields at compile time.
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { SecretRequirement } from './credentials';
import { AisComponent, aisLabels } from '../labels';
import { DEFAULT_EXTERNAL_SECRETS_REFRESH } from '../defaults';

/** Kind of an external-secrets.io store. */
export enum SecretStoreKind {
  /** cluster-scoped, usable from every namespace */
  CLUSTER_SECRET_STORE = 'ClusterSecretStore',
  /** namespaced: must live in the cluster's namespace */
  SECRET_STORE = 'SecretStore',
}

/** An existing external-secrets.io store. */
export interface SecretStoreReference {
  readonly name: string;
  /** @default SecretStoreKind.CLUSTER_SECRET_STORE */
  readonly kind?: SecretStoreKind;
}

/** Which referenced Secrets ExternalSecrets create, and from where. */
export interface AisExternalSecretsOptions {
  /** the store every ExternalSecret reads from */
  readonly store: SecretStoreReference;
  /**
   * How often the Secrets are refreshed from the store, a Go duration.
   * @default '1h'
   */
  readonly refreshInterval?: string;
  /**
   * Secret name → key of its entry in the store. Each key the pods read (e.g. `config` and
   * `credentials` for AWS) is the property of the same name of that entry. Secrets not listed here
   * must exist before sync.
   */
  readonly remoteKeys: Readonly<Record<string, string>>;
}

export interface AisExternalSecretsProps extends AisExternalSecretsOptions {
  readonly cluster: string;
  readonly namespace: string;
  /** the Secrets the cluster reads (see `secretRequirements`) */
  readonly secrets: readonly SecretRequirement[];
}

// Wire type of the external-secrets.io/v1 fields we set; the tests validate strictly against the CRD.
interface ExternalSecretSpec {
  readonly secretStoreRef: { readonly name: string; readonly kind: string };
  readonly refreshInterval: string;
  readonly target: {
    readonly name: string;
    readonly creationPolicy: 'Owner' | 'Orphan' | 'Merge' | 'None';
    readonly deletionPolicy: 'Delete' | 'Merge' | 'Retain';
    readonly template: { readonly type?: string; readonly metadata: { readonly labels: Record<string, string> } };
  };
  readonly data: Array<{ readonly secretKey: string; readonly remoteRef: { readonly key: string; readonly property: string } }>;
}

/**
 * One `ExternalSecret` (external-secrets.io/v1) per Secret listed in `remoteKeys`, named like the
 * Secret it creates and owns. The Secret is kept when the store entry disappears
 * (`deletionPolicy: Retain`), so a store outage never takes credentials away from running pods.
 */
export class AisExternalSecrets extends Construct {
  /** the ExternalSecrets, by Secret name */
  public readonly externalSecrets: ReadonlyMap<string, ApiObject>;

  constructor(scope: Construct, id: string, props: AisExternalSecretsProps) {
    super(scope, id);
    const labels = aisLabels(props.cluster, AisComponent.CREDENTIALS);
    const objects = new Map<string, ApiObject>();
    for (const [name, remoteKey] of Object.entries(props.remoteKeys)) {
      const secret = props.secrets.find((s) => s.name === name);
      if (!secret) {
        // the AIS rulebook refuses remote keys of Secrets the cluster does not read
        throw new Error(`AisExternalSecrets: secret ${name} is not among props.secrets (it uses: ${props.secrets.map((s) => s.name).join(', ') || 'none'})`);
      }
      const spec: ExternalSecretSpec = {
        secretStoreRef: { name: props.store.name, kind: props.store.kind ?? SecretStoreKind.CLUSTER_SECRET_STORE },
        refreshInterval: props.refreshInterval ?? DEFAULT_EXTERNAL_SECRETS_REFRESH,
        target: {
          name,
          creationPolicy: 'Owner',
          deletionPolicy: 'Retain',
          template: secret.type ? { type: secret.type, metadata: { labels } } : { metadata: { labels } },
        },
        data: secret.keys.map((key) => ({ secretKey: key, remoteRef: { key: remoteKey, property: key } })),
      };
      objects.set(name, new ApiObject(this, name, {
        apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name, namespace: props.namespace, labels }, spec,
      }));
    }
    this.externalSecrets = objects;
  }
}
