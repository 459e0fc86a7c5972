import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../../lib/k8s/manifest';
import { EXAMPLES, find } from '../../support/cli';
import { validateAll } from '../../support/schema';
import { manifestsOf } from '../../support/synth';

const https = manifestsOf(fs.readFileSync(path.join(EXAMPLES, 'https.yaml'), 'utf8'));
const AIS_STATEFULSETS = ['secure-proxy-primary', 'secure-proxy', 'secure-target'];

const podSpec = (manifests: readonly Manifest[], name: string) => find(manifests, 'StatefulSet', name).spec.template.spec;
const aisNode = (manifests: readonly Manifest[], name: string) => podSpec(manifests, name).containers.find((c: any) => c.name === 'ais-node');
const clusterConfig = (manifests: readonly Manifest[], cluster: string) => JSON.parse(find(manifests, 'ConfigMap', `${cluster}-global-cm`).data['ais.json']);
const volume = (manifests: readonly Manifest[], set: string, name: string) => podSpec(manifests, set).volumes.find((v: any) => v.name === name);

/** A small cluster in namespace `storage`; `tls` is the indented YAML of the `tls:` key. */
const withTls = (tls: string, extra = '') => manifestsOf(`name: lab
namespace: storage
ais:
  proxies: { nodes: [n1, n2] }
  targets: { nodes: [n1, n2], mountpaths: [/ais/sda] }
  network: { nodes: { n1: 10.0.0.1, n2: 10.0.0.2 } }
  tls:
${tls}${extra}`);

describe('examples/https.yaml: HTTPS with a certificate from a user-given ClusterIssuer', () => {
  it('asks cert-manager for one certificate valid for every service and pod, the gateway IP, the node IPs and its DNS name', () => {
    const certificate = find(https, 'Certificate', 'secure-tls-cert');
    expect(certificate.apiVersion).toBe('cert-manager.io/v1');
    expect(certificate.metadata.namespace).toBe('ais');
    expect(certificate.spec).toMatchObject({
      secretName: 'secure-tls',
      issuerRef: { name: 'ca-issuer', kind: 'ClusterIssuer', group: 'cert-manager.io' },
      duration: '2160h',
      renewBefore: '360h',
      usages: ['digital signature', 'key encipherment', 'server auth', 'client auth'],
      ipAddresses: ['10.20.0.10', '10.20.0.21', '10.20.0.22', '10.20.0.23'], // gateway, then the node IPs of network.nodes (proxies and targets advertise them)
    });
    expect(certificate.spec.dnsNames).toEqual([
      'secure-proxy', 'secure-proxy.ais', 'secure-proxy.ais.svc', 'secure-proxy.ais.svc.cluster.local',
      'secure-target', 'secure-target.ais', 'secure-target.ais.svc', 'secure-target.ais.svc.cluster.local',
      'secure-proxy-lb', 'secure-proxy-lb.ais', 'secure-proxy-lb.ais.svc', 'secure-proxy-lb.ais.svc.cluster.local',
      '*.secure-proxy.ais.svc.cluster.local', '*.secure-target.ais.svc.cluster.local',
      'ais.example.com',
    ]);
  });

  it('covers the names the cluster really has: every Service, and every pod by its headless-service name', () => {
    const names: string[] = find(https, 'Certificate', 'secure-tls-cert').spec.dnsNames;
    for (const service of https.filter((m) => m.kind === 'Service')) {
      expect(names).toContain(`${service.metadata.name}.ais.svc.cluster.local`);
    }
    for (const set of AIS_STATEFULSETS) {
      const statefulSet = find(https, 'StatefulSet', set);
      expect(names).toContain(`*.${statefulSet.spec.serviceName}.ais.svc.cluster.local`);
    }
    const { proxy } = clusterConfig(https, 'secure');
    const host = (url: string) => new URL(url).hostname;
    expect(names).toContain(`*.${host(proxy.primary_url).split('.').slice(1).join('.')}`);
    expect(names).toContain(host(proxy.discovery_url));
  });

  it('mounts the certificate secret read-only at /var/certs in every proxy and target', () => {
    for (const set of AIS_STATEFULSETS) {
      expect(volume(https, set, 'tls-certs')).toEqual({ name: 'tls-certs', secret: { secretName: 'secure-tls', defaultMode: 0o400 } });
      expect(aisNode(https, set).volumeMounts).toContainEqual({ name: 'tls-certs', mountPath: '/var/certs', readOnly: true });
      expect(podSpec(https, set).initContainers[0].volumeMounts.map((m: any) => m.name)).not.toContain('tls-certs');
    }
  });

  it('switches AIS to HTTPS in ais.json: certificate files, CA, no client certificates, peers verified; https bootstrap URLs', () => {
    const config = clusterConfig(https, 'secure');
    expect(config.net.http).toEqual({
      use_https: true,
      server_crt: '/var/certs/tls.crt',
      server_key: '/var/certs/tls.key',
      client_ca_tls: '/var/certs/ca.crt',
      client_auth_tls: 0,
      skip_verify: false,
    });
    expect(config.proxy.primary_url).toBe('https://secure-proxy-primary-0.secure-proxy.ais.svc.cluster.local:51082');
    expect(config.proxy.discovery_url).toBe('https://secure-proxy.ais.svc.cluster.local:51082');
  });

  it('probes every aisnode over HTTPS on its public port', () => {
    for (const [set, port] of [['secure-proxy-primary', 51080], ['secure-proxy', 51080], ['secure-target', 51081]] as const) {
      const container = aisNode(https, set);
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        expect(container[probe].httpGet).toMatchObject({ scheme: 'HTTPS', port });
      }
    }
  });

  it('emits only schema-valid objects, cert-manager ones included, and no Secret', async () => {
    expect(https.filter((m) => m.kind === 'Secret')).toEqual([]);
    const ours = https.filter((m) => !['IPAddressPool', 'L2Advertisement'].includes(m.kind));
    expect(await validateAll(ours)).toEqual([]);
  });
});

