/**
 * The rows of the AIS operator rulebook (lib/ais/operator/cluster-checks.ts): props of an AisOperatorCluster and an
 * `ais:` config with `mode: operator`; and of the AIStore resource alone (AiStoreResource, library only).
 */
import type { AiStoreResourceProps } from '../../lib/ais/operator/aistore-props';
import type { AisOperatorClusterProps } from '../../lib/ais/operator/cluster-props';
import { AisStateStorage, AisTls } from '../../lib/ais/operator/options';
import { CertificateDelivery, IssuerKind, TlsClientAuth } from '../../lib/ais/security/tls';
import { MountpathStorage } from '../../lib/ais/storage/mountpath';
import { AisTargetNetwork } from '../../lib/ais/network/addressing';
import { PublicNetDnsMode } from '../../lib/ais/operator/aistore-props';
import { RuleCase, edit } from './cases';

// Kubernetes 1.29: the operator's pods need status.hostIPs (1.28 without the PodHostIPs gate refuses them)
export const OPERATOR_PROPS: AisOperatorClusterProps = {
  name: 'demo', namespace: 'ais', kubernetesVersion: '1.29', proxyNodes: ['n1', 'n2'], targetNodes: ['n1', 'n2'], mountpaths: [{ path: '/ais/sda' }],
};

export const OPERATOR_YAML = `name: demo
namespace: ais
kubernetesVersion: "1.29"
ais:
  mode: operator
  proxies: { nodes: [n1, n2] }
  targets: { nodes: [n1, n2], mountpaths: [/ais/sda] }
`;

const props = (change: Partial<AisOperatorClusterProps>): AisOperatorClusterProps => ({ ...OPERATOR_PROPS, ...change });
const yaml = (extra: string) => `${OPERATOR_YAML}${extra}`;
const targets = (to: string) => edit(OPERATOR_YAML, '  targets: { nodes: [n1, n2], mountpaths: [/ais/sda] }\n', to);
const issuer = { name: 'ca-issuer', kind: IssuerKind.CLUSTER_ISSUER };
const clientCertificate = { issuerName: 'ca-issuer' };
const PV_NODE = ['a', 'b', 'c'].map((c) => c.repeat(63)).join('.') + '.' + 'd'.repeat(61);

