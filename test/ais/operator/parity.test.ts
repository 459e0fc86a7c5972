import * as YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { asOperatorMode, nodesMatching, ofKind, only, readExample, synthText } from '../../support/operator-build';
import type { Manifest } from '../../support/schema';

/**
 * Parity: standalone and operator mode, from one description, must describe the same cluster.
 * Each side is read back from its own output only (our StatefulSets, Services, ConfigMaps and PVs
 * for standalone; the AIStore resource, node labels and PVs for the operator, read with the
 * operator's documented semantics) into the same shape, and the two shapes must be equal.
 */
interface ClusterDescription {
  proxies: { nodes: string[]; replicas: number };
  targets: { nodes: string[]; replicas: number };
  ports: Record<'proxy' | 'target', { service: number; public: number; control: number; data: number; hostPort?: number }>;
  mountpaths: Array<{ path: string; label: string; claimed: boolean; volumesPerMount: number }>;
  images: { aisnode: string; init: string };
  https: {
    useHttps: boolean;
    /** scheme of the readiness probe (TCP when AIS demands client certificates) */
    probeScheme: string;
    /** Secret the pods mount at /var/certs */
    certificateSecret?: string;
    clientAuthTls?: number;
    skipVerify?: boolean;
  };
  /** Secret of each cloud backend the targets read */
  cloudSecrets: Record<'aws' | 'gcp' | 'oci', string | undefined>;
  /** requests of the aisnode containers */
  aisnodeRequests: Record<'proxy' | 'target', Record<string, string> | undefined>;
  stateHostDirs: { proxy: string; target: string };
  privileged: boolean;
  /**
   * the gateway's fixed IP (MetalLB annotation); its pool is not compared: with per-target LoadBalancers, operator mode puts the
   * gateway IP into a pool of its own, which the operator's unpinned target LoadBalancers cannot draw from (lib/ais/cluster-charts.ts)
   */
  gatewayIP?: string;
  perTargetLoadBalancers: boolean;
}

const container = (set: Manifest, name: string) => set.spec.template.spec.containers.concat(set.spec.template.spec.initContainers ?? [])
  .find((c: any) => c.name === name);
const volume = (set: Manifest, name: string) => set.spec.template.spec.volumes.find((v: any) => v.name === name);
const portOf = (service: Manifest, name: string) => service.spec.ports.find((p: any) => p.name === name).port;
const matching = (objects: Manifest[], labels: Record<string, string>) =>
  objects.filter((o) => Object.entries(labels).every(([k, v]) => o.metadata.labels?.[k] === v));

function describeStandalone(manifests: Manifest[]): ClusterDescription {
  const sets = ofKind(manifests, 'StatefulSet');
  const proxySets = sets.filter((s) => s.metadata.labels?.['app.kubernetes.io/component'] === 'proxy');
  const target = sets.find((s) => s.metadata.name === 'demo-target')!;
  const services = ofKind(manifests, 'Service');
  const service = (name: string) => services.find((s) => s.metadata.name === name)!;
  const rolePorts = (role: 'proxy' | 'target', set: Manifest) => {
    const headless = service(`demo-${role}`);
    const http = container(set, 'ais-node').ports[0];
    return { service: portOf(headless, 'pub'), public: http.containerPort, control: portOf(headless, 'control'), data: portOf(headless, 'data'), hostPort: http.hostPort };
  };
  const fspaths: Record<string, string> = JSON.parse(ofKind(manifests, 'ConfigMap').find((c) => c.metadata.name === 'demo-target')!.data['ais_local.json']).fspaths;
  const claims = target.spec.volumeClaimTemplates ?? [];
  const targetNode = container(target, 'ais-node');
  const stateDir = (set: Manifest) => set.spec.template.spec.volumes.find((v: any) => v.name === 'state-mount').hostPath.path;
  const globalConfig = JSON.parse(ofKind(manifests, 'ConfigMap').find((c) => c.metadata.name === 'demo-global-cm')!.data['ais.json']);
  return {
    proxies: {
      nodes: [...new Set(proxySets.flatMap((s) => nodesMatching(manifests, s.spec.template.spec.nodeSelector)))].sort(),
      replicas: proxySets.reduce((n, s) => n + s.spec.replicas, 0),
    },
    targets: { nodes: nodesMatching(manifests, target.spec.template.spec.nodeSelector), replicas: target.spec.replicas },
    ports: { proxy: rolePorts('proxy', proxySets[0]), target: rolePorts('target', target) },
    mountpaths: Object.entries(fspaths).map(([path, label]) => {
      const mount = targetNode.volumeMounts.find((m: any) => m.mountPath === path);
      const claim = claims.find((c: any) => c.metadata.name === mount.name);
      return {
        path, label, claimed: claim !== undefined,
        volumesPerMount: claim ? matching(ofKind(manifests, 'PersistentVolume'), claim.spec.selector.matchLabels).length : 0,
      };
    }),
    images: { aisnode: targetNode.image, init: container(target, 'populate-env').image },
    https: {
      useHttps: globalConfig.net?.http?.use_https === true,
      probeScheme: targetNode.readinessProbe.httpGet?.scheme ?? 'TCP',
      certificateSecret: volume(target, 'tls-certs')?.secret?.secretName,
      clientAuthTls: globalConfig.net?.http?.client_auth_tls,
      skipVerify: globalConfig.net?.http?.skip_verify,
    },
    cloudSecrets: { aws: volume(target, 'aws-creds')?.secret.secretName, gcp: volume(target, 'gcp-creds')?.secret.secretName, oci: volume(target, 'oci-creds')?.secret.secretName },
    aisnodeRequests: { proxy: container(proxySets[0], 'ais-node').resources?.requests, target: targetNode.resources?.requests },
    stateHostDirs: { proxy: stateDir(proxySets[0]), target: stateDir(target) },
    privileged: targetNode.securityContext.privileged === true,
    // the LoadBalancer's own annotations, not the Argo CD sync policy every object carries (lib/argo)
    gatewayIP: service('demo-proxy-lb').metadata.annotations?.['metallb.io/loadBalancerIPs'],
    perTargetLoadBalancers: services.filter((s) => s.metadata.labels?.['app.kubernetes.io/component'] === 'target-lb').length === target.spec.replicas,
  };
}

