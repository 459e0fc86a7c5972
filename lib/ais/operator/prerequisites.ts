import type { Prerequisite } from '../../k8s/prerequisite';
import { aisClusterPrerequisites } from '../prerequisites';
import { DEFAULT_CA_BUNDLE_KEY, IssuerKind } from '../security/tls';
import type { AisOperatorClusterProps } from './cluster-props';
import { DEFAULT_OPERATOR_NAMESPACE } from './defaults';

/**
 * What an operator-run cluster needs and does not create, in PLAN.md's order: the AIS operator (its
 * CRD) first, then what every AIS cluster needs ({@link aisClusterPrerequisites}), then what the
 * AIStore and the operator settings name: the state StorageClass (the operator webhook checks it
 * exists), the admin client's CA bundle, the operator's CA ConfigMaps and its client-certificate issuer.
 */
export function aisOperatorPrerequisites(props: AisOperatorClusterProps, namespace: string, metallb: boolean): Prerequisite[] {
  const last: Prerequisite[] = [];
  const stateClass = props.stateStorage?._toSpec().pvc?.storageClass;
  if (stateClass) last.push({ kind: 'StorageClass', name: stateClass, purpose: 'state volumes of the AIS pods (the operator webhook checks it exists)' });
  const admin = props.adminClient;
  if (admin?.caConfigMap) {
    last.push({ kind: 'ConfigMap', name: admin.caConfigMap, namespace, keys: [admin.caKey ?? DEFAULT_CA_BUNDLE_KEY], purpose: 'CA bundle the admin client trusts' });
  }
  const settings = props.operatorSettings;
  const home = settings?.namespace ?? DEFAULT_OPERATOR_NAMESPACE;
  if (settings?.aisCAConfigMap) {
    last.push({ kind: 'ConfigMap', name: settings.aisCAConfigMap, namespace: home, purpose: 'CA certificates (.crt/.pem) the operator verifies AIS with' });
  }
  if (settings?.authCAConfigMap) {
    last.push({ kind: 'ConfigMap', name: settings.authCAConfigMap, namespace: home, purpose: 'CA certificates (.crt/.pem) the operator verifies the auth service with' });
  }
  const cert = settings?.clientCertificate;
  if (cert) {
    const kind = cert.issuerKind ?? IssuerKind.CLUSTER_ISSUER;
    last.push({ kind, name: cert.issuerName, namespace: kind === IssuerKind.ISSUER ? home : undefined,
      purpose: "issues the operator's client certificate (from a CA AIS trusts)" });
  }
  return [
    { kind: 'CustomResourceDefinition', name: 'aistores.ais.nvidia.com', purpose: 'the AIS operator, which runs the cluster from the AIStore' },
    ...aisClusterPrerequisites(props, namespace, metallb),
    ...last,
  ];
}