export const OPERATOR_CASES: ReadonlyArray<RuleCase<AisOperatorClusterProps>> = [
  { rule: 'the cluster name fits the names the AIS operator derives from it (one error, the mode\'s limit)',
    props: props({ name: 'a'.repeat(69) }),
    problem: { path: 'name', message: `cluster name ${'a'.repeat(60)}… (69 characters); at most 45 in operator mode (StatefulSet <name>-target: at most 52, or its pods never start (kubernetes/kubernetes#64023))` },
    yaml: { text: edit(OPERATOR_YAML, 'name: demo', `name: ${'a'.repeat(69)}`), path: 'name', at: 'a'.repeat(69) } },
  { rule: 'the operator\'s claim of a PVC-backed mount (<name><path>) is a DNS-1123 label',
    props: props({ storage: MountpathStorage.LOCAL_PV, mountpaths: [{ path: '/ais/Disk1', size: '1Ti' }] }),
    problem: { path: 'mountpaths[0]', message: 'the operator\'s volume name "demo-ais-Disk1" is not a DNS-1123 label: lowercase letters, digits and \'-\', starting and ending with a letter or digit (derived from the cluster name and mountpath /ais/Disk1); use a shorter path of lowercase letters, digits and \'-\'' },
    yaml: { text: targets('  targets: { nodes: [n1, n2], mountpaths: [{ path: /ais/Disk1, size: 1Ti }], storage: localPV }\n'), path: 'ais.targets.mountpaths[0]', at: '{ path: /ais/Disk1' } },
  { rule: 'the mpath label of the local PVs (pv-<mountpath>) is a label value',
    props: props({ name: 'a', storage: MountpathStorage.LOCAL_PV, mountpaths: [{ path: `/${'x'.repeat(61)}`, size: '1Ti' }] }),
    problem: { path: 'mountpaths[0]', message: `PersistentVolume label value pv-${'x'.repeat(61)} is 64 characters; at most 63 (derived from the cluster name and mountpath /${'x'.repeat(59)}… (62 characters)); use a shorter path of lowercase letters, digits and '-'` },
    yaml: { text: edit(targets(`  targets: { nodes: [n1, n2], mountpaths: [{ path: /${'x'.repeat(61)}, size: 1Ti }], storage: localPV }\n`), 'name: demo', 'name: a'),
      path: 'ais.targets.mountpaths[0]', at: '{ path: /x' } },
  { rule: 'local PV names (<node>-pv-<mountpath>, the AIS Helm layout) are at most 253 characters',
    props: props({ storage: MountpathStorage.LOCAL_PV, mountpaths: [{ path: '/ais/sda', size: '1Ti' }], targetNodes: ['n1', PV_NODE] }),
    problem: { path: 'targetNodes[1]', message: `PersistentVolume name ${PV_NODE.slice(0, 80)}… is 264 characters; at most 253 (the local PV of node ${PV_NODE.slice(0, 60)}… (253 characters) and mountpath /ais/sda)` },
    yaml: { text: targets(`  targets: { nodes: [n1, ${PV_NODE}], mountpaths: [{ path: /ais/sda, size: 1Ti }], storage: localPV }\n`), path: 'ais.targets.nodes[1]', at: PV_NODE } },
  // what the AIStore cannot carry
  { rule: 'the AIStore certificate takes no IP SANs',
    props: props({ tls: { certificate: { issuer, additionalIpAddresses: ['10.0.0.1'] } } }),
    problem: { path: 'tls.certificate.additionalIpAddresses', message: 'the AIStore certificate takes DNS names only (the operator adds the service and pod names itself): give these addresses DNS names in tls.certificate.additionalDnsNames, or remove this key in operator mode' },
    yaml: { text: yaml('  tls: { certManager: { issuer: { name: ca-issuer } }, ipAddresses: [10.0.0.1] }\n'), path: 'ais.tls.ipAddresses', at: '[10.0.0.1]',
      message: 'the AIStore certificate takes DNS names only (the operator adds the service and pod names itself): give these addresses DNS names in tls.dnsNames, or remove this key in operator mode' } },
  { rule: 'the operator mounts no CA bundle into the AIS pods',
    props: props({ tls: { certificate: { issuer }, caBundle: { configMapName: 'ca' } } }),
    problem: { path: 'tls.caBundle', message: 'the AIS operator points client_ca_tls at the ca.crt of the certificate and mounts no CA bundle into the AIS pods: use an issuer whose ca.crt is the CA to trust (a CA issuer); for the admin client use adminClient.caConfigMap' },
    yaml: { text: yaml('  tls: { certManager: { issuer: { name: ca-issuer } }, caConfigMap: { name: ca } }\n'), path: 'ais.tls.caConfigMap', at: '{ name: ca }',
      message: 'the AIS operator points client_ca_tls at the ca.crt of the certificate and mounts no CA bundle into the AIS pods: use an issuer whose ca.crt is the CA to trust (a CA issuer); for the admin client use operator.adminClient.caConfigMap' } },
  { rule: 'client auth that demands a certificate fails the operator\'s probes',
    props: props({ tls: { certificate: { issuer }, clientAuth: TlsClientAuth.REQUIRE_AND_VERIFY } }),
    problem: { path: 'tls.clientAuth', message: 'clientAuth requireAndVerify rejects every client without a certificate, and the operator\'s probes are HTTPS requests from kubelet without one, so no AIS pod would become ready: use verifyIfGiven in operator mode (standalone mode probes the TCP port)' },
    yaml: { text: yaml('  tls: { certManager: { issuer: { name: ca-issuer } }, clientAuth: requireAndVerify }\n'), path: 'ais.tls.clientAuth', at: 'requireAndVerify' } },
  { rule: 'client auth needs the operator\'s client certificate',
    props: props({ tls: { certificate: { issuer }, clientAuth: TlsClientAuth.VERIFY_IF_GIVEN } }),
    problem: { path: 'tls.clientAuth', message: 'with clientAuth verifyIfGiven AIS asks the operator for a client certificate and the operator\'s requests fail without one: add operatorSettings.clientCertificate (from an issuer AIS trusts)' },
    yaml: { text: yaml('  tls: { certManager: { issuer: { name: ca-issuer } }, clientAuth: verifyIfGiven }\n'), path: 'ais.tls.clientAuth', at: 'verifyIfGiven',
      message: 'with clientAuth verifyIfGiven AIS asks the operator for a client certificate and the operator\'s requests fail without one: add operator.clientCert (from an issuer AIS trusts)' } },
  { rule: 'the operator always pulls AIS images',
    props: props({ images: { aisnode: 'docker.io/aistorage/aisnode:v4.9', init: 'docker.io/aistorage/ais-init:v4.9', pullPolicy: 'IfNotPresent' } }),
    problem: { path: 'images.pullPolicy', message: 'the AIS operator always pulls AIS images with imagePullPolicy Always; remove this key in operator mode' },
    yaml: { text: yaml('  images: { pullPolicy: IfNotPresent }\n'), path: 'ais.images.pullPolicy', at: 'IfNotPresent' } },
  { rule: 'the operator creates the gateway LoadBalancer and takes only annotations',
    props: props({ gateway: { loadBalancerIP: '10.0.0.10', metallb: false } }),
    problem: { path: 'gateway.loadBalancerIP', message: 'in operator mode the operator creates the gateway LoadBalancer and only takes annotations: keep gateway.metallb: true, or request the IP through gateway.annotations for your load balancer' },
    yaml: { text: yaml('  gateway: { loadBalancerIP: 10.0.0.10, metallb: false }\n'), path: 'ais.gateway.loadBalancerIP', at: '10.0.0.10' } },
  // the AIStore's own fields
  { rule: 'cleanupData needs cleanupMetadata (the AIStore webhook)',
    props: props({ cleanupData: true }),
    problem: { path: 'cleanupData', message: 'cleanupData: true needs cleanupMetadata: true (the operator rejects the AIStore otherwise)' },
    yaml: { text: yaml('  operator: { cleanupData: true }\n'), path: 'ais.operator.cleanupData', at: 'true' } },
  { rule: 'the operator authenticates one way (library only: the config has no auth)',
    props: props({ auth: { profileName: 'p', usernamePasswordSecret: 's' } }),
    problem: { path: 'auth', message: 'auth needs exactly one of profileName or usernamePasswordSecret' } },
  { rule: 'a state hostPath prefix is absolute (the config\'s statePath is a parsed absolute path)',
    props: props({ stateStorage: AisStateStorage.hostPath('etc/ais') }),
    problem: { path: 'stateStorage', message: 'the state hostPath prefix must be an absolute path, got "etc/ais"' } },
  { rule: 'state storage on PVCs names its StorageClass',
    props: props({ stateStorage: AisStateStorage.pvc('') }),
    problem: { path: 'stateStorage', message: 'state storage on PVCs needs a StorageClass (an existing StorageClass for the state volumes)' },
    yaml: { text: yaml('  operator: { stateStorage: pvc }\n'), path: 'ais.operator.stateStorage', at: 'pvc' } },
  { rule: 'the admin client image is pinned',
    props: props({ adminClient: { image: 'docker.io/aistorage/ais-util:latest' } }),
    problem: { path: 'adminClient.image', message: 'image docker.io/aistorage/ais-util:latest is not pinned; use an explicit version tag or digest (or set images.allowUnpinned: true)' },
    yaml: { text: yaml('  operator: { adminClient: { image: docker.io/aistorage/ais-util:latest } }\n'), path: 'ais.operator.adminClient.image', at: 'docker.io/aistorage/ais-util:latest' } },
  // the operator install
  { rule: 'the auth TLS cache TTL is a Go duration',
    props: props({ operatorSettings: { authTlsCacheTtl: 'an hour' } }),
    problem: { path: 'operatorSettings.authTlsCacheTtl', message: 'an hour is not a duration such as 1h or 30m' },
    yaml: { text: yaml('operator: { authTLSCacheTTL: an hour }\n'), path: 'operator.authTLSCacheTTL', at: 'an hour', schema: true,
      message: 'expected a duration such as 2160h, 90m or 1h30m, got "an hour"' } },
  { rule: 'the auth TLS cache TTL is at least the operator\'s 1m',
    props: props({ operatorSettings: { authTlsCacheTtl: '30s' } }),
    problem: { path: 'operatorSettings.authTlsCacheTtl', message: 'operatorSettings.authTlsCacheTtl 30s is below the operator\'s minimum of 1m (it would use 1m)' },
    yaml: { text: yaml('operator: { authTLSCacheTTL: 30s }\n'), path: 'operator.authTLSCacheTTL', at: '30s',
      message: 'authTLSCacheTTL 30s is below the operator\'s minimum of 1m (it would use 1m)' } },
  { rule: 'the operator\'s client certificate lives at least cert-manager\'s 1h',
    props: props({ operatorSettings: { clientCertificate: { ...clientCertificate, duration: '30m' } } }),
    problem: { path: 'operatorSettings.clientCertificate.duration', message: 'duration 30m is shorter than cert-manager\'s minimum of 1h (its webhook rejects the Certificate)' },
    yaml: { text: yaml('operator: { clientCert: { issuer: { name: ca-issuer }, duration: 30m } }\n'), path: 'operator.clientCert.duration', at: '30m' } },
  { rule: 'the operator\'s client certificate renews before it expires (cert-manager ValidateDuration)',
    props: props({ operatorSettings: { clientCertificate: { ...clientCertificate, duration: '24h', renewBefore: '24h' } } }),
    problem: { path: 'operatorSettings.clientCertificate.renewBefore', message: 'renewBefore 24h must be shorter than duration 24h' },
    yaml: { text: yaml('operator: { clientCert: { issuer: { name: ca-issuer }, duration: 24h, renewBefore: 24h } }\n'), path: 'operator.clientCert.renewBefore', at: ['24h', 2] } },
  { rule: 'the operator\'s client certificate renews at least cert-manager\'s 5m before',
    props: props({ operatorSettings: { clientCertificate: { ...clientCertificate, renewBefore: '1m' } } }),
    problem: { path: 'operatorSettings.clientCertificate.renewBefore', message: 'renewBefore 1m is shorter than cert-manager\'s minimum of 5m (its webhook rejects the Certificate)' },
    yaml: { text: yaml('operator: { clientCert: { issuer: { name: ca-issuer }, renewBefore: 1m } }\n'), path: 'operator.clientCert.renewBefore', at: '1m' } },
  { rule: 'a per-cluster client certificate Secret is a volume name of the operator (a DNS-1123 label)',
    props: props({ name: 'a'.repeat(30), namespace: 'n'.repeat(30), operatorSettings: { clientCertificate: { ...clientCertificate, perCluster: true } } }),
    problem: { path: 'operatorSettings.clientCertificate.perCluster', message: `client certificate Secret (a volume name of the operator Deployment) operator-tls-${'n'.repeat(30)}-${'a'.repeat(30)} is 74 characters; at most 63; use the shared certificate or a shorter cluster name or namespace` },
    yaml: { text: edit(edit(yaml('operator: { clientCert: { issuer: { name: ca-issuer }, perCluster: true } }\n'), 'name: demo', `name: ${'a'.repeat(30)}`), 'namespace: ais', `namespace: ${'n'.repeat(30)}`),
      path: 'operator.clientCert.perCluster', at: 'true' } },
  // addresses, versions
  { rule: 'the declared operator knows every AIStore field we emit (its CRD per tag)',
    props: props({ operatorSettings: { operatorVersion: 'v3.0.0' } }),
    problem: { path: 'operatorSettings.operatorVersion', message: 'the AIStore uses spec.proxySpec.externalAccess (CRD from v3.1.0); operator v3.0.0\'s CRD prunes what it does not know and its webhook then refuses the AIStore (errUndefinedStateStorage at v2.19.0): use operator v3.1.0 or later (ais-k8s operator/config/base/crd/ais.nvidia.com_aistores.yaml, per tag)' },
    yaml: { text: yaml('operator: { version: v3.0.0 }\n'), path: 'operator.version', at: 'v3.0.0' } },
  { rule: 'Kubernetes 1.28 refuses the operator\'s pods (HOST_IPS from status.hostIPs) unless the PodHostIPs gate is on',
    props: props({ kubernetesVersion: undefined }),
    problem: { path: 'kubernetesVersion', message: 'Kubernetes 1.28 (the default) refuses the AIS operator\'s pods: the operator (v2.10.0 and later, cmn/env.go CommonInitEnv) sets HOST_IPS from status.hostIPs, which a 1.28 API server accepts only with the PodHostIPs feature gate (off by default). Set kubernetesVersion "1.29" or later, or, if your API servers run with --feature-gates=PodHostIPs=true, say so: kubernetesFeatureGates.podHostIPs: true' },
    yaml: { text: edit(OPERATOR_YAML, 'kubernetesVersion: "1.29"\n', 'kubernetesVersion: "1.28"\n'), path: 'kubernetesVersion', at: '"1.28"',
      message: 'Kubernetes 1.28 refuses the AIS operator\'s pods: the operator (v2.10.0 and later, cmn/env.go CommonInitEnv) sets HOST_IPS from status.hostIPs, which a 1.28 API server accepts only with the PodHostIPs feature gate (off by default). Set kubernetesVersion "1.29" or later, or, if your API servers run with --feature-gates=PodHostIPs=true, say so: kubernetesFeatureGates.PodHostIPs: true' } },
  { rule: 'host-network targets need a public hostname that does not depend on which IP aisnode finds (not IP mode)',
    props: props({ network: { targetNetwork: AisTargetNetwork.HOST, nodes: { n1: { ip: '10.0.0.1' }, n2: { ip: '10.0.0.2' } } } }),
    problem: { path: 'network.targetNetwork', message: 'with host-network targets the operator sets HOST_NETWORK=true, and in IP mode ais-init then clears the public hostname so that aisnode advertises whichever local IP it finds first (no certificate can name it): give per-node public addresses in network.nodes, or set publicNetDnsMode: Node' },
    yaml: { text: yaml('  network: { targets: hostNetwork, nodes: { n1: 10.0.0.1, n2: 10.0.0.2 } }\n'), path: 'ais.network.targets', at: 'hostNetwork',
      message: 'with host-network targets the operator sets HOST_NETWORK=true, and in IP mode ais-init then clears the public hostname so that aisnode advertises whichever local IP it finds first (no certificate can name it): give per-node public addresses in network.nodes, or set operator.publicNetDNSMode: Node' } },
  { rule: 'per-node public addresses need publicNetDNSMode Node (the hostname map is keyed by node name)',
    props: props({ publicNetDnsMode: PublicNetDnsMode.IP, network: { nodes: { n1: { public: ['10.1.0.1'] }, n2: { public: ['10.1.0.2'] } } } }),
    problem: { path: 'publicNetDnsMode', message: 'per-node public addresses (network.nodes) go through the hostname map keyed by node name: publicNetDNSMode must be Node (or left out)' },
    yaml: { text: yaml('  network: { nodes: { n1: { public: [10.1.0.1] }, n2: { public: [10.1.0.2] } } }\n  operator: { publicNetDNSMode: IP }\n'), path: 'ais.operator.publicNetDNSMode', at: 'IP }' } },
  { rule: 'host-network targets keep one per node (host ports)',
    props: props({ disablePodAntiAffinity: true, publicNetDnsMode: PublicNetDnsMode.NODE, network: { targetNetwork: AisTargetNetwork.HOST, nodes: { n1: { ip: '10.0.0.1' }, n2: { ip: '10.0.0.2' } } } }),
    problem: { path: 'disablePodAntiAffinity', message: 'two host-network targets on one node would bind the same host ports: keep one target per node' },
    yaml: { text: yaml('  network: { targets: hostNetwork, nodes: { n1: 10.0.0.1, n2: 10.0.0.2 } }\n  operator: { publicNetDNSMode: Node, disablePodAntiAffinity: true }\n'),
      path: 'ais.operator.disablePodAntiAffinity', at: 'true' } },
  { rule: 'proxies without hostPort advertise pod IPs, which verified HTTPS cannot name',
    props: props({ proxyHostPort: false, tls: { certificate: { issuer } } }),
    problem: { path: 'proxyHostPort', message: 'without proxySpec.hostPort each proxy advertises its pod IP, which no certificate names: non-primary proxies fail to forward control-plane requests to the primary (aistore ais/prxrev.go forwardCP) and the ais CLI fails after its first call. Recreate the AIStore with hostPort (see the change review), or set tls.skipVerify: true with tls.clientsVerify: false' },
    yaml: { text: yaml('  tls: { certManager: { issuer: { name: ca-issuer } } }\n  operator: { proxyHostPort: false }\n'), path: 'ais.operator.proxyHostPort', at: 'false' } },
  { rule: 'CSI certificates name node IPs only through the hostname map (IP mode needs the node IPs)',
    props: props({ tls: { certificate: { issuer, delivery: CertificateDelivery.CSI } }, network: { nodes: { n1: { ip: '10.0.0.1' } } } }),
    problem: { path: 'network.nodes', message: 'the operator builds CSI certificates without node addresses (ais-k8s cmn/volumes.go getTLSCSIVolumeSource); they reach it through spec.hostnameMap, which needs each node IP: give the ip of n2, or set publicNetDnsMode: Node' },
    yaml: { text: yaml('  tls: { csi: { issuer: { name: ca-issuer } } }\n  network: { nodes: { n1: 10.0.0.1 } }\n'), path: 'ais.network.nodes', at: '{ n1',
      message: 'the operator builds CSI certificates without node addresses (ais-k8s cmn/volumes.go getTLSCSIVolumeSource); they reach it through spec.hostnameMap, which needs each node IP: give the ip of n2, or set operator.publicNetDNSMode: Node' } },
  // the compatibility matrix
  { rule: 'the compatibility matrix: the operator version the AIS release needs',
    props: props({ operatorSettings: { operatorVersion: 'v2.7.0' } }),
    problem: { path: 'operatorSettings.operatorVersion', message: 'AIS v4.9 requires AIS operator v2.8.0 or later, not v2.7.0 (ais-k8s docs/COMPATIBILITY.md)' },
    yaml: { text: yaml('operator: { version: v2.7.0 }\n'), path: 'operator.version', at: 'v2.7.0' } },
  { rule: 'the compatibility matrix: operator 2.3+ needs AIS v3.28 or later',
    props: props({ images: { aisnode: 'docker.io/aistorage/aisnode:v3.27', init: 'docker.io/aistorage/ais-init:v3.27' }, operatorSettings: { operatorVersion: 'v2.3.0' } }),
    problem: { path: 'operatorSettings.operatorVersion', message: 'operator v2.3.0 is not compatible with AIS below v3.28; upgrade AIS to v3.28 first (ais-k8s docs/COMPATIBILITY.md)' },
    yaml: { text: yaml('  images: { aisnode: docker.io/aistorage/aisnode:v3.27, init: docker.io/aistorage/ais-init:v3.27 }\noperator: { version: v2.3.0 }\n'), path: 'operator.version', at: 'v2.3.0' } },
  { rule: 'the compatibility matrix: AIS before v3.22 runs with operator v0.x only',
    props: props({ images: { aisnode: 'docker.io/aistorage/aisnode:v3.21', init: 'docker.io/aistorage/ais-init:v3.21' }, operatorSettings: { operatorVersion: 'v1.0.0' } }),
    problem: { path: 'operatorSettings.operatorVersion', message: 'AIS v3.21 runs with operator v0.x only (ais-k8s docs/COMPATIBILITY.md)' },
    yaml: { text: yaml('  images: { aisnode: docker.io/aistorage/aisnode:v3.21, init: docker.io/aistorage/ais-init:v3.21 }\noperator: { version: v1.0.0 }\n'), path: 'operator.version', at: 'v1.0.0' } },
  { rule: 'the compatibility matrix: an operator version that is no release (library only: the schema parses it)',
    props: props({ operatorSettings: { operatorVersion: 'latest' } }),
    problem: { path: 'operatorSettings.operatorVersion', message: 'operator version latest is not vMAJOR.MINOR.PATCH' } },
  { rule: 'the compatibility matrix in operator mode: ais-init at the aisnode release (a warning)', warning: true,
    props: props({ images: { aisnode: 'docker.io/aistorage/aisnode:v4.9', init: 'docker.io/aistorage/ais-init:v4.8' } }),
    problem: { path: 'images.init', message: 'ais-init v4.8 differs from aisnode v4.9: keep the init container at the aisnode release (ais-k8s docs/COMPATIBILITY.md, init container compatibility)' },
    yaml: { text: yaml('  images: { init: docker.io/aistorage/ais-init:v4.8 }\n'), path: 'ais.images.init', at: 'docker.io/aistorage/ais-init:v4.8' } },
];

