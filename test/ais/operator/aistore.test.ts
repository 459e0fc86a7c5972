import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AiStoreResource, AiStoreResourceProps, PublicNetDnsMode, ScaleDownMode } from '../../../lib/ais/operator/aistore';
import { AisOperatorSettings } from '../../../lib/ais/operator/operator-settings';
import { AisStateStorage, AisTls, IssuerKind, TlsCertificateMode } from '../../../lib/ais/operator/options';
import { webhookAdmission } from '../../support/aistore-admission';
import { Manifest, validateAll, validateManifest } from '../../support/schema';

const BASE: AiStoreResourceProps = {
  name: 'lab',
  namespace: 'storage',
  images: { aisnode: 'docker.io/aistorage/aisnode:v4.9', init: 'docker.io/aistorage/ais-init:v4.9', pullSecrets: ['regcred'] },
  proxyReplicas: 3,
  targetReplicas: 3,
  mounts: [{ path: '/ais/nvme0n1', useHostPath: true, label: 'nvme' }],
};

function synth(props: Partial<AiStoreResourceProps>): Manifest {
  const chart = Testing.chart();
  new AiStoreResource(chart, 'AIStore', { ...BASE, ...props });
  const [aistore] = Testing.synth(chart) as Manifest[];
  return aistore;
}

/** Schema-valid, and what the operator's webhook would say. */
async function admitted(aistore: Manifest) {
  expect(await validateManifest(aistore)).toEqual([]);
  return webhookAdmission(aistore);
}

describe('AiStoreResource defaults', () => {
  it('sizes, hostPath state under /etc/ais, privileged aisnode, gateway LB only, no HTTPS', async () => {
    const aistore = synth({});
    expect(aistore.metadata).toMatchObject({ name: 'lab', namespace: 'storage' });
    expect(aistore.spec).toMatchObject({
      size: 3, stateStorage: { hostPath: { prefix: '/etc/ais' } }, imagePullSecrets: [{ name: 'regcred' }],
      proxySpec: { externalAccess: {}, aisContainerSecurityContext: { privileged: true } },
    });
    expect(aistore.spec.targetSpec.externalAccess).toBeUndefined();
    expect(aistore.spec.configToUpdate).toBeUndefined();
    expect(aistore.spec.targetSpec.mounts).toEqual([{ path: '/ais/nvme0n1', useHostPath: true, label: 'nvme' }]);
    expect(await admitted(aistore)).toEqual({ errors: [], warnings: [] });
  });

  it('different proxy and target counts become per-role sizes', async () => {
    const aistore = synth({ proxyReplicas: 3, targetReplicas: 5 });
    expect(aistore.spec.size).toBeUndefined();
    expect(aistore.spec.proxySpec.size).toBe(3);
    expect(aistore.spec.targetSpec.size).toBe(5);
    expect((await admitted(aistore)).errors).toEqual([]);
  });

  it('the webhook mirror rejects a CR without any size', () => {
    const aistore = synth({});
    const { size: _size, ...spec } = aistore.spec;
    expect(webhookAdmission({ ...aistore, spec }).errors).toContain('spec: Invalid cluster size, it is either not specified or value is not valid');
  });
});

