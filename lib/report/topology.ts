import type { Manifest } from '../k8s/manifest';
import type { PlanSubjects } from './subjects';

/** Up to this many nodes are drawn one by one; larger fleets are drawn as counts. */
export const MAX_DRAWN_NODES = 16;

const id = (text: string) => text.replace(/[^A-Za-z0-9_]/g, '_');

/**
 * A Mermaid flowchart of the fleet: clients → gateway LoadBalancer → proxies on their nodes, targets
 * with their mountpaths, and AuriStorFS groups with their kernels. Deterministic (config order).
 */
export function topologyDiagram(release: string, { ais, auristor }: PlanSubjects, manifests: readonly Manifest[]): string {
  const lines = ['```mermaid', 'flowchart LR', '  clients([clients])'];
  if (ais) {
    const gateway = manifests.find((m) => m.kind === 'Service' && m.spec?.type === 'LoadBalancer' && m.metadata.name.endsWith('-proxy-lb'));
    const ip = gateway?.metadata.annotations?.['metallb.io/loadBalancerIPs'] ?? ais.gatewayOptions.loadBalancerIP ?? 'LoadBalancer';
    lines.push(`  gateway[["${release}-proxy-lb<br/>${ip}:${ais.ports.proxy}"]]`, '  clients --> gateway');
    const nodes = [...new Set([...ais.proxyNodes, ...ais.targetNodes])];
    const mountpaths = ais.mountpaths.length;
    if (nodes.length <= MAX_DRAWN_NODES) {
      for (const node of nodes) {
        lines.push(`  subgraph ${id(`node_${node}`)}["${node}"]`);
        if (ais.proxyNodes.includes(node)) lines.push(`    ${id(`proxy_${node}`)}(proxy)`);
        if (ais.targetNodes.includes(node)) lines.push(`    ${id(`target_${node}`)}[("target<br/>${mountpaths} mountpaths")]`);
        lines.push('  end');
      }
      for (const node of ais.proxyNodes) lines.push(`  gateway --> ${id(`proxy_${node}`)}`);
      const redirect = ais.externalLoadBalancers ? 'own LoadBalancer' : `hostPort ${ais.ports.target}`;
      for (const node of ais.targetNodes) lines.push(`  clients -. "redirect (${redirect})" .-> ${id(`target_${node}`)}`);
    } else {
      lines.push(`  proxies(${ais.proxyNodes.length} proxies)`, `  targets[("${ais.targetNodes.length} targets x ${mountpaths} mountpaths")]`,
        '  gateway --> proxies', `  clients -. redirect .-> targets`, '  proxies <--> targets');
    }
  }
  if (auristor) {
    for (const group of auristor.groups) {
      const where = group.nodes.length ? group.nodes.join(', ') : Object.entries(group.nodeSelector).map(([k, v]) => `${k}=${v}`).join(', ');
      lines.push(`  ${id(`group_${group.name}`)}{{"AuriStorFS ${group.name}<br/>kmod ${group.kmodVersion}, CSI ${group.csiVersion}<br/>${where}"}}`);
    }
  }
  lines.push('```');
  return lines.join('\n');
}
