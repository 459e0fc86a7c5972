import { auristorClientProps } from '../from-config/auristor';
import { resolveNodeGroup } from '../auristor/group';
import type { ClusterConfig } from '../config/schema';
import type { Manifest } from '../k8s/manifest';

/** Up to this many nodes are drawn one by one; larger fleets are drawn as counts. */
export const MAX_DRAWN_NODES = 16;

const id = (text: string) => text.replace(/[^A-Za-z0-9_]/g, '_');

/**
 * A Mermaid flowchart of the fleet: clients → gateway LoadBalancer → proxies on their nodes, targets
 * with their mountpaths, and AuriStorFS groups with their kernels. Deterministic (config order).
 */
export function topologyDiagram(config: ClusterConfig, manifests: readonly Manifest[]): string {
  const lines = ['```mermaid', 'flowchart LR', '  clients([clients])'];
  const ais = config.ais;
  if (ais) {
    const gateway = manifests.find((m) => m.kind === 'Service' && m.spec?.type === 'LoadBalancer' && m.metadata.name.endsWith('-proxy-lb'));
    const ip = gateway?.metadata.annotations?.['metallb.io/loadBalancerIPs'] ?? ais.gateway?.loadBalancerIP ?? 'LoadBalancer';
    lines.push(`  gateway[["${config.name}-proxy-lb<br/>${ip}:${ais.ports.proxy}"]]`, '  clients --> gateway');
    const nodes = [...new Set([...ais.proxies.nodes, ...ais.targets.nodes])];
    const mountpaths = ais.targets.mountpaths.length;
    if (nodes.length <= MAX_DRAWN_NODES) {
      for (const node of nodes) {
        lines.push(`  subgraph ${id(`node_${node}`)}["${node}"]`);
        if (ais.proxies.nodes.includes(node)) lines.push(`    ${id(`proxy_${node}`)}(proxy)`);
        if (ais.targets.nodes.includes(node)) lines.push(`    ${id(`target_${node}`)}[("target<br/>${mountpaths} mountpaths")]`);
        lines.push('  end');
      }
      for (const node of ais.proxies.nodes) lines.push(`  gateway --> ${id(`proxy_${node}`)}`);
      const redirect = ais.externalLB ? 'own LoadBalancer' : `hostPort ${ais.ports.target}`;
      for (const node of ais.targets.nodes) lines.push(`  clients -. "redirect (${redirect})" .-> ${id(`target_${node}`)}`);
    } else {
      lines.push(`  proxies(${ais.proxies.nodes.length} proxies)`, `  targets[("${ais.targets.nodes.length} targets x ${mountpaths} mountpaths")]`,
        '  gateway --> proxies', `  clients -. redirect .-> targets`, '  proxies <--> targets');
    }
  }
  if (config.auristor) {
    for (const group of auristorClientProps(config.auristor).groups.map(resolveNodeGroup)) {
      const where = group.nodes.length ? group.nodes.join(', ') : Object.entries(group.nodeSelector).map(([k, v]) => `${k}=${v}`).join(', ');
      lines.push(`  ${id(`group_${group.name}`)}{{"AuriStorFS ${group.name}<br/>kmod ${group.kmodVersion}, CSI ${group.csiVersion}<br/>${where}"}}`);
    }
  }
  lines.push('```');
  return lines.join('\n');
}