describe('AiStoreResource HTTPS', () => {
  it('an existing secret: spec.tls.secretName and net.http without certificate paths', async () => {
    const aistore = synth({ tls: AisTls.fromSecret('lab-tls'), skipVerify: false });
    expect(aistore.spec.tls).toEqual({ secretName: 'lab-tls' });
    expect(aistore.spec.configToUpdate).toEqual({ net: { http: { use_https: true, skip_verify: false, client_auth_tls: 0 } } });
    expect(await admitted(aistore)).toEqual({ errors: [], warnings: [] });
  });

  it('a cert-manager issuer: the operator-managed Certificate, CSI mode, mTLS', async () => {
    const aistore = synth({
      tls: AisTls.certManager({ issuerName: 'vault', issuerKind: IssuerKind.ISSUER, mode: TlsCertificateMode.CSI, additionalDnsNames: ['ais.example.com'], duration: '2160h' }),
      clientAuthTls: 4,
    });
    expect(aistore.spec.tls).toEqual({
      certificate: { issuerRef: { name: 'vault', kind: 'Issuer' }, mode: 'csi', additionalDNSNames: ['ais.example.com'], duration: '2160h' },
    });
    expect(aistore.spec.configToUpdate.net.http.client_auth_tls).toBe(4);
    expect(await admitted(aistore)).toEqual({ errors: [], warnings: [] });
  });

  it('the webhook mirror rejects certificate paths together with spec.tls', () => {
    const aistore = synth({ tls: AisTls.fromSecret('lab-tls') });
    aistore.spec.configToUpdate.net.http.server_crt = '/var/certs/tls.crt';
    expect(webhookAdmission(aistore).errors).toEqual(['configToUpdate.net.http.[server_crt] cannot be set together with spec.tls']);
  });
});

describe('AiStoreResource operator features', () => {
  it('cloud secrets, auth, tracing, admin client, state PVC, external access, enums', async () => {
    const aistore = synth({
      awsSecretName: 'aws-creds', gcpSecretName: 'gcp-creds',
      auth: { profileName: 'corp-authn' }, authNSecretName: 'authn-signing',
      tracing: { exporterEndpoint: 'otel.example.com:4317', tokenSecretName: 'otel-token', tokenHeader: 'x-token', samplerProbability: '0.1' },
      adminClient: { image: 'docker.io/aistorage/ais-util:v4.9', caConfigMap: 'ais-ca', caKey: 'ca.crt' },
      stateStorage: AisStateStorage.pvc('fast-ssd'),
      targetLoadBalancers: true, targetLoadBalancerAnnotations: { 'metallb.io/address-pool': 'lab' },
      publicNetDnsMode: PublicNetDnsMode.NODE, scaleDownMode: ScaleDownMode.RETAIN,
      cleanupMetadata: true, cleanupData: true, disablePodAntiAffinity: true, operatorSkipVerifyCert: false,
      privileged: false, targetResources: { requests: { cpu: '4', memory: '16Gi' } },
    });
    expect(aistore.spec).toMatchObject({
      awsSecretName: 'aws-creds', gcpSecretName: 'gcp-creds', auth: { profileRef: { name: 'corp-authn' } }, authNSecretName: 'authn-signing',
      tracingTokenSecretName: 'otel-token',
      configToUpdate: { tracing: { enabled: true, exporter_endpoint: 'otel.example.com:4317', sampler_probability: '0.1', exporter_auth: { token_file: '/var/traces/token', token_header: 'x-token' } } },
      adminClient: { image: 'docker.io/aistorage/ais-util:v4.9', caConfigMap: { name: 'ais-ca', key: 'ca.crt' } },
      stateStorage: { pvc: { storageClass: 'fast-ssd' } },
      publicNetDNSMode: 'Node', cleanupMetadata: true, cleanupData: true, operatorSkipVerifyCrt: false,
      targetSpec: {
        externalAccess: { annotations: { 'metallb.io/address-pool': 'lab' } }, scaleDownMode: 'retain', disablePodAntiAffinity: true,
        resources: { requests: { cpu: '4', memory: '16Gi' } },
      },
    });
    expect(aistore.spec.targetSpec.aisContainerSecurityContext).toBeUndefined();
    expect(await admitted(aistore)).toEqual({ errors: [], warnings: [] });
  });

  it('legacy username/password auth is accepted with the webhook deprecation warnings', async () => {
    const aistore = synth({ auth: { serviceUrl: 'https://ais-authn.ais:52001', usernamePasswordSecret: 'authn-admin' } });
    expect(aistore.spec.auth).toEqual({ serviceURL: 'https://ais-authn.ais:52001', usernamePassword: { secretName: 'authn-admin' } });
    expect(await admitted(aistore)).toEqual({ errors: [], warnings: ['spec.auth.serviceURL is deprecated', 'spec.auth.usernamePassword is deprecated'] });
  });

  it('PVC mounts carry size, class and PV selector', () => {
    const aistore = synth({ mounts: [{ path: '/ais/sda', size: '8Ti', storageClass: 'lab-local', selector: { mpath: 'pv-ais-sda' } }] });
    expect(aistore.spec.targetSpec.mounts).toEqual([{ path: '/ais/sda', size: '8Ti', storageClass: 'lab-local', selector: { matchLabels: { mpath: 'pv-ais-sda' } } }]);
  });
  // what the operator would reject: the operator rulebook's case table (AiStoreResource rows), test/ais/operator/cluster-checks.test.ts
});

