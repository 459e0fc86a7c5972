import { AisClusterFacts, podSelector } from './ais-clusters';
import { Runbook, RunbookRule, RunbookStep, aisNodeId, podOnNode, unlabelCommands } from './runbook';
import { ReviewInput } from './types';

/**
 * Runbooks for AIS nodes leaving, replacing each other or joining: the ais-k8s node replacement
 * procedure (docs/node_replacement.md, steps 1-8) with the names of this change, and the
 * scale-down / scale-up consequences of a StatefulSet (Kubernetes removes the highest ordinal).
 */

const NODE_REPLACEMENT = 'ais-k8s docs/node_replacement.md';
const NODE_LIFECYCLE = 'aistore docs/lifecycle_node.md and docs/cli/cluster.md (v1.4.9)';

const minus = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x));

function labelsToAdd(cluster: AisClusterFacts, node: string): string {
  const labels = { ...(cluster.proxyNodes.includes(node) ? cluster.proxySelector : {}), ...(cluster.targetNodes.includes(node) ? cluster.targetSelector : {}) };
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).sort().join(' ');
}

const idOf = (role: 'proxy' | 'target', podVariable: string, id: string) => aisNodeId(role, `$${podVariable}`, id);

/** Moves the primary away from the proxy on `node` when it is the primary. */
function primaryAway(cluster: AisClusterFacts, node: string, keep: string | undefined): RunbookStep | undefined {
  if (!keep) return undefined;
  return {
    text: `If the proxy on ${node} is the primary (marked [P] by \`ais show cluster proxy\`), make the proxy on ${keep} primary first: `
      + 'the cluster map moves with it and clients keep a gateway',
    commands: [
      podOnNode(cluster, 'proxy', node, 'PROXY_POD'),
      idOf('proxy', 'PROXY_POD', 'PROXY_ID'),
      podOnNode(cluster, 'proxy', keep, 'NEXT_PRIMARY_POD'),
      idOf('proxy', 'NEXT_PRIMARY_POD', 'NEXT_PRIMARY_ID'),
      'ais show cluster proxy',
      'ais cluster set-primary "$NEXT_PRIMARY_ID"   # only if $PROXY_ID is marked [P]',
    ],
  };
}

function syncStep(cluster: AisClusterFacts, nodes: readonly string[], volumes: readonly string[]): RunbookStep {
  const labels = nodes.map((n) => `${n} (${labelsToAdd(cluster, n)})`).join(', ');
  return {
    text: `Sync the Argo CD Application of this output: it labels ${labels}`
      + (volumes.length ? ` and creates the PersistentVolumes ${volumes.join(', ')} (wave order: volumes before the workloads)` : ''),
    commands: [`kubectl get node ${nodes.join(' ')} --show-labels`],
  };
}

function hostLeftovers(cluster: AisClusterFacts, node: string): RunbookStep {
  return {
    text: `${node} still holds this cluster's data on ${cluster.mountpaths.join(', ')} and its AIS state directories; `
      + 'wipe them before the disks are reused (a target started on old metadata would rejoin with stale objects)',
  };
}

