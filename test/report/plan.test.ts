import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planOf } from '../support/synth';
import { EXAMPLES } from '../support/cli';

function plan(file: string, edit: (text: string) => string = (t) => t): string {
  const text = edit(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
  return planOf(text, `examples/${file}`);
}

describe('plan report (PLAN.md)', () => {
  const reference = plan('reference.yaml');

  it('fills the planning worksheet for the reference cluster', () => {
    expect(reference).toContain('# Plan: demo');
    expect(reference).toContain('| `cpu01` | yes | yes | yes |  | `nvidia.com/ais-target=demo-ais`<br>`nvidia.com/ais-proxy=demo-ais-electable`<br>`nvidia.com/ais-initial-primary-proxy=demo-ais` |');
    expect(reference).toContain('| `cpu12` | yes | yes |  |  | `nvidia.com/ais-target=demo-ais`<br>`nvidia.com/ais-proxy=demo-ais-electable` |');
    expect(reference).toContain('10 mountpaths on each of the 12 target nodes, as hostPath volumes');
    expect(reference).toContain('External IPs needed: 1 (the gateway). Address pool: `10.132.179.10-10.132.179.20` (MetalLB layer 2).');
    expect(reference).toContain('| `demo-proxy-lb` | `10.132.179.10` | 51080 |');
    expect(reference).toContain('| 51081 | target public port (clients are redirected here) | hostPort on every target node (12 nodes) |');
    expect(reference).toContain('- CustomResourceDefinition ipaddresspools.metallb.io: MetalLB 0.13 to 0.16, which gives the LoadBalancers their IPs');
    expect(reference).toContain('Cluster DNS domain: `cluster.local`.');
    expect(reference).toContain('once AIS is up you may remove it, change `initialPrimary` or lose that node; no pod requires it, so nothing stays Pending.');
    expect(reference).toContain('set `ais.clusterDomain` to it before the first sync');
    // issue 20: proxies advertise a node address (hostPort), and PLAN.md says where an admin runs the CLI
    expect(reference).toContain('| `cpu01` | run time (`status.hostIP`) | node IP (run time) :51080 | node IP (run time) :51081 | proxy: pod IP<br>target: pod IP |');
    expect(reference).toContain('| 51080 | gateway (clients, S3 and native API); each proxy\'s public address (the CLI, the other proxies) | the gateway LoadBalancer IP; hostPort on every proxy node (12 nodes) |');
    expect(reference).toContain('- [ ] port 51080 free on every proxy node (hostPort) and reachable by the `ais` CLI and the other proxies');
  });

  it('gives the node maintenance procedure: AIS maintenance first, then drain, one node at a time', () => {
    const section = reference.slice(reference.indexOf('## Node maintenance'));
    expect(section).toContain('PodDisruptionBudget `demo-target`: at most `1` target(s) evicted at a time.');
    const steps = ['start-maintenance <target-id>', 'kubectl drain <node>', 'kubectl uncordon <node>', 'stop-maintenance <target-id>'];
    const at = steps.map((s) => section.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('draws the topology as Mermaid and lists the host preparation', () => {
    expect(reference).toContain('```mermaid\nflowchart LR\n  clients([clients])\n  gateway[["demo-proxy-lb<br/>10.132.179.10:51080"]]');
    expect(reference.match(/subgraph node_cpu\d\d/g)).toHaveLength(12);
    expect(reference).toContain('  gateway --> proxy_cpu07');
    expect(reference).toContain('- [ ] kubelet on every AIS node allows the pod sysctl: `--allowed-unsafe-sysctls=net.core.somaxconn`'
      + ' (else kubelet rejects the AIS pods with `SysctlForbidden`; or set `ais.somaxconn: false`)');
    expect(reference).toContain('- [ ] after mounting each mountpath: `mkdir /ais/sda/.ais-disk`, `mkdir /ais/sdb/.ais-disk`');
    expect(reference).toContain('`net.ipv4.ip_local_port_range=2048 65535`');
    expect(reference).toContain('MTU 9000 on the storage network; the CNI MTU 20 bytes less');
    expect(reference).toContain('mounted at `/ais/sda`, `/ais/sdb`');
  });

  it('computes raw capacity, N+1 external IPs and the assigned per-target IPs', () => {
    const nvme = plan('local-pv.yaml');
    expect(nvme).toContain('Raw capacity: 24 TiB per node, 96 TiB in all');
    expect(nvme).toContain('External IPs needed: 5 (4 targets with their own LoadBalancer + 1 gateway).');
    expect(nvme).toContain('| `nvme-target-0` | `192.168.50.21` | 51081 |');
    expect(nvme).toContain('| 51081 | target public port (clients are redirected here) | each target LoadBalancer IP |');
  });

  it('lists what must exist before sync and the AuriStorFS kernel → image table with the upgrade order', () => {
    const phased = plan('auristor-phased.yaml');
    expect(phased).toContain('- Secret auristorfs-group-1/etc-yfs-keytabs: AuriStorFS keytabs (/etc/yfs-keytabs) of group group-1');
    expect(phased).toContain('| group-2 | `auristorfs-group-2` | `4.18.0-305.49.1.el8_4.x86_64` | `ghcr.io/auristor/auristor-kmod-2021.05-15:4.18.0-305.el8.x86_64` | `2022.02-2` |');
    expect(phased).toContain('Upgrade order: one group at a time, in this order: `group-1` → `group-2`.');
    expect(phased).toContain('Node Feature Discovery labels every AuriStorFS node with `feature.node.kubernetes.io/kernel-version.full`');
  });

  it('with kmm: the KMM-layout image per full kernel, and the host-side cache manager to prepare', () => {
    const kmm = plan('auristor-phased.yaml', (t) => t.replace('delivery: sro', 'delivery: kmm'));
    expect(kmm).toContain('| group-2 | `auristorfs-group-2` | `4.18.0-305.49.1.el8_4.x86_64` | '
      + '`registry.example.com/auristorfs-kmm/auristor-kmod-2021.05-15:4.18.0-305.49.1.el8_4.x86_64` | `2022.02-2` |');
    expect(kmm).toContain('- [ ] the AuriStorFS cache manager and its client configuration on every AuriStorFS node (KMM only loads `yfs`)');
    expect(kmm).not.toContain('etc-yfs-keytabs');
  });

  it('draws large fleets as counts and is deterministic', () => {
    const big = plan('reference.yaml', (t) => t.replace(/cpu12\]/g, `cpu12, ${Array.from({ length: 20 }, (_, i) => `x${i}`).join(', ')}]`));
    expect(big).toContain('targets[("32 targets x 10 mountpaths")]');
    expect(big).not.toContain('subgraph');
    expect(plan('reference.yaml')).toBe(reference);
  });
});