describe('AisOperatorSettings', () => {
  it('shared client certificate: a schema-valid cert-manager Certificate for the default operator-tls Secret, values without args', async () => {
    const chart = Testing.chart();
    const settings = new AisOperatorSettings(chart, 'Settings', {
      cluster: 'lab', clusterNamespace: 'storage', skipVerifyCert: false, authCAConfigMap: 'authn-ca', authTlsCacheTtl: '1h',
      clientCertificate: { issuerName: 'ca-issuer' },
    });
    const objects = Testing.synth(chart) as Manifest[];
    expect(await validateAll(objects)).toEqual([]);
    expect(objects).toHaveLength(1);
    expect(objects[0]).toMatchObject({
      kind: 'Certificate', metadata: { name: 'operator-tls-cert', namespace: 'ais-operator-system' },
      spec: { secretName: 'operator-tls', usages: ['client auth', 'digital signature', 'key encipherment'], issuerRef: { name: 'ca-issuer', kind: 'ClusterIssuer' } },
    });
    expect(settings.clientCertDir).toBe('/etc/operator/tls');
    expect(settings.helmValues()).toEqual({ controllerManager: { manager: { env: { operatorSkipVerifyCrt: 'false' }, authCAConfigmapName: 'authn-ca' } } });
    const patch = settings.deploymentPatch() as any;
    expect(await validateManifest({ ...patch, spec: { ...patch.spec, selector: { matchLabels: { a: 'b' } } } })).toEqual([]);
    expect(patch.spec.template.spec.containers).toEqual([{
      name: 'manager',
      env: [{ name: 'OPERATOR_SKIP_VERIFY_CRT', value: 'false' }, { name: 'OPERATOR_AUTH_TLS_CACHE_TTL', value: '1h' }],
      volumeMounts: [{ name: 'auth-ca', mountPath: '/etc/ssl/certs/auth-ca', readOnly: true }],
    }]);
    expect(patch.spec.template.spec.volumes).toEqual([{ name: 'auth-ca', configMap: { name: 'authn-ca', optional: true } }]);
  });

  it('per-cluster client certificate: own Secret mounted at <dir>/<namespace>/<cluster> and the two manager flags', () => {
    const chart = Testing.chart();
    const settings = new AisOperatorSettings(chart, 'Settings', {
      cluster: 'lab', clusterNamespace: 'storage', namespace: 'ops', aisCAConfigMap: 'ais-ca',
      clientCertificate: { issuerName: 'ca-issuer', perCluster: true },
    });
    expect((Testing.synth(chart) as Manifest[])[0].spec.secretName).toBe('operator-tls-storage-lab');
    expect(settings.extraManagerArgs).toEqual(['--ais-client-cert-path=/etc/operator/cluster-tls', '--ais-client-cert-per-cluster']);
    expect((settings.helmValues() as any).controllerManager.manager.args.slice(-2)).toEqual(settings.extraManagerArgs);
    const pod = (settings.deploymentPatch() as any).spec.template.spec;
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'operator-tls-storage-lab', mountPath: '/etc/operator/cluster-tls/storage/lab', readOnly: true });
    expect(pod.volumes).toContainEqual({ name: 'operator-tls-storage-lab', secret: { secretName: 'operator-tls-storage-lab', defaultMode: 420 } });
    expect(pod.volumes).toContainEqual({ name: 'ais-ca', configMap: { name: 'ais-ca', optional: true } });
  });
});