/** ais-k8s docs/node_replacement.md, with the old and the new node's names. */
function replacement(input: ReviewInput, before: AisClusterFacts, after: AisClusterFacts, old: string, replacementNode: string): Runbook {
  const ns = before.namespace;
  const localPV = (before.volumesByNode.get(old) ?? []).length > 0;
  const proxyMoves = before.proxyNodes.includes(old);
  const keep = after.proxyNodes.find((n) => n !== replacementNode && before.proxyNodes.includes(n));
  const pods = proxyMoves ? '"$TARGET_POD" "$PROXY_POD"' : '"$TARGET_POD"';
  const oldVolumes = before.volumesByNode.get(old) ?? [];
  const newVolumes = after.volumesByNode.get(replacementNode) ?? [];
  const steps: RunbookStep[] = [
    {
      text: `Before Argo CD syncs this change (merge it only at the sync step below): drain the target on ${old} through AIS. `
        + 'Maintenance starts a rebalance that moves its objects onto the other targets; wait until it has finished',
      commands: [
        podOnNode(before, 'target', old, 'TARGET_POD'),
        idOf('target', 'TARGET_POD', 'TARGET_ID'),
        'ais cluster add-remove-nodes start-maintenance "$TARGET_ID"',
        'ais show rebalance',
      ],
    },
    ...(proxyMoves ? [primaryAway(before, old, keep)].filter((s): s is RunbookStep => s !== undefined) : []),
    {
      text: `Unlabel ${old}: Argo CD never removes labels from a Node (Prune=false), and the StatefulSets schedule by them`,
      commands: unlabelCommands(input, [old]),
    },
    {
      text: `Delete the pod${proxyMoves ? 's' : ''} on ${old}; the StatefulSet${proxyMoves ? 's recreate them' : ' recreates it'} under the same `
        + (localPV ? `name. The target comes back Pending: its claims are bound to volumes pinned to ${old} (FailedScheduling: node affinity)`
          : `name, Pending until the sync labels ${replacementNode}`),
      commands: [`kubectl delete pod -n ${ns} ${pods}`, `kubectl get pod -n ${ns} ${pods} -o wide`],
    },
  ];
  if (localPV) {
    steps.push(
      {
        text: 'Delete the target\'s claims (a bound claim cannot move); the StatefulSet creates new ones for the Pending pod, which bind on the new node',
        commands: [`kubectl get pod "$TARGET_POD" -n ${ns} -o jsonpath='{.spec.volumes[*].persistentVolumeClaim.claimName}' | xargs -r -n1 kubectl delete pvc -n ${ns}`],
      },
      {
        text: `Delete ${old}'s volumes: they are Released (reclaim policy Retain) and never accept a new claim; Argo CD does not delete them (Prune=false). The data stays on the disks`,
        commands: [`kubectl delete pv ${oldVolumes.join(' ')}`],
      },
    );
  }
  steps.push(syncStep(after, [replacementNode], newVolumes));
  if (localPV) {
    steps.push({
      text: `Check ${replacementNode}'s volumes exist and bind to the new claims`,
      commands: [`kubectl get pv ${newVolumes.join(' ')}`],
    });
  }
  steps.push(
    {
      text: `Verify: the pod${proxyMoves ? 's run' : ' runs'} on ${replacementNode}${localPV ? ' with every claim Bound' : ''}; the target joins AIS with a new node ID and AIS rebalances onto it`,
      commands: [`kubectl get pod -n ${ns} -l ${podSelector(after, 'target')} -o wide`, ...(localPV ? [`kubectl get pvc -n ${ns}`] : []), 'ais show cluster', 'ais show rebalance'],
    },
    hostLeftovers(before, old),
  );
  return {
    id: 'target-node-replaced',
    title: `replace target node ${old} by ${replacementNode} (AIS cluster ${before.name}, namespace ${ns}, ${localPV ? 'local PersistentVolumes' : 'hostPath mountpaths'}, ${before.mode} mode)`,
    source: NODE_REPLACEMENT,
    steps,
  };
}

