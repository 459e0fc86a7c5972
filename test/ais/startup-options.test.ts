/**
 * The config keys behind the startup contract: kubernetesVersion, somaxconn, targets.diskMarker and
 * the restart-hash annotation; each with its output and its config errors.
 */
import { Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { AisCluster } from '../../lib/ais/cluster';
import { RESTART_HASH_ANNOTATION } from '../../lib/ais/workloads/config-maps';
import { find } from '../support/cli';
import { configProblems, editConfig } from '../support/config-problems';
import { validateAll } from '../support/schema';
import { manifestsOf } from '../support/synth';

/** Two proxies (a primary and an electable set), three targets with two mountpaths. */
const BASE = 'name: lab\nnamespace: storage\nais:\n  proxies: { nodes: [n1, n2] }\n  targets:\n    nodes: [n1, n2, n3]\n    mountpaths: [/ais/sda, /ais/sdb]\n';
const podSpec = (manifests: readonly any[], set: string) => find(manifests, 'StatefulSet', set).spec.template.spec;
const initEnvNames = (manifests: readonly any[], set: string) => podSpec(manifests, set).initContainers[0].env.map((e: any) => e.name);

describe('kubernetesVersion', () => {
  it('1.28 (the default): no env from status.hostIPs, which the 1.28 API server rejects (PodHostIPs alpha)', async () => {
    const manifests = manifestsOf(BASE);
    for (const set of ['lab-proxy-primary', 'lab-proxy', 'lab-target']) expect(initEnvNames(manifests, set)).not.toContain('HOST_IPS');
    expect(await validateAll([...manifests])).toEqual([]);
  });

  it('1.29 and later: HOST_IPS from status.hostIPs on the init containers, as the operator passes it', () => {
    const manifests = manifestsOf(`kubernetesVersion: "1.29"\n${BASE}`);
    expect(podSpec(manifests, 'lab-target').initContainers[0].env[0]).toEqual({ name: 'HOST_IPS', valueFrom: { fieldRef: { fieldPath: 'status.hostIPs' } } });
    expect(initEnvNames(manifests, 'lab-proxy')).toContain('HOST_IPS');
  });

  it('an unsupported or unquoted version is a config error with line and column', () => {
    expect(configProblems(`kubernetesVersion: "1.27"\n${BASE}`)).toEqual([
      'cluster.yaml:1:20: kubernetesVersion: expected a supported Kubernetes version: 1.28, 1.29, 1.30, 1.31, 1.32, 1.33, got "1.27"',
    ]);
    expect(configProblems(`kubernetesVersion: 1.30\n${BASE}`)).toEqual(['cluster.yaml:1:20: kubernetesVersion: YAML reads 1.3 as a number; quote the version ("1.28")']);
  });

  it('the library construct applies the same check', () => {
    expect(() => new AisCluster(Testing.chart(), 'ais', {
      name: 'lab', proxyNodes: ['n1'], targetNodes: ['n1'], mountpaths: [{ path: '/ais/sda' }], kubernetesVersion: '1.27' as any,
    })).toThrow('unsupported Kubernetes version 1.27: expected one of 1.28, 1.29, 1.30, 1.31, 1.32, 1.33');
  });
});

describe('somaxconn', () => {
  it('sets the pod sysctl by default, another value when given, none with false', () => {
    expect(podSpec(manifestsOf(BASE), 'lab-target').securityContext.sysctls).toEqual([{ name: 'net.core.somaxconn', value: '65535' }]);
    expect(podSpec(manifestsOf(editConfig(BASE, 'ais:\n', 'ais:\n  somaxconn: 4096\n')), 'lab-proxy').securityContext.sysctls)
      .toEqual([{ name: 'net.core.somaxconn', value: '4096' }]);
    const none = manifestsOf(editConfig(BASE, 'ais:\n', 'ais:\n  somaxconn: false\n'));
    for (const set of ['lab-proxy-primary', 'lab-proxy', 'lab-target']) expect(podSpec(none, set).securityContext.sysctls).toBeUndefined();
  });

  it('rejects values the kernel does not take, and any value but the default in operator mode', () => {
    expect(configProblems(editConfig(BASE, 'ais:\n', 'ais:\n  somaxconn: true\n'))[0]).toMatch(/^cluster\.yaml:4:14: ais\.somaxconn: .*a listen backlog such as 65535, or false/);
    expect(configProblems(editConfig(BASE, 'ais:\n', 'kubernetesVersion: "1.29"\nais:\n  mode: operator\n  somaxconn: false\n'))).toEqual([
      'cluster.yaml:6:14: ais.somaxconn: the AIS operator sets no pod sysctl (its pods keep the node default); remove this key in operator mode',
    ]);
  });
});

describe('targets.diskMarker', () => {
  it('mounts <mountpath>/<marker> read-only with type Directory on every target, nothing on proxies', () => {
    const manifests = manifestsOf(BASE);
    const spec = podSpec(manifests, 'lab-target');
    expect(spec.volumes.filter((v: any) => v.name.startsWith('disk-check-'))).toEqual([
      { name: 'disk-check-0', hostPath: { path: '/ais/sda/.ais-disk', type: 'Directory' } },
      { name: 'disk-check-1', hostPath: { path: '/ais/sdb/.ais-disk', type: 'Directory' } },
    ]);
    expect(spec.containers[0].volumeMounts).toContainEqual({ name: 'disk-check-1', mountPath: '/var/run/ais-disk-check/1', readOnly: true });
    expect(podSpec(manifests, 'lab-proxy').volumes.some((v: any) => v.name.startsWith('disk-check-'))).toBe(false);
  });

  it('also guards local PVs, takes another name, and can be turned off', () => {
    const localPv = manifestsOf(BASE.replace('[/ais/sda, /ais/sdb]', '[{ path: /ais/sda, size: 1Ti }]\n    storage: localPV'));
    expect(podSpec(localPv, 'lab-target').volumes).toContainEqual({ name: 'disk-check-0', hostPath: { path: '/ais/sda/.ais-disk', type: 'Directory' } });
    const named = manifestsOf(editConfig(BASE, '    mountpaths:', '    diskMarker: mounted\n    mountpaths:'));
    expect(podSpec(named, 'lab-target').volumes).toContainEqual({ name: 'disk-check-0', hostPath: { path: '/ais/sda/mounted', type: 'Directory' } });
    const off = manifestsOf(editConfig(BASE, '    mountpaths:', '    diskMarker: false\n    mountpaths:'));
    expect(podSpec(off, 'lab-target').volumes.some((v: any) => v.name.startsWith('disk-check-'))).toBe(false);
  });

  it('a marker that is not one directory name is a config error', () => {
    expect(configProblems(editConfig(BASE, '    mountpaths:', '    diskMarker: a/b\n    mountpaths:'))[0]).toMatch(/^cluster\.yaml:7:17: ais\.targets\.diskMarker: expected one directory name/);
    expect(configProblems(editConfig(BASE, '    mountpaths:', '    diskMarker: ..\n    mountpaths:'))[0]).toMatch(/^cluster\.yaml:7:17: ais\.targets\.diskMarker: expected one directory name/);
  });
});

describe('restart-hash', () => {
  const hashOf = (manifests: readonly any[], set: string) => find(manifests, 'StatefulSet', set).spec.template.metadata.annotations[RESTART_HASH_ANNOTATION];
  const base = manifestsOf(BASE);

  it('follows the local config template of each role: a new mountpath changes the targets\' hash, not the proxies\'', () => {
    const more = manifestsOf(BASE.replace('/ais/sdb]', '/ais/sdb, /ais/sdc]'));
    expect(hashOf(more, 'lab-target')).not.toBe(hashOf(base, 'lab-target'));
    expect(hashOf(more, 'lab-proxy')).toBe(hashOf(base, 'lab-proxy'));
    const ports = manifestsOf(editConfig(BASE, 'ais:\n', 'ais:\n  ports: { intraData: 52083 }\n'));
    for (const set of ['lab-proxy-primary', 'lab-proxy', 'lab-target']) expect(hashOf(ports, set)).not.toBe(hashOf(base, set));
  });

  it('the change review says the targets and proxies (OnDelete) take a new restart-hash only as their pods are deleted', async () => {
    const { reviewChanges } = await import('../../lib/review/change-review');
    const ports = manifestsOf(editConfig(BASE, 'ais:\n', 'ais:\n  ports: { intraData: 52083 }\n'));
    const notes = reviewChanges(base, ports).findings.filter((f) => f.rule === 'on-delete-restart');
    expect(notes.flatMap((n) => n.objects).sort()).toEqual(['apps/StatefulSet storage/lab-proxy', 'apps/StatefulSet storage/lab-proxy-primary', 'apps/StatefulSet storage/lab-target']);
    for (const note of notes) expect(note.consequence).toContain('the local AIS config changed: its restart-hash annotation takes effect only as you delete the pods');
  });

  it('ignores cluster-config changes (aisnode reads ais.json only on its first start)', () => {
    const tracing = manifestsOf(editConfig(BASE, 'ais:\n', 'ais:\n  tracing: { exporterEndpoint: otel:4317 }\n'));
    expect(find(tracing, 'ConfigMap', 'lab-global-cm').data).not.toEqual(find(base, 'ConfigMap', 'lab-global-cm').data);
    expect(hashOf(tracing, 'lab-target')).toBe(hashOf(base, 'lab-target'));
  });
});