describe('self-signed bootstrap chain (opt-in)', () => {
  const manifests = withTls('    certManager: { selfSigned: true, duration: 720h }\n');

  it('chains selfSigned ClusterIssuer → CA Certificate → CA Issuer, and the CA Issuer signs the AIS certificate', async () => {
    const root = find(manifests, 'ClusterIssuer', 'lab-selfsigned');
    expect(root.metadata.namespace).toBeUndefined();
    expect(root.spec).toEqual({ selfSigned: {} });
    const ca = find(manifests, 'Certificate', 'lab-ca');
    expect(ca.metadata.namespace).toBe('storage');
    expect(ca.spec).toMatchObject({
      isCA: true, secretName: 'lab-ca', duration: '87600h',
      issuerRef: { name: 'lab-selfsigned', kind: 'ClusterIssuer', group: 'cert-manager.io' },
    });
    expect(find(manifests, 'Issuer', 'lab-ca-issuer').spec).toEqual({ ca: { secretName: 'lab-ca' } });
    const server = find(manifests, 'Certificate', 'lab-tls-cert');
    expect(server.spec.issuerRef).toEqual({ name: 'lab-ca-issuer', kind: 'Issuer', group: 'cert-manager.io' });
    expect(server.spec.duration).toBe('720h');
    expect(await validateAll([root, ca, find(manifests, 'Issuer', 'lab-ca-issuer'), server])).toEqual([]);
  });
});

describe('an existing TLS secret', () => {
  const manifests = withTls('    existingSecret: corp-tls\n');

  it('mounts it at /var/certs and asks cert-manager for nothing', () => {
    expect(manifests.filter((m) => m.apiVersion.startsWith('cert-manager.io'))).toEqual([]);
    for (const set of ['lab-proxy-primary', 'lab-proxy', 'lab-target']) {
      expect(volume(manifests, set, 'tls-certs').secret.secretName).toBe('corp-tls');
      expect(aisNode(manifests, set).volumeMounts).toContainEqual({ name: 'tls-certs', mountPath: '/var/certs', readOnly: true });
    }
    expect(clusterConfig(manifests, 'lab').net.http.use_https).toBe(true);
  });
});