/** Fewer targets: the highest ordinals go, whichever nodes they run on. */
function scaleDown(input: ReviewInput, before: AisClusterFacts, after: AisClusterFacts, gone: readonly string[]): Runbook {
  const ns = before.namespace;
  const set = before.targetStatefulSet;
  const leaving = Array.from({ length: Math.max(0, before.targets - after.targets) }, (_, i) => `${set}-${after.targets + i}`);
  const localPV = gone.some((n) => (before.volumesByNode.get(n) ?? []).length > 0);
  const onGone = gone.map((_, i) => `$TARGET_POD_${i + 1}`);
  const steps: RunbookStep[] = [
    {
      text: `Find where the pods run: the StatefulSet ${set} goes from ${before.targets} to ${after.targets} replicas and Kubernetes deletes `
        + `${leaving.join(', ')} (the highest ordinals), not necessarily the pods on ${gone.join(', ')}`
        + (before.scaleDownMode !== undefined && before.scaleDownMode !== 'retain' ? '; the operator decommissions the same highest ordinals first (scaleDownMode)' : ''),
      commands: [`kubectl get pod -n ${ns} ${leaving.join(' ')} -o wide`, ...gone.map((n, i) => podOnNode(before, 'target', n, `TARGET_POD_${i + 1}`))],
    },
    {
      text: `Decommission the targets on ${gone.join(', ')} in AIS: their objects are rebalanced onto the others; wait for the rebalance`,
      commands: [
        ...gone.flatMap((_, i) => [idOf('target', `TARGET_POD_${i + 1}`, `TARGET_ID_${i + 1}`), `ais cluster add-remove-nodes decommission "$TARGET_ID_${i + 1}"`]),
        'ais show rebalance',
      ],
    },
    before.scaleDownMode !== undefined && before.scaleDownMode !== 'retain'
      ? { text: `At the sync the operator decommissions ${leaving.join(', ')} itself (targetSpec.scaleDownMode ${before.scaleDownMode}) before it scales the StatefulSet down; the node it ran on gets the moved target back as a new node` }
      : {
        text: `Decommission ${leaving.join(', ')} too unless ${leaving.length > 1 ? 'they are' : 'it is'} among the pods of step 2: ${leaving.length > 1 ? 'they leave' : 'it leaves'} `
          + 'the cluster at the sync, and the node it ran on gets the moved target back as a new node',
        commands: [
          ...leaving.flatMap((pod, i) => [aisNodeId('target', pod, `LEAVING_ID_${i + 1}`), `ais cluster add-remove-nodes decommission "$LEAVING_ID_${i + 1}"   # only if ${pod} is not one of ${onGone.join(' ')}`]),
          'ais show rebalance',
        ],
      },
    {
      text: `Unlabel ${gone.join(', ')} (Argo CD never removes labels from a Node)`,
      commands: unlabelCommands(input, gone),
    },
    { text: `Sync the Argo CD Application: ${set} scales to ${after.targets}; ${leaving.join(', ')} ${leaving.length > 1 ? 'stop' : 'stops'}` },
  ];
  if (localPV) {
    const volumes = gone.flatMap((n) => before.volumesByNode.get(n) ?? []);
    const claimsOf = [...leaving, ...onGone].join('|');
    steps.push({
      text: `Delete the claims of ${[...leaving, ...onGone].join(', ')} (bound claims never move; the StatefulSet keeps them, retention policy Retain), `
        + `the volumes of ${gone.join(', ')} and the volumes that were bound to ${leaving.join(', ')}; sync again so that Argo CD recreates the latter, Available`,
      commands: [
        `kubectl get pvc -n ${ns} -o name | grep -E -- "-(${claimsOf})$" | xargs -r kubectl delete -n ${ns}`,
        `kubectl get pv -o jsonpath='{range .items[*]}{.metadata.name} {.spec.claimRef.name}{"\\n"}{end}' | awk '$2 ~ /-(${leaving.join('|')})$/ {print $1}' | xargs -r kubectl delete pv`,
        `kubectl delete pv --ignore-not-found ${volumes.join(' ')}`,
      ],
    });
  }
  steps.push(
    {
      text: `Delete the pod${gone.length > 1 ? 's' : ''} of ${gone.join(', ')} that ${gone.length > 1 ? 'are' : 'is'} not among ${leaving.join(', ')}: `
        + 'it starts on the node freed by the highest ordinal and joins as a new target; AIS rebalances onto it',
      commands: [...gone.map((_, i) => `kubectl delete pod -n ${ns} --ignore-not-found "$TARGET_POD_${i + 1}"`), `kubectl get pod -n ${ns} -l ${podSelector(after, 'target')} -o wide`, 'ais show rebalance'],
    },
    ...gone.map((n) => hostLeftovers(before, n)),
  );
  return {
    id: 'target-scale-down',
    title: `remove target node${gone.length > 1 ? 's' : ''} ${gone.join(', ')} (AIS cluster ${before.name}, namespace ${ns}): ${set} ${before.targets} → ${after.targets}`,
    source: `${NODE_LIFECYCLE}; ais-k8s PR#61 (scaleDownMode)`,
    steps,
  };
}

