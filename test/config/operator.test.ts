import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../lib/config/errors';
import { parseConfig } from '../../lib/from-config/load';
import { aisSchema } from '../../lib/config/ais-schema';
import { AIS_KEYS_IN_OPERATOR_MODE } from '../../lib/from-config/ais-operator';

/** The messages a config produces through the real loader (file:line:col: path: message). */
function problems(text: string): string[] {
  try {
    parseConfig(text, 'c.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  return [];
}

const STANDALONE = `name: demo
ais:
  proxies: { nodes: [n1] }
  targets: { nodes: [n1], mountpaths: [/ais/sda] }
`;

const CLUSTER = `name: demo
kubernetesVersion: "1.29"
ais:
  mode: operator
  proxies: { nodes: [n1, n2] }
  targets: { nodes: [n1, n2], mountpaths: [/ais/sda] }
`;

describe('operator-mode config: accepted shape', () => {
  it('parses ais.operator and the operator: section with their defaults', () => {
    const config = parseConfig(`${CLUSTER}  operator:
    publicNetDNSMode: Node
    cleanupMetadata: true
    cleanupData: true
    adminClient: { image: docker.io/aistorage/ais-util:v4.9, caConfigMap: ais-ca }
operator:
  authTLSCacheTTL: 1h
  clientCert: { issuer: { name: ca-issuer } }
`, 'c.yaml');
    expect(config.ais?.operator).toEqual({
      publicNetDNSMode: 'Node', cleanupMetadata: true, cleanupData: true, stateStorage: 'hostPath', proxyHostPort: true,
      adminClient: { image: 'docker.io/aistorage/ais-util:v4.9', caConfigMap: 'ais-ca' },
    });
    expect(config.operator).toEqual({
      namespace: 'ais-operator-system', deployment: 'ais-operator-controller-manager', authTLSCacheTTL: '1h',
      clientCert: { issuer: { name: 'ca-issuer', kind: 'ClusterIssuer' }, perCluster: false },
    });
  });
});

/** Bad configs and the exact messages the loader gives for them. */
const BAD: Array<[string, string, string[]]> = [
  ['cleanupData without cleanupMetadata (the CRD rule)', `${CLUSTER}  operator:
    cleanupData: true
    cleanupMetadata: false
`, ['c.yaml:8:18: ais.operator.cleanupData: cleanupData: true needs cleanupMetadata: true (the operator rejects the AIStore otherwise)']],
  ['publicNetDNSMode and scaleDownMode take only the CRD enum values', `${CLUSTER}  operator:
    publicNetDNSMode: Host
    scaleDownMode: drain
`, [
    'c.yaml:8:23: ais.operator.publicNetDNSMode: expected one of "IP" | "Node" | "Pod", got "Host"',
    'c.yaml:9:20: ais.operator.scaleDownMode: expected one of "decommission" | "retain" | "safe_decommission", got "drain"',
  ]],
  ['stateStorage: pvc needs a class', `${CLUSTER}  operator: { stateStorage: pvc }\n`, ['c.yaml:7:29: ais.operator.stateStorage: state storage on PVCs needs a StorageClass (an existing StorageClass for the state volumes)']],
  ['a state class needs stateStorage: pvc', `${CLUSTER}  operator: { stateStorageClass: fast }\n`, ['c.yaml:7:34: ais.operator.stateStorageClass: stateStorageClass only applies to stateStorage: pvc, not hostPath']],
  ['ais.operator in standalone mode', `${STANDALONE}  operator:
    cleanupMetadata: true
`, ['c.yaml:6:5: ais.operator: ais.operator applies only to ais.mode: operator']],
  ['the operator: section without ais.mode: operator', `${STANDALONE}operator:
  skipVerifyCert: true
`, ['c.yaml:6:3: operator: the operator: section configures the AIS operator install and needs ais.mode: operator']],
  ['standalone keys the operator cannot honour', `name: demo
kubernetesVersion: "1.29"
ais:
  mode: operator
  images: { pullPolicy: IfNotPresent }
  proxies: { nodes: [n1, n2], initialPrimary: n2 }
  targets: { nodes: [n1, n2], mountpaths: [/ais/sda] }
  gateway: { loadBalancerIP: 10.0.0.5, metallb: false }
`, [
    'c.yaml:5:25: ais.images.pullPolicy: the AIS operator always pulls AIS images with imagePullPolicy Always; remove this key in operator mode',
    'c.yaml:6:47: ais.proxies.initialPrimary: the AIS operator has no initial primary: proxy-0 becomes primary on whichever proxy node it is scheduled; remove this key in operator mode',
    'c.yaml:8:30: ais.gateway.loadBalancerIP: in operator mode the operator creates the gateway LoadBalancer and only takes annotations: '
      + 'keep gateway.metallb: true, or request the IP through gateway.annotations for your load balancer',
  ]],
  ['an unpinned admin client image and a misspelt key', `${CLUSTER}  operator:
    adminClient: { image: docker.io/aistorage/ais-util:latest }
    cleanupMetdata: true
`, [
    'c.yaml:8:27: ais.operator.adminClient.image: image docker.io/aistorage/ais-util:latest is not pinned; use an explicit version tag or digest (or set images.allowUnpinned: true)',
    'c.yaml:9:5: ais.operator.cleanupMetdata: unknown key `cleanupMetdata`; did you mean `cleanupMetadata`?',
  ]],
  ['an auth TLS cache TTL below the floor', `${CLUSTER}operator: { authTLSCacheTTL: 30s }\n`, ["c.yaml:7:30: operator.authTLSCacheTTL: authTLSCacheTTL 30s is below the operator's minimum of 1m (it would use 1m)"]],
  ['a malformed duration and an unknown issuer kind', `${CLUSTER}operator:
  authTLSCacheTTL: an hour
  clientCert: { issuer: { name: ca, kind: CA } }
`, [
    'c.yaml:8:20: operator.authTLSCacheTTL: expected a duration such as 2160h, 90m or 1h30m, got "an hour"',
    'c.yaml:9:43: operator.clientCert.issuer.kind: expected one of "Issuer" | "ClusterIssuer", got "CA"',
  ]],
  ['HTTPS settings the AIStore cannot carry', `${CLUSTER}  tls:
    certManager: { issuer: { name: ca-issuer } }
    ipAddresses: [10.0.0.5]
    caConfigMap: { name: corp-ca }
    clientAuth: requireAndVerify
operator: { clientCert: { issuer: { name: ca-issuer } } }
`, [
    'c.yaml:9:18: ais.tls.ipAddresses: the AIStore certificate takes DNS names only (the operator adds the service and pod names itself): '
      + 'give these addresses DNS names in tls.dnsNames, or remove this key in operator mode',
    'c.yaml:10:18: ais.tls.caConfigMap: the AIS operator points client_ca_tls at the ca.crt of the certificate and mounts no CA bundle into the AIS pods: '
      + 'use an issuer whose ca.crt is the CA to trust (a CA issuer); for the admin client use operator.adminClient.caConfigMap',
    "c.yaml:11:17: ais.tls.clientAuth: clientAuth requireAndVerify rejects every client without a certificate, and the operator's probes are HTTPS requests "
      + 'from kubelet without one, so no AIS pod would become ready: use verifyIfGiven in operator mode (standalone mode probes the TCP port)',
  ]],
  ['client auth without the operator client certificate', `${CLUSTER}  tls:
    existingSecret: lab-tls
    clientAuth: request
`, ["c.yaml:9:17: ais.tls.clientAuth: with clientAuth request AIS asks the operator for a client certificate and the operator's "
    + 'requests fail without one: add operator.clientCert (from an issuer AIS trusts)']],
];

describe('operator-mode config: webhook rules and mode checks, with line:col', () => {
  it.each(BAD)('rejects %s', (_title, text, expected) => {
    expect(problems(text)).toEqual(expected);
  });

  it('accepts client auth verifyIfGiven with the operator client certificate, and the same TLS keys in standalone mode', () => {
    expect(problems(`${CLUSTER}  tls:
    existingSecret: lab-tls
    clientAuth: verifyIfGiven
operator: { clientCert: { issuer: { name: ca-issuer } } }
`)).toEqual([]);
    expect(problems(`${STANDALONE}  network: { nodes: { n1: 10.0.0.1 } }
  tls:
    certManager: { issuer: { name: ca-issuer } }
    ipAddresses: [10.0.0.5]
    caConfigMap: { name: corp-ca }
    clientAuth: requireAndVerify
`)).toEqual([]);
  });

  it('keeps the standalone keys in standalone mode', () => {
    expect(problems(`name: demo
ais:
  images: { pullPolicy: IfNotPresent }
  proxies: { nodes: [n1, n2], initialPrimary: n2 }
  targets: { nodes: [n1, n2], mountpaths: [/ais/sda] }
`)).toEqual([]);
  });
});

describe('operator mode covers the whole ais: section', () => {
  it('classifies every key of the schema (a new key must be mapped to the AIStore or rejected)', () => {
    expect(Object.keys(AIS_KEYS_IN_OPERATOR_MODE).sort()).toEqual(Object.keys(aisSchema.shape).sort());
  });
});
