import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AisOperatorCluster } from '../../../lib/ais/operator/cluster';
import { CertificateDelivery, TlsClientAuth } from '../../../lib/ais/security/tls';
import { webhookAdmission } from '../../support/aistore-admission';
import { ofKind, only, synthText } from '../../support/operator-build';
import { validateAll } from '../../support/schema';

/** An operator-run cluster with `extra` appended to its ais: section (and `after` as further top-level keys). */
const cluster = (extra: string, after = '') => `name: lab
namespace: ais-lab
kubernetesVersion: "1.29"
ais:
  mode: operator
  proxies: { nodes: [n1, n2] }
  targets: { nodes: [n1, n2], mountpaths: [/ais/sda] }
${extra}${after}`;

/** Synthesizes through the real loader and generator; every object must be schema-valid and the AIStore admitted. */
async function synth(text: string) {
  const output = synthText(text, 'c.yaml');
  const manifests = [...output.manifests];
  expect(await validateAll(manifests.filter((m) => !m.apiVersion.startsWith('metallb.io/')))).toEqual([]);
  const aistore = only(manifests, 'AIStore');
  expect(webhookAdmission(aistore)).toEqual({ errors: [], warnings: [] });
  return { files: [...output.files.keys()], manifests, spec: aistore.spec };
}

describe('operator mode: HTTPS', () => {
  it('selfSigned: the same CA chain as standalone, and the AIStore asks its CA Issuer', async () => {
    const { files, manifests, spec } = await synth(cluster(`  tls:
    certManager: { selfSigned: true, duration: 2160h, renewBefore: 360h }
    dnsNames: [ais.lab.example.com]
    skipVerify: true
`));
    expect(files).toContain('ais-tls.yaml');
    expect(ofKind(manifests, 'ClusterIssuer').map((o) => [o.metadata.name, o.spec])).toEqual([['lab-selfsigned', { selfSigned: {} }]]);
    expect(ofKind(manifests, 'Certificate').map((o) => [o.metadata.namespace, o.metadata.name, o.spec.isCA, o.spec.secretName]))
      .toEqual([['ais-lab', 'lab-ca', true, 'lab-ca']]);
    expect(only(manifests, 'Issuer')).toMatchObject({ metadata: { name: 'lab-ca-issuer', namespace: 'ais-lab' }, spec: { ca: { secretName: 'lab-ca' } } });
    expect(spec.tls).toEqual({
      certificate: {
        issuerRef: { name: 'lab-ca-issuer', kind: 'Issuer' }, mode: 'secret',
        additionalDNSNames: ['ais.lab.example.com'], duration: '2160h', renewBefore: '360h',
      },
    });
    expect(spec.configToUpdate.net.http).toEqual({ use_https: true, skip_verify: true, client_auth_tls: 0 });
  });

  it('csi: mode csi with the named issuer; existingSecret: tls.secretName', async () => {
    const csi = await synth(cluster(`  network: { nodes: { n1: 10.0.0.1, n2: 10.0.0.2 } }
  tls:
    csi: { issuer: { name: vault, kind: Issuer } }
`));
    expect(csi.spec.tls).toEqual({ certificate: { issuerRef: { name: 'vault', kind: 'Issuer' }, mode: 'csi' } });
    // the operator builds CSI certificates without node hosts: the hostname map's values carry the node IPs (ais-k8s cmn/volumes.go)
    expect(csi.spec.hostnameMap).toEqual({ '10.0.0.1': '10.0.0.1', '10.0.0.2': '10.0.0.2' });
    expect(ofKind(csi.manifests, 'Certificate')).toEqual([]);
    const secret = await synth(cluster('  tls: { existingSecret: lab-tls }\n'));
    expect(secret.spec.tls).toEqual({ secretName: 'lab-tls' });
    expect(secret.spec.configToUpdate.net.http).toEqual({ use_https: true, skip_verify: false, client_auth_tls: 0 });
  });

  it('client auth verifyIfGiven: client_auth_tls 3 (Go tls.VerifyClientCertIfGiven), with the operator client certificate', async () => {
    const { manifests, spec } = await synth(cluster(`  tls:
    certManager: { issuer: { name: ca-issuer } }
    clientAuth: verifyIfGiven
`, 'operator:\n  clientCert: { issuer: { name: ca-issuer } }\n'));
    expect(spec.configToUpdate.net.http.client_auth_tls).toBe(3);
    expect(only(manifests, 'Certificate')).toMatchObject({
      metadata: { name: 'operator-tls-cert', namespace: 'ais-operator-system' }, spec: { secretName: 'operator-tls', issuerRef: { name: 'ca-issuer' } },
    });
  });

  it('plain HTTP: no tls, no configToUpdate.net', async () => {
    const { spec } = await synth(cluster(''));
    expect(spec.tls).toBeUndefined();
    expect(spec.configToUpdate).toBeUndefined();
  });
});

