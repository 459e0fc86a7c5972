import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, find } from '../support/cli';
import { manifestsOf } from '../support/synth';

const reference = manifestsOf(fs.readFileSync(path.join(EXAMPLES, 'reference.yaml'), 'utf8'));
const NODES = Array.from({ length: 12 }, (_, i) => `cpu${String(i + 1).padStart(2, '0')}`);
const MOUNTPATHS = 'abcdefghij'.split('').map((c) => `/ais/sd${c}`);

const podSpec = (name: string) => find(reference, 'StatefulSet', name).spec.template.spec;
const aisNode = (name: string) => podSpec(name).containers.find((c: any) => c.name === 'ais-node');

describe('reference cluster (AIS production guide worksheet)', () => {
  it('labels the 12 nodes: every node a target and an electable proxy, cpu01 the initial primary', () => {
    const nodes = reference.filter((m) => m.kind === 'Node');
    expect(nodes.map((n) => n.metadata.name)).toEqual(NODES);
    for (const node of nodes) {
      expect(node.metadata.namespace).toBeUndefined(); // Nodes are cluster-scoped
      expect(node.metadata.labels?.['nvidia.com/ais-target']).toBe('demo-ais');
      expect(node.metadata.labels?.['nvidia.com/ais-proxy']).toBe('demo-ais-electable');
      expect(node.metadata.annotations?.['argocd.argoproj.io/sync-options']).toBe('ServerSideApply=true,Prune=false,Delete=false');
      expect(Object.keys(node)).toEqual(['apiVersion', 'kind', 'metadata']); // labels only, no spec
    }
    const primaries = nodes.filter((n) => n.metadata.labels?.['nvidia.com/ais-initial-primary-proxy'] === 'demo-ais');
    expect(primaries.map((n) => n.metadata.name)).toEqual(['cpu01']);
  });

  it('places one target per target-labelled node', () => {
    const targets = find(reference, 'StatefulSet', 'demo-target');
    expect(targets.spec.replicas).toBe(12);
    expect(targets.spec.serviceName).toBe('demo-target');
    expect(targets.spec.podManagementPolicy).toBe('Parallel');
    expect(targets.spec.updateStrategy).toEqual({ type: 'OnDelete' });
    const spec = podSpec('demo-target');
    expect(spec.nodeSelector).toEqual({ 'nvidia.com/ais-target': 'demo-ais' });
    expect(spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toEqual([{
      labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'demo', 'app.kubernetes.io/component': 'target' } },
      topologyKey: 'kubernetes.io/hostname',
    }]);
  });

  it('steers the primary proxy to the initial-primary node and the 11 electable proxies elsewhere, pinning none', () => {
    const primary = find(reference, 'StatefulSet', 'demo-proxy-primary');
    const electable = find(reference, 'StatefulSet', 'demo-proxy');
    expect(primary.spec.replicas).toBe(1);
    expect(electable.spec.replicas).toBe(11);
    expect(primary.spec.serviceName).toBe('demo-proxy');
    expect(electable.spec.serviceName).toBe('demo-proxy');
    // only the proxy label is required: removing the initial-primary label after bootstrap leaves nothing Pending
    for (const name of ['demo-proxy', 'demo-proxy-primary']) {
      expect(podSpec(name).nodeSelector).toEqual({ 'nvidia.com/ais-proxy': 'demo-ais-electable' });
      expect(podSpec(name).affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution).toBeUndefined();
    }
    const preference = (name: string) => podSpec(name).affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution;
    expect(preference('demo-proxy-primary')).toEqual([{
      weight: 100, preference: { matchExpressions: [{ key: 'nvidia.com/ais-initial-primary-proxy', operator: 'In', values: ['demo-ais'] }] },
    }]);
    expect(preference('demo-proxy')).toEqual([{
      weight: 100, preference: { matchExpressions: [{ key: 'nvidia.com/ais-initial-primary-proxy', operator: 'NotIn', values: ['demo-ais'] }] },
    }]);
    // one anti-affinity across both sets keeps one proxy per node
    for (const name of ['demo-proxy', 'demo-proxy-primary']) {
      expect(podSpec(name).affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels)
        .toEqual({ 'app.kubernetes.io/name': 'demo', 'app.kubernetes.io/component': 'proxy' });
    }
    // the two StatefulSet selectors do not overlap
    expect(primary.spec.selector.matchLabels['cdk8s-storage.io/proxy-set']).toBe('primary');
    expect(electable.spec.selector.matchLabels['cdk8s-storage.io/proxy-set']).toBe('electable');
    expect(aisNode('demo-proxy').args).toEqual([
      '-config=/var/ais_config/ais.json', '-local_config=/var/ais_config/ais_local.json', '-role=proxy', '-ntargets=12',
    ]);
  });

  it('mounts the 10 mountpaths as hostPath volumes on every target, hostPort 51081', () => {
    const spec = podSpec('demo-target');
    const hostPaths = spec.volumes.filter((v: any) => v.hostPath?.path.startsWith('/ais/'));
    // each mountpath, and the marker directory that exists only on its mounted filesystem
    expect(hostPaths.map((v: any) => v.hostPath)).toEqual([
      ...MOUNTPATHS.map((p) => ({ path: p, type: 'Directory' })),
      ...MOUNTPATHS.map((p) => ({ path: `${p}/.ais-disk`, type: 'Directory' })),
    ]);
    const container = aisNode('demo-target');
    for (const p of MOUNTPATHS) expect(container.volumeMounts).toContainEqual({ name: p.slice(1).replace('/', '-'), mountPath: p });
    expect(container.ports).toEqual([{ name: 'http', containerPort: 51081, hostPort: 51081, protocol: 'TCP' }]);
    expect(container.securityContext).toEqual({ privileged: true });
    expect(spec.securityContext.sysctls).toEqual([{ name: 'net.core.somaxconn', value: '65535' }]);
  });

  it('runs the operator container layout: populate-env init, ais-node with fieldRef env and /v1/health probes', () => {
    const spec = podSpec('demo-target');
    expect(spec.initContainers.map((c: any) => c.name)).toEqual(['populate-env']);
    expect(spec.initContainers[0].image).toBe('docker.io/aistorage/ais-init:v4.9');
    const env = Object.fromEntries(spec.initContainers[0].env.map((e: any) => [e.name, e.value ?? e.valueFrom.fieldRef.fieldPath]));
    expect(env).toMatchObject({ MY_NODE: 'spec.nodeName', MY_POD: 'metadata.name', K8S_NS: 'metadata.namespace', MY_SERVICE: 'demo-target', AIS_PUBLIC_HOSTNAME: 'status.hostIP' });
    const container = aisNode('demo-target');
    expect(container.image).toBe('docker.io/aistorage/aisnode:v4.9');
    expect(container.command).toEqual(['aisnode']);
    expect(container.livenessProbe.httpGet).toEqual({ path: '/v1/health', port: 51081, scheme: 'HTTP' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/v1/health?readiness=true', port: 51081, scheme: 'HTTP' });
    expect(container.volumeMounts).toContainEqual({ name: 'state-mount', mountPath: '/etc/ais', subPathExpr: '$(MY_POD)' });
    expect(spec.volumes).toContainEqual({ name: 'state-mount', hostPath: { path: '/etc/ais/ais/demo/target', type: 'DirectoryOrCreate' } });
  });

  it('serves the gateway on a LoadBalancer at 10.132.179.10:51080 from a MetalLB layer-2 pool', () => {
    const gateway = find(reference, 'Service', 'demo-proxy-lb');
    expect(gateway.spec.type).toBe('LoadBalancer');
    expect(gateway.spec.ports).toEqual([{ name: 'pub', port: 51080, targetPort: 51080, protocol: 'TCP' }]);
    expect(gateway.spec.selector).toEqual({ 'app.kubernetes.io/name': 'demo', 'app.kubernetes.io/component': 'proxy' });
    expect(gateway.metadata.annotations?.['metallb.io/loadBalancerIPs']).toBe('10.132.179.10');
    expect(gateway.metadata.annotations?.['metallb.io/address-pool']).toBe('demo-ais');
    expect(find(reference, 'IPAddressPool', 'demo-ais').spec).toEqual({ addresses: ['10.132.179.10-10.132.179.20'], autoAssign: false });
    expect(find(reference, 'L2Advertisement', 'demo-ais').spec).toEqual({ ipAddressPools: ['demo-ais'] });
    // no per-target LoadBalancers unless asked
    expect(reference.filter((m) => m.kind === 'Service' && m.spec.type === 'LoadBalancer')).toHaveLength(1);
  });

  it('headless services publish not-ready addresses on the public, control and data ports', () => {
    for (const [name, port] of [['demo-proxy', 51080], ['demo-target', 51081]] as const) {
      const service = find(reference, 'Service', name);
      expect(service.spec.clusterIP).toBe('None');
      expect(service.spec.publishNotReadyAddresses).toBe(true);
      expect(service.spec.ports.map((p: any) => [p.name, p.port])).toEqual([['pub', port], ['control', 51082], ['data', 51083]]);
    }
  });

  it('writes the AIS config maps: bootstrap URLs and per-role local templates with string ports and fspaths', () => {
    const global = JSON.parse(find(reference, 'ConfigMap', 'demo-global-cm').data['ais.json']);
    expect(global.proxy).toEqual({
      primary_url: 'http://demo-proxy-primary-0.demo-proxy.ais.svc.cluster.local:51082',
      original_url: 'http://demo-proxy-primary-0.demo-proxy.ais.svc.cluster.local:51082',
      discovery_url: 'http://demo-proxy.ais.svc.cluster.local:51082',
    });
    const target = JSON.parse(find(reference, 'ConfigMap', 'demo-target').data['ais_local.json']);
    expect(target.host_net).toMatchObject({ port: '51081', port_intra_control: '51082', port_intra_data: '51083' });
    expect(target.fspaths).toEqual(Object.fromEntries(MOUNTPATHS.map((p) => [p, ''])));
    const proxy = JSON.parse(find(reference, 'ConfigMap', 'demo-proxy').data['ais_local.json']);
    expect(proxy.host_net.port).toBe('51080');
    expect(proxy.fspaths).toBeUndefined();
  });
});