/** More targets: new ordinals start on the new nodes, AIS rebalances onto them. */
function scaleUp(before: AisClusterFacts, after: AisClusterFacts, added: readonly string[]): Runbook {
  const ns = after.namespace;
  const set = after.targetStatefulSet;
  const joining = Array.from({ length: Math.max(0, after.targets - before.targets) }, (_, i) => `${set}-${before.targets + i}`);
  const volumes = added.flatMap((n) => after.volumesByNode.get(n) ?? []);
  return {
    id: 'target-scale-up',
    title: `add target node${added.length > 1 ? 's' : ''} ${added.join(', ')} (AIS cluster ${after.name}, namespace ${ns}): ${set} ${before.targets} → ${after.targets}`,
    source: NODE_LIFECYCLE,
    steps: [
      {
        text: `Prepare ${added.join(', ')}: one filesystem per mountpath (${after.mountpaths.join(', ')}), mounted by UUID or /dev/disk/by-id in /etc/fstab `
          + '(device names like /dev/sdb can change at reboot, and a target that finds another disk under a mountpath loses its objects)',
      },
      syncStep(after, added, volumes),
      {
        text: `${joining.join(', ')} ${joining.length > 1 ? 'start' : 'starts'} on ${added.join(', ')} (labelled, and without a target yet) and `
          + `${joining.length > 1 ? 'join' : 'joins'} AIS; a global rebalance moves a share of the objects onto the new target${joining.length > 1 ? 's' : ''} `
          + '(reads keep working; expect extra disk and network load until it ends)',
        commands: [`kubectl get pod -n ${ns} ${joining.join(' ')} -o wide`, 'ais show cluster target', 'ais show rebalance'],
      },
    ],
  };
}

/** A proxy node taken out (the node may stay a target). */
function proxyRemoved(input: ReviewInput, before: AisClusterFacts, after: AisClusterFacts, gone: readonly string[]): Runbook {
  const ns = before.namespace;
  const keep = after.proxyNodes.find((n) => before.proxyNodes.includes(n));
  const steps: RunbookStep[] = [];
  for (const node of gone) {
    const primary = primaryAway(before, node, keep);
    if (primary) steps.push(primary);
  }
  steps.push(
    {
      text: `Decommission the proxies on ${gone.join(', ')} (a proxy holds no objects; this takes it out of the cluster map)`,
      commands: gone.flatMap((n, i) => [podOnNode(before, 'proxy', n, `GONE_PROXY_POD_${i + 1}`), idOf('proxy', `GONE_PROXY_POD_${i + 1}`, `GONE_PROXY_ID_${i + 1}`),
        `ais cluster add-remove-nodes decommission "$GONE_PROXY_ID_${i + 1}"`]),
    },
    {
      text: `Unlabel ${gone.join(', ')} as proxy nodes (Argo CD never removes labels from a Node)`,
      commands: unlabelCommands(input, gone),
    },
    {
      text: `Sync the Argo CD Application; the proxy StatefulSet loses its highest ordinals: if a decommissioned pod was not one of them, delete it so it `
        + 'moves to the freed node and joins as a new proxy',
      commands: [...gone.map((_, i) => `kubectl delete pod -n ${ns} "$GONE_PROXY_POD_${i + 1}"`), `kubectl get pod -n ${ns} -l ${podSelector(after, 'proxy')} -o wide`, 'ais show cluster proxy'],
    },
  );
  return {
    id: 'proxy-node-removed',
    title: `remove proxy node${gone.length > 1 ? 's' : ''} ${gone.join(', ')} (AIS cluster ${before.name}, namespace ${ns})`,
    source: NODE_LIFECYCLE,
    steps,
  };
}

export const NODE_RUNBOOKS: RunbookRule = {
  id: 'ais-nodes',
  runbooks: (input, before, after) => {
    const runbooks: Runbook[] = [];
    for (const [release, was] of before) {
      const now = after.get(release);
      if (!now) continue;
      const goneTargets = minus(was.targetNodes, now.targetNodes);
      const newTargets = minus(now.targetNodes, was.targetNodes);
      const pairs = goneTargets.slice(0, newTargets.length).map((old, i) => [old, newTargets[i]] as const);
      for (const [old, replacementNode] of pairs) runbooks.push(replacement(input, was, now, old, replacementNode));
      const onlyGone = goneTargets.slice(pairs.length);
      const onlyNew = newTargets.slice(pairs.length);
      if (onlyGone.length > 0) runbooks.push(scaleDown(input, was, now, onlyGone));
      if (onlyNew.length > 0) runbooks.push(scaleUp(was, now, onlyNew));
      const replacedProxies = pairs.filter(([old, n]) => was.proxyNodes.includes(old) && now.proxyNodes.includes(n)).map(([old]) => old);
      const goneProxies = minus(minus(was.proxyNodes, now.proxyNodes), replacedProxies);
      if (goneProxies.length > 0) runbooks.push(proxyRemoved(input, was, now, goneProxies));
    }
    return runbooks;
  },
};