describe('operator mode: credentials, tracing, ExternalSecrets, NetworkPolicy, PodDisruptionBudget', () => {
  const text = cluster(`  cloud: { awsSecretName: lab-aws, gcpSecretName: lab-gcp, ociSecretName: lab-oci }
  authn: { signingKeySecretName: lab-authn }
  tracing:
    exporterEndpoint: otel-collector.monitoring:4317
    samplerProbability: 0.25
    serviceNamePrefix: lab
    tokenSecretName: lab-trace
    tokenHeader: lightstep-access-token
  externalSecrets:
    store: { name: vault }
    remoteKeys: { lab-aws: storage/lab/aws, lab-authn: storage/lab/authn }
  targetDisruptionBudget: { maxUnavailable: 10% }
  networkPolicy: false
`);

  it('maps the Secret names and tracing onto the AIStore (sampler_probability a string, as the CRD wants)', async () => {
    const { spec } = await synth(text);
    expect(spec).toMatchObject({
      awsSecretName: 'lab-aws', gcpSecretName: 'lab-gcp', ociSecretName: 'lab-oci', authNSecretName: 'lab-authn', tracingTokenSecretName: 'lab-trace',
    });
    expect(spec.configToUpdate.tracing).toEqual({
      enabled: true, exporter_endpoint: 'otel-collector.monitoring:4317', sampler_probability: '0.25', service_name_prefix: 'lab', skip_verify: false,
      exporter_auth: { token_file: '/var/traces/token', token_header: 'lightstep-access-token' },
    });
    expect(spec.targetSpec.pdb).toEqual({ enabled: true, maxUnavailable: '10%' });
  });

  it('emits the same ExternalSecrets as standalone, no NetworkPolicy when turned off, no PodDisruptionBudget of its own', async () => {
    const { files, manifests } = await synth(text);
    expect(ofKind(manifests, 'ExternalSecret').map((e) => [e.metadata.name, e.spec.data.map((d: any) => d.secretKey)])).toEqual([
      ['lab-aws', ['config', 'credentials']], ['lab-authn', ['SIGNING-KEY']],
    ]);
    const standalone = [...synthText(text.replace('mode: operator', 'mode: standalone'), 'c.yaml').manifests];
    expect(ofKind(manifests, 'ExternalSecret')).toEqual(ofKind(standalone, 'ExternalSecret'));
    expect(files).not.toContain('ais-policies.yaml');
    expect(ofKind(manifests, 'PodDisruptionBudget')).toEqual([]);
  });

  it('targetDisruptionBudget.enabled: false leaves targetSpec.pdb unset (the operator then makes none)', async () => {
    const { spec } = await synth(cluster('  targetDisruptionBudget: { enabled: false }\n'));
    expect(spec.targetSpec.pdb).toBeUndefined();
  });
});

describe('AisOperatorCluster (library): the security props a standalone AisCluster takes', () => {
  const base = { name: 'lab', kubernetesVersion: '1.29' as const, proxyNodes: ['n1'], targetNodes: ['n1'], mountpaths: [{ path: '/ais/sda' }] };

  it('maps them onto the AIStore', () => {
    const chart = Testing.chart();
    const built = new AisOperatorCluster(chart, 'ais', {
      ...base, tls: { certificate: { issuer: { name: 'ca-issuer' }, delivery: CertificateDelivery.CSI }, clientAuth: TlsClientAuth.REQUEST },
      network: { nodes: { n1: { ip: '10.0.0.1' } } },
      credentials: { gcpSecretName: 'gcp' },
      // with client auth, the operator needs its own client certificate (the operator rulebook)
      operatorSettings: { clientCertificate: { issuerName: 'ca-issuer' } },
    });
    const spec = built.aistore.apiObject.toJson().spec;
    expect(spec.tls).toEqual({ certificate: { issuerRef: { name: 'ca-issuer', kind: 'ClusterIssuer' }, mode: 'csi' } });
    expect(spec.configToUpdate.net.http).toEqual({ use_https: true, skip_verify: false, client_auth_tls: 1 });
    expect(spec.gcpSecretName).toBe('gcp');
    expect(built.security.networkPolicy?.apiObject.metadata.name).toBe('lab-ais-ingress');
  });
  // what the AIStore cannot carry (IP SANs, a CA bundle, client auth that requires a certificate): the operator rulebook's
  // case table, test/ais/operator/cluster-checks.test.ts
});
