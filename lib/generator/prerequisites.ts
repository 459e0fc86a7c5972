import { DEFAULT_OPERATOR_NAMESPACE } from '../ais/operator/defaults';
import type { Prerequisite } from '../k8s/prerequisite';
import { aisMonitoringPrerequisites, aisPrerequisites } from '../ais/prerequisites';
import { METALLB_PREREQUISITE } from '../ais/network/metallb';
import { aisMonitoringOptions } from '../from-config/ais-monitoring';
import { aisSecurityProps } from '../from-config/ais-security';
import { DEFAULT_CA_BUNDLE_KEY } from '../ais/security/tls';
import { auristorClientProps } from '../from-config/auristor';
import { auristorPrerequisites } from '../auristor/prerequisites';
import type { ClusterConfig } from '../config/schema';

/** What an operator-run cluster relies on beyond the security settings: the operator and what the AIStore and its settings name. */
function operatorPrerequisites(config: ClusterConfig): { first: Prerequisite[]; last: Prerequisite[] } {
  const operator = config.ais?.operator;
  const settings = config.operator;
  const first: Prerequisite[] = [{ kind: 'CustomResourceDefinition', name: 'aistores.ais.nvidia.com', purpose: 'the AIS operator, which runs the cluster from the AIStore' }];
  const last: Prerequisite[] = [];
  if (operator?.stateStorageClass) {
    last.push({ kind: 'StorageClass', name: operator.stateStorageClass, purpose: 'state volumes of the AIS pods (the operator webhook checks it exists)' });
  }
  const admin = operator?.adminClient;
  if (admin?.caConfigMap) {
    last.push({ kind: 'ConfigMap', name: admin.caConfigMap, namespace: config.namespace, keys: [admin.caKey ?? DEFAULT_CA_BUNDLE_KEY], purpose: 'CA bundle the admin client trusts' });
  }
  const home = settings?.namespace ?? DEFAULT_OPERATOR_NAMESPACE;
  if (settings?.aisCAConfigMap) {
    last.push({ kind: 'ConfigMap', name: settings.aisCAConfigMap, namespace: home, purpose: 'CA certificates (.crt/.pem) the operator verifies AIS with' });
  }
  if (settings?.authCAConfigMap) {
    last.push({ kind: 'ConfigMap', name: settings.authCAConfigMap, namespace: home, purpose: 'CA certificates (.crt/.pem) the operator verifies the auth service with' });
  }
  const issuer = settings?.clientCert?.issuer;
  if (issuer) {
    last.push({ kind: issuer.kind, name: issuer.name, namespace: issuer.kind === 'Issuer' ? home : undefined,
      purpose: "issues the operator's client certificate (from a CA AIS trusts)" });
  }
  return { first, last };
}

/** Everything a cluster config's output needs in the cluster and does not create (Secrets, ConfigMaps, issuers, stores, controllers, the AIS operator, AuriStorFS client config). */
export function configPrerequisites(config: ClusterConfig): Prerequisite[] {
  return [...aisConfigPrerequisites(config), ...(config.auristor ? auristorPrerequisites(auristorClientProps(config.auristor)) : [])];
}

function aisConfigPrerequisites(config: ClusterConfig): Prerequisite[] {
  if (!config.ais) return [];
  const monitoring = aisMonitoringOptions(config.ais.monitoring);
  const security = [
    ...aisPrerequisites(aisSecurityProps(config.ais), config.namespace, config.ais.imagePullSecrets),
    ...(monitoring ? aisMonitoringPrerequisites(monitoring, config.namespace) : []),
  ];
  // with gateway.metallb (default when a gateway is configured) MetalLB assigns the LoadBalancer IPs
  const metallb: Prerequisite[] = config.ais.gateway?.metallb ? [METALLB_PREREQUISITE] : [];
  if (config.ais.mode !== 'operator') return [...metallb, ...security];
  const { first, last } = operatorPrerequisites(config);
  return [...first, ...metallb, ...security, ...last];
}