describe('the cert-manager CSI driver', () => {
  const manifests = withTls('    csi: { issuer: { name: ais-ca, kind: Issuer }, renewBefore: 8h }\n    ipAddresses: [10.0.0.7]\n');

  it('gives each pod its own certificate: its pod DNS name first, then the cluster names; no Certificate, no Secret', async () => {
    expect(manifests.filter((m) => m.kind === 'Certificate' || m.kind === 'Secret')).toEqual([]);
    for (const [set, service] of [['lab-proxy', 'lab-proxy'], ['lab-target', 'lab-target']]) {
      const tls = volume(manifests, set, 'tls-certs');
      expect(tls.csi.driver).toBe('csi.cert-manager.io');
      expect(tls.csi.readOnly).toBe(true);
      const attributes = tls.csi.volumeAttributes;
      expect(attributes).toMatchObject({
        'csi.cert-manager.io/issuer-name': 'ais-ca',
        'csi.cert-manager.io/issuer-kind': 'Issuer',
        'csi.cert-manager.io/issuer-group': 'cert-manager.io',
        'csi.cert-manager.io/ip-sans': '10.0.0.1,10.0.0.2,10.0.0.7',
        'csi.cert-manager.io/renew-before': '8h',
        'csi.cert-manager.io/key-usages': 'digital signature,key encipherment,server auth,client auth',
      });
      const names = attributes['csi.cert-manager.io/dns-names'].split(',');
      expect(names[0]).toBe(`\${POD_NAME}.${service}.storage.svc.cluster.local`);
      expect(names).toContain('lab-proxy-lb.storage.svc.cluster.local');
      expect(aisNode(manifests, set).volumeMounts).toContainEqual({ name: 'tls-certs', mountPath: '/var/certs', readOnly: true });
    }
    expect(await validateAll(manifests.filter((m) => m.kind === 'StatefulSet'))).toEqual([]);
  });

  it('with selfSigned, the pods ask the bootstrapped CA Issuer; only the CA itself is a Certificate', () => {
    const selfSigned = withTls('    csi: { selfSigned: true }\n');
    expect(selfSigned.filter((m) => m.kind === 'Certificate').map((m) => m.metadata.name)).toEqual(['lab-ca']);
    expect(volume(selfSigned, 'lab-target', 'tls-certs').csi.volumeAttributes).toMatchObject({
      'csi.cert-manager.io/issuer-name': 'lab-ca-issuer', 'csi.cert-manager.io/issuer-kind': 'Issuer',
    });
  });
});

describe('CA bundle and mutual TLS', () => {
  it('trusts a CA bundle ConfigMap by reference: mounted at /etc/ais-ca, client_ca_tls points at it', () => {
    const manifests = withTls('    existingSecret: corp-tls\n    caConfigMap: { name: corp-ca, key: ca-bundle.pem }\n');
    expect(volume(manifests, 'lab-target', 'ais-ca')).toEqual({
      name: 'ais-ca', configMap: { name: 'corp-ca', items: [{ key: 'ca-bundle.pem', path: 'ca-bundle.pem' }], defaultMode: 0o644 },
    });
    expect(aisNode(manifests, 'lab-proxy').volumeMounts).toContainEqual({ name: 'ais-ca', mountPath: '/etc/ais-ca', readOnly: true });
    expect(clusterConfig(manifests, 'lab').net.http.client_ca_tls).toBe('/etc/ais-ca/ca-bundle.pem');
    expect(manifests.filter((m) => m.kind === 'ConfigMap').map((m) => m.metadata.name)).not.toContain('corp-ca'); // referenced, not created
  });

  it('requireAndVerify: client_auth_tls 4 and TCP probes (kubelet has no client certificate)', () => {
    const manifests = withTls('    existingSecret: corp-tls\n    clientAuth: requireAndVerify\n');
    expect(clusterConfig(manifests, 'lab').net.http.client_auth_tls).toBe(4);
    for (const set of ['lab-proxy-primary', 'lab-target']) {
      const container = aisNode(manifests, set);
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
        expect(container[probe].httpGet).toBeUndefined();
        expect(container[probe].tcpSocket).toEqual({ port: set === 'lab-target' ? 51081 : 51080 });
      }
    }
  });

  it('verifyIfGiven: client_auth_tls 3, probes stay HTTPS; skipVerify reaches the config', () => {
    const manifests = withTls('    existingSecret: corp-tls\n    clientAuth: verifyIfGiven\n    skipVerify: true\n');
    expect(clusterConfig(manifests, 'lab').net.http).toMatchObject({ client_auth_tls: 3, skip_verify: true });
    expect(aisNode(manifests, 'lab-target').readinessProbe.httpGet.scheme).toBe('HTTPS');
  });
});

describe('without tls', () => {
  it('stays plain HTTP: no certificate volume, no net.http, HTTP probes and URLs', () => {
    const manifests = manifestsOf(fs.readFileSync(path.join(EXAMPLES, 'minimal.yaml'), 'utf8'));
    expect(podSpec(manifests, 'mini-target').volumes.map((v: any) => v.name)).not.toContain('tls-certs');
    const config = clusterConfig(manifests, 'mini');
    expect(config.net).toBeUndefined();
    expect(config.proxy.primary_url).toMatch(/^http:\/\//);
    expect(aisNode(manifests, 'mini-target').livenessProbe.httpGet.scheme).toBe('HTTP');
  });
});
