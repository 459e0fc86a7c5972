import { Step, v } from '../runbook/steps';
import { POD } from './blocks';
import { RunbookPart } from './compose';
import { ReleaseFacts, podsOf } from './facts';

/**
 * Proxy state from one sub-directory per pod (`subPathExpr: $(MY_POD)`, outputs before #20) to the
 * node's directory itself. The proxy ID is a hash of the node name (aistore v1.4.9 ais/proxy.go
 * `initPID`) and the AIS operator keeps proxy state per node too (ais-k8s v3.4.0 cmn/volumes.go
 * `getHostMountSubPath`). A proxy restarted on the new layout that finds no state in the node's
 * directory rejoins through `primary_url` without its cluster map, and a primary restarted so may
 * start a cluster of its own: before the proxies restart, each node's directory gets the state of
 * the proxy pod that runs there (the proxies are OnDelete: the rollout restarts them after the sync).
 */
export function proxyStatePerNode(before: ReleaseFacts, after: ReleaseFacts): RunbookPart | undefined {
  const was = before.stateDirs.proxy;
  const now = after.stateDirs.proxy;
  if (before.mode !== 'standalone' || after.mode !== 'standalone' || !was?.perPod || !now || now.perPod || was.path !== now.path) return undefined;
  const dir = now.path;
  const NODE = v('PROXY_NODE');
  const copy: Step = {
    id: 'proxy-state-per-node', kind: 'forEach', title: `copy each proxy pod's state into ${dir} on its node`, variable: POD.var, items: podsOf(before, 'proxy'),
    body: [
      { id: 'find-node', kind: 'resolve', title: 'find the node the proxy pod runs on', variable: NODE.var, lookup: { kind: 'nodeOfPod', pod: POD } },
      { id: 'copy-state', kind: 'host', node: NODE, title: `copy the pod's state directory into ${dir}`,
        why: 'the restarted proxy reads the node\'s directory: without its cluster map it rejoins through primary_url, and a primary restarted so may start a cluster of its own',
        cite: ['aistore ais/proxy.go initPID (v1.4.9)', 'ais-k8s cmn/volumes.go getHostMountSubPath (v3.4.0)'],
        action: { verb: 'copyStateDir', from: `${dir}/\${${POD.var}}`, to: dir } },
    ],
  };
  return {
    id: 'proxy-state-per-node',
    title: `move the proxy state to one directory per node (${dir})`,
    source: 'aistore ais/proxy.go initPID (v1.4.9); ais-k8s cmn/volumes.go getHostMountSubPath (v3.4.0)',
    beforeMerge: [copy],
    leftovers: [`every proxy node (${before.proxyNodes.join(', ')}): the per-pod sub-directories of ${dir} (named after the proxy pods): nothing reads them any more`],
  };
}
