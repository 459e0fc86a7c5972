import type { Prerequisite } from '../k8s/prerequisite';
import type { AisClusterCommonProps } from './cluster-props';
import { METALLB_PREREQUISITE } from './network/metallb';
import type { AisNetworkOptions } from './network/addressing';
import { usesWhereabouts } from './network/attachments';
import { secretRequirements } from './security/credentials';
import { AisMonitoringOptions, ScrapeKind } from './monitoring/props';
import { SecretStoreKind } from './security/external-secrets';
import { AisSecurityProps } from './security/security';
import { CERT_MANAGER_CSI_DRIVER, CertificateDelivery, DEFAULT_CA_BUNDLE_KEY, IssuerKind } from './security/tls';

/**
 * What an AIS cluster with these security settings needs and does not create: Secrets it only
 * references (unless an ExternalSecret creates them), image pull secrets, the CA bundle ConfigMap,
 * the cert-manager issuer, the secret store, and the controllers behind the custom resources we emit.
 */
export function aisPrerequisites(props: AisSecurityProps, namespace: string, imagePullSecrets: readonly string[] = []): Prerequisite[] {
  const result: Prerequisite[] = [];
  const request = props.tls?.certificate;
  if (request) {
    result.push({ kind: 'CustomResourceDefinition', name: 'certificates.cert-manager.io', purpose: 'cert-manager, which issues the AIS certificates' });
    if (request.delivery === CertificateDelivery.CSI) {
      result.push({ kind: 'CSIDriver', name: CERT_MANAGER_CSI_DRIVER, purpose: 'the cert-manager csi-driver, which mounts each AIS pod its own certificate' });
    }
    if (request.issuer) {
      const kind = request.issuer.kind ?? IssuerKind.CLUSTER_ISSUER;
      result.push({ kind, name: request.issuer.name, namespace: kind === IssuerKind.ISSUER ? namespace : undefined,
        purpose: props.tls?.caBundle ? 'issues the AIS certificate' : 'issues the AIS certificate and puts its CA into ca.crt' });
    }
  }
  if (props.tls?.caBundle) {
    result.push({ kind: 'ConfigMap', name: props.tls.caBundle.configMapName, namespace, keys: [props.tls.caBundle.key ?? DEFAULT_CA_BUNDLE_KEY],
      purpose: 'CA bundle AIS trusts for its peers and client certificates' });
  }
  const external = props.externalSecrets;
  const fromStore = new Set(Object.keys(external?.remoteKeys ?? {}));
  if (external && fromStore.size > 0) {
    const kind = external.store.kind ?? SecretStoreKind.CLUSTER_SECRET_STORE;
    result.push(
      { kind: 'CustomResourceDefinition', name: 'externalsecrets.external-secrets.io', purpose: 'External Secrets Operator, which creates the referenced Secrets' },
      { kind, name: external.store.name, namespace: kind === SecretStoreKind.SECRET_STORE ? namespace : undefined,
        purpose: `holds ${[...fromStore].map((s) => `${external.remoteKeys[s]} (for Secret ${s})`).join(', ')}` },
    );
  }
  for (const secret of secretRequirements(props).filter((s) => !fromStore.has(s.name))) {
    result.push({ kind: 'Secret', name: secret.name, namespace, keys: secret.keys, purpose: secret.purpose });
  }
  for (const name of imagePullSecrets) {
    result.push({ kind: 'Secret', name, namespace, keys: ['.dockerconfigjson'], purpose: 'image pull secret of the AIS pods' });
  }
  return result;
}

/**
 * What monitoring needs and does not create: the prometheus-operator CRDs (kube-prometheus-stack or
 * the prometheus-operator-crds chart install them), the namespace of rules and dashboards, and the
 * exporters behind the Kubernetes and capacity alerts.
 */
export function aisMonitoringPrerequisites(options: AisMonitoringOptions, clusterNamespace: string): Prerequisite[] {
  const kind = options.scrapeKind ?? ScrapeKind.POD_MONITOR;
  const result: Prerequisite[] = [
    { kind: 'CustomResourceDefinition', name: kind === ScrapeKind.POD_MONITOR ? 'podmonitors.monitoring.coreos.com' : 'servicemonitors.monitoring.coreos.com',
      purpose: `prometheus-operator, whose Prometheus scrapes AIS by the ${kind}s` },
    { kind: 'CustomResourceDefinition', name: 'prometheusrules.monitoring.coreos.com', purpose: 'prometheus-operator, which loads the AIS alert rules' },
  ];
  const home = options.namespace ?? clusterNamespace;
  if (home !== clusterNamespace) {
    result.push({ kind: 'Namespace', name: home, purpose: 'holds the AIS alert rules and dashboards (where Prometheus and the Grafana sidecar look)' });
  }
  return result;
}

/**
 * What Multus attachments need: Multus itself (its CRD), each NetworkAttachmentDefinition we do not emit,
 * and whereabouts for the ones we do (their IPAM) with the CNI plugin they name.
 */
export function aisNetworkPrerequisites(network: AisNetworkOptions | undefined, namespace: string): Prerequisite[] {
  const attachments = network?.attachments ?? [];
  if (attachments.length === 0) return [];
  const result: Prerequisite[] = [{ kind: 'CustomResourceDefinition', name: 'network-attachment-definitions.k8s.cni.cncf.io',
    purpose: 'Multus (thick or thin plugin on every AIS node), which gives the AIS pods the interfaces of their attachments' }];
  for (const attachment of attachments.filter((a) => !a.cni)) {
    result.push({ kind: 'NetworkAttachmentDefinition', name: attachment.name, namespace, purpose: 'an extra interface of the AIS pods (Multus)' });
  }
  if (usesWhereabouts(attachments)) {
    const plugins = [...new Set(attachments.flatMap((a) => (a.cni ? [a.cni.type] : [])))];
    result.push({ kind: 'CustomResourceDefinition', name: 'ippools.whereabouts.cni.cncf.io',
      purpose: `whereabouts, which gives the attachments we emit their addresses, and the ${plugins.join(' and ')} CNI plugin${plugins.length > 1 ? 's' : ''} in /opt/cni/bin on every AIS node` });
  }
  return result;
}

/**
 * Everything a whole AIS cluster (standalone or operator-run) needs and does not create, in the
 * order PLAN.md lists it: MetalLB when it assigns the LoadBalancer IPs, what the security settings
 * reference, Multus and the attachments, then what monitoring needs.
 * @param metallb whether MetalLB assigns the LoadBalancer IPs (the cluster's resolved gateway setting)
 */
export function aisClusterPrerequisites(props: AisClusterCommonProps & AisSecurityProps, namespace: string, metallb: boolean): Prerequisite[] {
  return [
    ...(metallb ? [METALLB_PREREQUISITE] : []),
    ...aisPrerequisites(props, namespace, props.images?.pullSecrets ?? []),
    ...aisNetworkPrerequisites(props.network, namespace),
    ...(props.monitoring ? aisMonitoringPrerequisites(props.monitoring, namespace) : []),
  ];
}
