import { Prerequisite, aisPrerequisites } from '../ais/prerequisites';
import { aisSecurityProps } from '../ais/security-from-config';
import { auristorClientProps } from '../auristor/from-config';
import { auristorPrerequisites } from '../auristor/prerequisites';
import type { ClusterConfig } from '../config/schema';

/** Everything a cluster config's output needs in the cluster and does not create (Secrets, ConfigMaps, issuers, stores, controllers). */
export function configPrerequisites(config: ClusterConfig): Prerequisite[] {
  return [
    ...(config.ais ? aisPrerequisites(aisSecurityProps(config.ais), config.namespace, config.ais.imagePullSecrets) : []),
    ...(config.auristor ? auristorPrerequisites(auristorClientProps(config.auristor)) : []),
  ];
}