function describeOperator(manifests: Manifest[]): ClusterDescription {
  const aistore = only(manifests, 'AIStore');
  const { spec, metadata } = aistore;
  // the operator's rules: per-role size overrides spec.size; service port = port published by the Services
  const rolePorts = (role: any) => ({
    service: role.servicePort, public: role.portPublic, control: role.portIntraControl, data: role.portIntraData, hostPort: role.hostPort,
  });
  // hostPath state: <prefix>/<namespace>/<cluster>/<role> (operator cmn.StateHostPath)
  const stateDir = (role: string) => `${spec.stateStorage.hostPath.prefix}/${metadata.namespace}/${metadata.name}/${role}`;
  const http = spec.configToUpdate?.net?.http;
  return {
    proxies: { nodes: nodesMatching(manifests, spec.proxySpec.nodeSelector), replicas: spec.proxySpec.size ?? spec.size },
    targets: { nodes: nodesMatching(manifests, spec.targetSpec.nodeSelector), replicas: spec.targetSpec.size ?? spec.size },
    ports: { proxy: rolePorts(spec.proxySpec), target: rolePorts(spec.targetSpec) },
    mountpaths: spec.targetSpec.mounts.map((m: any) => ({
      path: m.path, label: m.label ?? '', claimed: !m.useHostPath,
      volumesPerMount: m.useHostPath ? 0 : matching(ofKind(manifests, 'PersistentVolume'), m.selector.matchLabels).length,
    })),
    images: { aisnode: spec.nodeImage, init: spec.initImage },
    https: {
      useHttps: http?.use_https === true,
      // probes: HTTPS GETs when use_https, else HTTP (operator cmn/res.go newHTTPProbeHandle)
      probeScheme: http?.use_https === true ? 'HTTPS' : 'HTTP',
      // spec.tls.secretName, or Secret <cr>-tls of the Certificate the operator makes (mode secret)
      certificateSecret: spec.tls?.secretName ?? (spec.tls?.certificate?.mode === 'secret' ? `${metadata.name}-tls` : undefined),
      clientAuthTls: http?.client_auth_tls,
      skipVerify: http?.skip_verify,
    },
    cloudSecrets: { aws: spec.awsSecretName, gcp: spec.gcpSecretName, oci: spec.ociSecretName },
    aisnodeRequests: { proxy: spec.proxySpec.resources?.requests, target: spec.targetSpec.resources?.requests },
    stateHostDirs: { proxy: stateDir('proxy'), target: stateDir('target') },
    privileged: spec.targetSpec.aisContainerSecurityContext?.privileged === true,
    gatewayIP: spec.proxySpec.externalAccess?.annotations?.['metallb.io/loadBalancerIPs'],
    perTargetLoadBalancers: spec.targetSpec.externalAccess !== undefined,
  };
}

