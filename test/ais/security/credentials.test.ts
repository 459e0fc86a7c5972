import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AisCluster } from '../../../lib/ais/cluster';
import { aisPrerequisites } from '../../../lib/ais/prerequisites';
import { SecretStoreKind } from '../../../lib/ais/security/external-secrets';
import { CertificateDelivery, IssuerKind } from '../../../lib/ais/security/tls';
import { parseConfig } from '../../../lib/from-config/load';
import type { Manifest } from '../../../lib/k8s/manifest';
import { configPrerequisites } from '../../../lib/generator/prerequisites';
import { EXAMPLES, find, runCli, tempDir } from '../../support/cli';
import { validateAll } from '../../support/schema';
import { manifestsOf } from '../../support/synth';
import { applySyncPolicy } from '../../../lib/gitops/apply';

const BASE = `name: lab
namespace: storage
ais:
  proxies: { nodes: [n1, n2] }
  targets: { nodes: [n1, n2], mountpaths: [/ais/sda] }
`;
const aisNode = (manifests: readonly Manifest[], set: string) => find(manifests, 'StatefulSet', set).spec.template.spec.containers[0];
const podVolumes = (manifests: readonly Manifest[], set: string) => find(manifests, 'StatefulSet', set).spec.template.spec.volumes;
const clusterConfig = (manifests: readonly Manifest[]) => JSON.parse(find(manifests, 'ConfigMap', 'lab-global-cm').data['ais.json']);