export const AISTORE_PROPS: AiStoreResourceProps = {
  name: 'demo', images: { aisnode: 'docker.io/aistorage/aisnode:v4.9', init: 'docker.io/aistorage/ais-init:v4.9' },
  proxyReplicas: 1, targetReplicas: 1, mounts: [{ path: '/ais/sda', useHostPath: true }],
};

const aistore = (change: Partial<AiStoreResourceProps>): AiStoreResourceProps => ({ ...AISTORE_PROPS, ...change });

/** The AIStore resource alone (AiStoreResource, the operator rulebook's aiStoreResourceProblems): library rows only. */
export const AISTORE_CASES: ReadonlyArray<RuleCase<AiStoreResourceProps>> = [
  { rule: 'replicas are whole numbers of at least 1', props: aistore({ targetReplicas: 0 }),
    problem: { path: 'targetReplicas', message: 'target replicas must be a whole number of at least 1, got 0' } },
  { rule: 'targets have a mount', props: aistore({ mounts: [] }), problem: { path: 'mounts', message: 'targets need at least one mount' } },
  { rule: 'mounts are distinct', props: aistore({ mounts: [{ path: '/a', useHostPath: true }, { path: '/a', useHostPath: true }] }),
    problem: { path: 'mounts[1]', message: 'mount /a is listed twice' } },
  { rule: 'a PVC-backed mount has a size and a StorageClass', props: aistore({ mounts: [{ path: '/ais/sda', size: '1Ti' }] }),
    problem: { path: 'mounts[0]', message: 'mount /ais/sda claims a PersistentVolume and needs both size and storageClass (or useHostPath: true)' } },
  { rule: 'skipVerify and clientAuthTls need HTTPS', props: aistore({ skipVerify: true }),
    problem: { path: 'skipVerify', message: 'skipVerify and clientAuthTls only apply to an HTTPS cluster: give tls too' } },
  { rule: 'the certificate names its Secret or issuer', props: aistore({ tls: AisTls.certManager({ issuerName: '', mode: CertificateDelivery.SECRET }) }),
    problem: { path: 'tls', message: 'the certificate needs an existing Secret or a cert-manager issuer: name it' } },
  { rule: 'cleanupData needs cleanupMetadata (shared with the cluster)', props: aistore({ cleanupData: true }),
    problem: { path: 'cleanupData', message: 'cleanupData: true needs cleanupMetadata: true (the operator rejects the AIStore otherwise)' } },
];