/** The operator example as a standalone config: same description, without the operator-only keys. */
function asStandaloneMode(text: string): string {
  const doc = YAML.parseDocument(text);
  doc.setIn(['ais', 'mode'], 'standalone');
  doc.deleteIn(['ais', 'operator']);
  doc.delete('operator');
  // standalone names the node IPs in the certificate itself: give them (the operator reads them from the Nodes)
  const nodes = [...new Set([...(doc.getIn(['ais', 'proxies', 'nodes']) as YAML.YAMLSeq).toJSON(), ...(doc.getIn(['ais', 'targets', 'nodes']) as YAML.YAMLSeq).toJSON()])];
  if (doc.hasIn(['ais', 'tls']) && !doc.hasIn(['ais', 'network', 'nodes'])) {
    doc.setIn(['ais', 'network', 'nodes'], doc.createNode(Object.fromEntries(nodes.map((node, i) => [node, `10.0.0.${i + 1}`]))));
  }
  return doc.toString();
}

describe('standalone and operator mode describe the same cluster', () => {
  it('for the reference example (12 nodes x 10 hostPath disks, gateway on a fixed MetalLB IP)', () => {
    const reference = readExample('reference.yaml');
    const standalone = describeStandalone([...synthText(reference).manifests]);
    const operator = describeOperator([...synthText(asOperatorMode(reference)).manifests]);
    expect(operator).toEqual(standalone);
    // and that shared description is the reference cluster
    const cpus = Array.from({ length: 12 }, (_, i) => `cpu${String(i + 1).padStart(2, '0')}`);
    expect(standalone).toMatchObject({
      proxies: { nodes: cpus, replicas: 12 }, targets: { nodes: cpus, replicas: 12 },
      images: { aisnode: 'docker.io/aistorage/aisnode:v4.9', init: 'docker.io/aistorage/ais-init:v4.9' },
      https: { useHttps: false, probeScheme: 'HTTP' }, privileged: true, perTargetLoadBalancers: false,
      cloudSecrets: { aws: undefined, gcp: undefined, oci: undefined },
      aisnodeRequests: { proxy: { cpu: '500m', memory: '1Gi' }, target: { cpu: '500m', memory: '1Gi' } },
      stateHostDirs: { proxy: '/etc/ais/ais/demo/proxy', target: '/etc/ais/ais/demo/target' },
      gatewayIP: '10.132.179.10',
    });
    expect(standalone.ports).toEqual({
      proxy: { service: 51080, public: 51080, control: 51082, data: 51083, hostPort: 51080 },
      target: { service: 51081, public: 51081, control: 51082, data: 51083, hostPort: 51081 },
    });
    expect(standalone.mountpaths.map((m) => m.path)).toEqual('abcdefghij'.split('').map((d) => `/ais/sd${d}`));
    expect(standalone.mountpaths.every((m) => !m.claimed && m.label === '')).toBe(true);
  });

  it('for the operator example (local PVs, per-target LoadBalancers, HTTPS, AWS credentials)', () => {
    const example = readExample('operator.yaml');
    const operator = describeOperator([...synthText(example).manifests]);
    const standalone = describeStandalone([...synthText(asStandaloneMode(example)).manifests]);
    expect(operator).toEqual(standalone);
    expect(operator.perTargetLoadBalancers).toBe(true);
    expect(operator.https).toEqual({ useHttps: true, probeScheme: 'HTTPS', certificateSecret: 'demo-tls', clientAuthTls: 0, skipVerify: false });
    expect(operator.cloudSecrets).toEqual({ aws: 'aws-creds', gcp: undefined, oci: undefined });
    expect(operator.mountpaths.every((m) => m.claimed && m.volumesPerMount === 12)).toBe(true);
  });

  it('for HTTPS from an existing Secret with client auth, and every cloud backend', () => {
    // asOperatorMode adds the operator client certificate verifyIfGiven needs; asStandaloneMode drops it again
    const text = asOperatorMode(`name: demo
ais:
  proxies: { nodes: [n1, n2], resources: { requests: { cpu: '2', memory: 4Gi } } }
  targets: { nodes: [n1, n2], mountpaths: [/ais/sda] }
  tls: { existingSecret: demo-certs, clientAuth: verifyIfGiven, skipVerify: true }
  cloud: { awsSecretName: aws, gcpSecretName: gcp, ociSecretName: oci }
`);
    const operator = describeOperator([...synthText(text).manifests]);
    const standalone = describeStandalone([...synthText(asStandaloneMode(text)).manifests]);
    expect(operator).toEqual(standalone);
    expect(operator.https).toEqual({ useHttps: true, probeScheme: 'HTTPS', certificateSecret: 'demo-certs', clientAuthTls: 3, skipVerify: true });
    expect(operator.cloudSecrets).toEqual({ aws: 'aws', gcp: 'gcp', oci: 'oci' });
    expect(operator.aisnodeRequests).toEqual({ proxy: { cpu: '2', memory: '4Gi' }, target: { cpu: '500m', memory: '1Gi' } });
  });
});