describe('cloud backend credentials by reference', () => {
  const manifests = manifestsOf(`${BASE}  cloud: { awsSecretName: aws-creds, gcpSecretName: gcp-creds, ociSecretName: oci-creds }\n`);

  it('mounts each Secret read-only into the targets where the SDKs look, with the variables that point there', () => {
    const target = aisNode(manifests, 'lab-target');
    expect(target.volumeMounts).toEqual(expect.arrayContaining([
      { name: 'aws-creds', mountPath: '/root/.aws', readOnly: true },
      { name: 'gcp-creds', mountPath: '/var/gcp', readOnly: true },
      { name: 'oci-creds', mountPath: '/root/.oci', readOnly: true },
    ]));
    expect(podVolumes(manifests, 'lab-target')).toEqual(expect.arrayContaining([
      { name: 'aws-creds', secret: { secretName: 'aws-creds', defaultMode: 0o400 } },
      { name: 'gcp-creds', secret: { secretName: 'gcp-creds', defaultMode: 0o400 } },
      { name: 'oci-creds', secret: { secretName: 'oci-creds', defaultMode: 0o400 } },
    ]));
    expect(target.env).toEqual(expect.arrayContaining([
      { name: 'AWS_CONFIG_FILE', value: '/root/.aws/config' },
      { name: 'AWS_SHARED_CREDENTIALS_FILE', value: '/root/.aws/credentials' },
      { name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/var/gcp/gcp.json' },
      { name: 'OCI_CLI_CONFIG_FILE', value: '/root/.oci/config' },
    ]));
  });

  it('keeps the credentials away from the proxies, which never talk to a backend', () => {
    for (const set of ['lab-proxy-primary', 'lab-proxy']) {
      expect(podVolumes(manifests, set).map((v: any) => v.name)).not.toEqual(expect.arrayContaining(['aws-creds']));
      expect(JSON.stringify(aisNode(manifests, set))).not.toMatch(/creds|GOOGLE_APPLICATION_CREDENTIALS|OCI_CLI/);
    }
  });

  it('enables the backends in the AIS cluster config and emits no Secret', () => {
    expect(clusterConfig(manifests).backend).toEqual({ aws: {}, gcp: {}, oci: {} });
    expect(manifests.filter((m) => m.kind === 'Secret')).toEqual([]);
  });
});

describe('AuthN and tracing', () => {
  const manifests = manifestsOf(`${BASE}  authn: { signingKeySecretName: authn-jwt }
  tracing:
    exporterEndpoint: otel-collector.monitoring:4317
    tokenSecretName: otel-token
    tokenHeader: lightstep-access-token
    samplerProbability: 0.25
`);

  it('gives the proxies the signing key as AIS_AUTHN_SECRET_KEY from key SIGNING-KEY; targets do not get it', () => {
    for (const set of ['lab-proxy-primary', 'lab-proxy']) {
      expect(aisNode(manifests, set).env).toContainEqual({
        name: 'AIS_AUTHN_SECRET_KEY', valueFrom: { secretKeyRef: { name: 'authn-jwt', key: 'SIGNING-KEY' } },
      });
    }
    expect(aisNode(manifests, 'lab-target').env.map((e: any) => e.name)).not.toContain('AIS_AUTHN_SECRET_KEY');
  });

  it('mounts the tracing token at /var/traces on both roles and configures the exporter to send it', () => {
    for (const set of ['lab-proxy-primary', 'lab-target']) {
      expect(aisNode(manifests, set).volumeMounts).toContainEqual({ name: 'tracing-token', mountPath: '/var/traces', readOnly: true });
      expect(podVolumes(manifests, set)).toContainEqual({ name: 'tracing-token', secret: { secretName: 'otel-token', defaultMode: 0o400 } });
    }
    expect(clusterConfig(manifests).tracing).toEqual({
      enabled: true,
      exporter_endpoint: 'otel-collector.monitoring:4317',
      skip_verify: false,
      sampler_probability: '0.25',
      exporter_auth: { token_header: 'lightstep-access-token', token_file: '/var/traces/token' },
    });
  });
});

describe('ExternalSecrets (opt-in)', () => {
  const text = `${BASE}  cloud: { awsSecretName: aws-creds, gcpSecretName: gcp-creds }
  tls: { existingSecret: lab-tls }
  externalSecrets:
    store: { name: vault }
    refreshInterval: 15m
    remoteKeys: { aws-creds: storage/aws, lab-tls: pki/lab }
`;
  const manifests = manifestsOf(text);

  it('creates each listed Secret from the store, one property per key the pods read, kept if the store entry goes', async () => {
    const aws = find(manifests, 'ExternalSecret', 'aws-creds');
    expect(aws.apiVersion).toBe('external-secrets.io/v1');
    expect(aws.metadata.namespace).toBe('storage');
    expect(aws.spec).toMatchObject({
      secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
      refreshInterval: '15m',
      target: { name: 'aws-creds', creationPolicy: 'Owner', deletionPolicy: 'Retain' },
      data: [
        { secretKey: 'config', remoteRef: { key: 'storage/aws', property: 'config' } },
        { secretKey: 'credentials', remoteRef: { key: 'storage/aws', property: 'credentials' } },
      ],
    });
    const tls = find(manifests, 'ExternalSecret', 'lab-tls');
    expect(tls.spec.target.template.type).toBe('kubernetes.io/tls');
    expect(tls.spec.data.map((d: any) => d.secretKey)).toEqual(['tls.crt', 'tls.key', 'ca.crt']);
    expect(manifests.filter((m) => m.kind === 'ExternalSecret').map((m) => m.metadata.name)).toEqual(['aws-creds', 'lab-tls']);
    expect(await validateAll(manifests.filter((m) => m.kind === 'ExternalSecret'))).toEqual([]);
  });

  it('lists what must exist: the operator, the store, and the Secrets no ExternalSecret creates', () => {
    expect(configPrerequisites(parseConfig(text, 'test.yaml'))).toEqual([
      { kind: 'CustomResourceDefinition', name: 'externalsecrets.external-secrets.io', purpose: 'External Secrets Operator, which creates the referenced Secrets' },
      { kind: 'ClusterSecretStore', name: 'vault', purpose: 'holds storage/aws (for Secret aws-creds), pki/lab (for Secret lab-tls)' },
      { kind: 'Secret', name: 'gcp-creds', namespace: 'storage', keys: ['gcp.json'], purpose: 'GCP backend service account key of the targets' },
    ]);
  });
});

describe('what must exist before sync', () => {
  it('the synth summary of examples/https.yaml names every Secret, issuer and controller the output relies on', () => {
    const result = runCli([path.join(EXAMPLES, 'https.yaml'), '--out', path.join(tempDir(), 'dist')]);
    expect(result.code).toBe(0);
    const summary = result.stdout.slice(result.stdout.indexOf('must exist before sync:')).split('\n');
    expect(summary).toEqual([
      'must exist before sync:',
      '  CustomResourceDefinition ipaddresspools.metallb.io: MetalLB 0.13 to 0.16, which gives the LoadBalancers their IPs (both annotation prefixes are set: metallb.universe.tf/ for releases before 0.14.9, metallb.io/ after)',
      '  CustomResourceDefinition certificates.cert-manager.io: cert-manager, which issues the AIS certificates',
      '  ClusterIssuer ca-issuer: issues the AIS certificate and puts its CA into ca.crt',
      '  Secret ais/aws-creds (keys config, credentials): AWS backend credentials of the targets',
      '  Secret ais/gcp-creds (key gcp.json): GCP backend service account key of the targets',
      '  Secret ais/registry-creds (key .dockerconfigjson): image pull secret of the AIS pods',
    ]);
  });

  it('says nothing when the cluster relies on nothing (minimal example)', () => {
    const result = runCli([path.join(EXAMPLES, 'minimal.yaml'), '--out', path.join(tempDir(), 'dist')]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('must exist');
  });

  it('aisPrerequisites, for library users and the operator mode: CSI driver, namespaced issuer, CA bundle, store kinds', () => {
    expect(aisPrerequisites({
      tls: { certificate: { issuer: { name: 'ais-ca', kind: IssuerKind.ISSUER }, delivery: CertificateDelivery.CSI }, caBundle: { configMapName: 'corp-ca' } },
      credentials: { authnSecretName: 'authn', awsSecretName: 'authn' },
      externalSecrets: { store: { name: 'local', kind: SecretStoreKind.SECRET_STORE }, remoteKeys: {} },
    }, 'ais')).toEqual([
      { kind: 'CustomResourceDefinition', name: 'certificates.cert-manager.io', purpose: 'cert-manager, which issues the AIS certificates' },
      { kind: 'CSIDriver', name: 'csi.cert-manager.io', purpose: 'the cert-manager csi-driver, which mounts each AIS pod its own certificate' },
      { kind: 'Issuer', name: 'ais-ca', namespace: 'ais', purpose: 'issues the AIS certificate' },
      { kind: 'ConfigMap', name: 'corp-ca', namespace: 'ais', keys: ['trust-bundle.pem'], purpose: 'CA bundle AIS trusts for its peers and client certificates' },
      // one Secret named by two settings: one entry, keys merged
      { kind: 'Secret', name: 'authn', namespace: 'ais', keys: ['config', 'credentials', 'SIGNING-KEY'],
        purpose: 'AWS backend credentials of the targets; AuthN token signing key of the proxies' },
    ]);
  });
});

describe('the security props are the same for library users', () => {
  it('AisCluster with tls + credentials gives the same objects as the config file', () => {
    const fromFile = manifestsOf(fs.readFileSync(path.join(EXAMPLES, 'https.yaml'), 'utf8'));
    const app = new App();
    const cluster = new AisCluster(app, 'ais', {
      name: 'secure', namespace: 'ais', proxyNodes: ['node1', 'node2', 'node3'], targetNodes: ['node1', 'node2', 'node3'],
      mountpaths: [{ path: '/ais/nvme0n1' }, { path: '/ais/nvme1n1' }],
      images: { aisnode: 'docker.io/aistorage/aisnode:v4.9', init: 'docker.io/aistorage/ais-init:v4.9', pullSecrets: ['registry-creds'] },
      gateway: { loadBalancerIP: '10.20.0.10', addressPool: '10.20.0.10-10.20.0.15' },
      network: { nodes: { node1: { ip: '10.20.0.21' }, node2: { ip: '10.20.0.22' }, node3: { ip: '10.20.0.23' } } },
      tls: {
        certificate: { issuer: { name: 'ca-issuer' }, duration: '2160h', renewBefore: '360h', additionalDnsNames: ['ais.example.com'] },
        clientsVerify: true,
      },
      credentials: { awsSecretName: 'aws-creds', gcpSecretName: 'gcp-creds' },
    });
    expect(cluster.security.certificate?.secretName).toBe('secure-tls');
    applySyncPolicy(app); // the generator adds Argo CD sync waves and options over every object (lib/argo)
    const objects = app.charts.flatMap((c) => c.toJson());
    for (const kind of ['Certificate', 'StatefulSet', 'ConfigMap', 'NetworkPolicy', 'PodDisruptionBudget']) {
      expect(objects.filter((o) => o.kind === kind)).toEqual(fromFile.filter((m) => m.kind === kind));
    }
  });
});
