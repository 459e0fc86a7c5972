import type { AisClusterCommonProps } from '../cluster-props';
import type { AisSecurityProps } from '../security/security';
import type { AiStoreClusterOptions } from './aistore-props';
import type { AisOperatorSettingsProps } from './operator-settings';

/**
 * Props of an operator-run cluster: the description a standalone {@link AisCluster} takes, with the
 * same security props ({@link AisSecurityProps}: HTTPS, credentials, tracing, ExternalSecrets,
 * NetworkPolicy, the targets' PodDisruptionBudget), mapped onto the AIStore; plus the AIStore's own options.
 */
export interface AisOperatorClusterProps extends AisClusterCommonProps, AiStoreClusterOptions, AisSecurityProps {
  /**
   * Settings of the operator install this cluster needs (CA ConfigMaps, client certificate, env).
   * @default - none: the install as it is
   */
  readonly operatorSettings?: Omit<AisOperatorSettingsProps, 'cluster' | 'clusterNamespace'>;
}
