import { describeObject } from '../../k8s/manifest';
import { aisRelease } from '../../argo/roles';
import { AisClusterFacts, podSelector } from './ais-clusters';
import { Runbook, RunbookRule, RunbookStep, aisNodeId, unlabelCommands } from './runbook';
import { ReviewInput } from './types';

/**
 * Runbooks for changes to a whole cluster: mountpaths added, removed or renamed; HTTP <-> HTTPS;
 * a new certificate issuer; the release removed from the output.
 */

const targetPods = (c: AisClusterFacts) => Array.from({ length: c.targets }, (_, i) => `${c.targetStatefulSet}-${i}`);

/** Restart targets one by one, each after the cluster is healthy again (targets update OnDelete). */
function rollTargets(cluster: AisClusterFacts, why: string): RunbookStep {
  const pods = targetPods(cluster);
  return {
    text: `Restart the targets one at a time (${why}); after each, wait until \`ais show cluster\` shows it online and no rebalance or resilver runs`,
    commands: [`for pod in ${pods.join(' ')}; do kubectl delete pod -n ${cluster.namespace} "$pod"; until kubectl wait pod -n ${cluster.namespace} "$pod" --for=condition=Ready --timeout=30m; do sleep 10; done; ais show rebalance; done`],
  };
}

const forEachTarget = (cluster: AisClusterFacts, command: string) =>
  `for pod in ${targetPods(cluster).join(' ')}; do ${aisNodeId('target', '$pod', 'id')}; ${command}; done`;

function mountpaths(before: AisClusterFacts, after: AisClusterFacts): Runbook | undefined {
  const removed = before.mountpaths.filter((p) => !after.mountpaths.includes(p));
  const added = after.mountpaths.filter((p) => !before.mountpaths.includes(p));
  if (removed.length === 0 && added.length === 0) return undefined;
  if (before.mode === 'operator') return undefined; // the webhook refuses it: operator-webhook-refuses-update says what to do
  const steps: RunbookStep[] = [];
  if (added.length > 0) {
    steps.push({
      text: `On every target node (${after.targetNodes.join(', ')}), make ${added.join(', ')} a filesystem of its own and mount it by UUID= or `
        + '/dev/disk/by-id/ in /etc/fstab, never by /dev/sdX (names change across reboots; a target that finds another disk under a mountpath loses its objects)',
      commands: ['lsblk -o NAME,SIZE,UUID,MOUNTPOINT', 'ls -l /dev/disk/by-id/'],
    });
  }
  for (const path of removed) {
    steps.push({
      text: `Detach ${path} on every target: AIS resilvers its objects onto the other mountpaths; wait until the resilver is done on all`,
      commands: [forEachTarget(before, `ais storage mountpath detach "$id=${path}"`), 'ais show job resilver --all'],
    });
  }
  steps.push({ text: 'Sync the Argo CD Application: the target config and pod template change; nothing restarts by itself (targets update OnDelete)' });
  steps.push(rollTargets(after, added.length > 0 ? `each restarted target mounts and attaches ${added.join(', ')}` : `each restarted target stops mounting ${removed.join(', ')}`));
  if (removed.length > 0) steps.push({ text: `Unmount ${removed.join(', ')} on the target nodes and remove them from /etc/fstab once every target runs without them` });
  const verb = removed.length > 0 && added.length > 0 ? `renamed ${removed.join(', ')} → ${added.join(', ')}` : removed.length > 0 ? `removed ${removed.join(', ')}` : `added ${added.join(', ')}`;
  return {
    id: 'mountpath-changed',
    title: `mountpaths ${verb} (AIS cluster ${before.name}, namespace ${before.namespace})`,
    source: 'aistore docs/cli/storage.md (mountpath attach/detach, v1.4.9)',
    steps,
  };
}

function protocol(before: AisClusterFacts, after: AisClusterFacts): Runbook | undefined {
  if (before.https === after.https) return undefined;
  const ns = before.namespace;
  const to = after.https ? 'HTTPS' : 'HTTP';
  const nodes = [...new Set([...before.proxyNodes, ...before.targetNodes])].sort().join(', ');
  const steps: RunbookStep[] = [
    { text: 'AIS keeps cluster maps and node URLs, with the protocol in them, in each node\'s state: the nodes cannot switch in place. Back up what you need (`ais ls`, `ais cp` to another cluster)' },
  ];
  if (before.mode === 'operator') {
    steps.push(
      { text: `Set ais.operator.cleanupMetadata: true (cleanupData stays false) in the config, synth, commit and sync: the AIStore ${ns}/${before.name} then decommissions on deletion` },
      { text: `Delete the AIStore and wait for the operator's cleanup (state directories under ${before.stateDirectories.join(', ') || 'the state storage'} and state claims)`,
        commands: [`kubectl delete aistore -n ${ns} ${before.name}`, `kubectl get pvc -n ${ns}`, 'kubectl get pv'] },
      { text: 'Delete the retained PersistentVolumes left Released (Argo CD keeps them: Prune=false); the next sync recreates them Available' },
      { text: `Run synth with --allow-dangerous for the ${to} config, commit and sync: the operator creates the cluster on ${to} with fresh state` },
    );
  } else {
    steps.push(
      { text: `Run synth with --allow-dangerous for the ${to} config and commit, without syncing yet` },
      { text: 'Decommission the cluster: AIS removes its metadata on every node (object data stays on the disks unless --rm-user-data)', commands: ['ais cluster decommission'] },
      { text: `On every proxy node (${before.proxyNodes.join(', ')}) remove everything in the proxies' state directory: \`find ${before.proxyState?.directory ?? before.stateDirectories[0]} -mindepth 1 -delete\`. Decommission cleans only the directory `
        + 'each running pod uses (aistore ais/utils.go cleanupConfigDir); a cluster map another proxy pod left on the node has the old cluster\'s UUID, and a proxy '
        + 'that loads it refuses the new cluster (ais/earlystart.go, "Smap UUIDs don\'t match")' },
      { text: `Sync, then restart every proxy and target at once so that no node is left on the old protocol; if a target still finds old state, remove the AIS state directories ${before.stateDirectories.join(', ')} on ${nodes}`,
        commands: [`kubectl delete pod -n ${ns} -l ${podSelector(before, 'proxy')}`, `kubectl delete pod -n ${ns} -l ${podSelector(before, 'target')}`, 'ais show cluster'] },
    );
  }
  return {
    id: 'protocol-switched',
    title: `switch AIS cluster ${before.name} (namespace ${ns}) from ${before.https ? 'HTTPS' : 'HTTP'} to ${to}: needs fresh AIS state`,
    source: 'ais-k8s docs/redeployment.md (Changing Protocol)',
    steps,
  };
}


/**
 * Proxy state from one directory per pod to one per node (the proxy ID is a hash of the node name,
 * aistore v1.4.9 ais/proxy.go `initPID`, and the AIS operator keeps it per node, ais-k8s v3.4.0
 * cmn/volumes.go `getHostMountSubPath`): before the proxies restart on the new layout, each node's
 * directory gets the state of the proxy pod that runs there.
 */
function proxyStatePerNode(before: AisClusterFacts, after: AisClusterFacts): Runbook | undefined {
  const was = before.proxyState;
  const now = after.proxyState;
  if (!was?.perPod || !now || now.perPod || was.directory !== now.directory) return undefined;
  const ns = after.namespace;
  const dir = now.directory;
  return {
    id: 'proxy-state-per-node',
    title: `proxy state of AIS cluster ${after.name} (namespace ${ns}) moves to one directory per node`,
    source: 'aistore ais/proxy.go initPID (v1.4.9); ais-k8s cmn/volumes.go getHostMountSubPath (v3.4.0)',
    steps: [
      { text: 'Before syncing, find the proxy pod on each proxy node; the loop prints the command to run on that node (as root): it copies the pod\'s state into the node\'s directory',
        commands: [`for node in ${before.proxyNodes.join(' ')}; do pod=$(kubectl get pod -n ${ns} -l ${podSelector(before, 'proxy')} --field-selector spec.nodeName="$node" `
          + '-o jsonpath=\'{.items[0].metadata.name}\'); '
          + `echo "on $node: cp -a ${dir}/$pod/. ${dir}/"; done`] },
      { text: 'Run the printed command on each node, then synth with --allow-dangerous, commit and sync: both proxy StatefulSets roll, and each restarted proxy loads its node\'s state' },
      { text: 'Check that every proxy is back with the same ID and one primary', commands: ['ais show cluster proxy'] },
      { text: `Later, remove the per-pod sub-directories of ${dir} (named after the proxy pods) on the proxy nodes: nothing reads them any more` },
    ],
  };
}

function issuer(before: AisClusterFacts, after: AisClusterFacts): Runbook | undefined {
  if (!before.https || !after.https || before.issuer === after.issuer || !before.issuer || !after.issuer) return undefined;
  const ns = after.namespace;
  return {
    id: 'certificate-issuer-changed',
    title: `certificate issuer of AIS cluster ${after.name} (namespace ${ns}) changes from ${before.issuer} to ${after.issuer}`,
    source: 'ais-k8s docs/tls.md',
    steps: [
      { text: `Make sure ${after.issuer} exists and is Ready before the sync`, commands: [`kubectl get ${after.issuer.split('/')[0].toLowerCase()} ${after.issuer.split('/')[1]}${after.issuer.startsWith('Issuer/') ? ` -n ${ns}` : ''}`] },
      { text: 'Clients and the operator that verify AIS with the old CA must trust the new CA before the certificate is reissued (add the new CA to their bundle first)' },
      { text: 'Sync: cert-manager reissues the certificate; aisnode reads it at start, so restart the proxies and targets one at a time' },
    ],
  };
}

function releaseRemoved(input: ReviewInput, before: AisClusterFacts, removedObjects: readonly string[]): Runbook {
  const ns = before.namespace;
  const volumes = [...before.volumesByNode.values()].flat();
  return {
    id: 'release-removed',
    title: `AIS cluster ${before.name} (namespace ${ns}) removed from the output`,
    source: 'ais-k8s docs/redeployment.md (PVC and PV Cleanup); aistore docs/cli/cluster.md',
    steps: [
      { text: 'Back up what you need, then decommission the cluster in AIS (it removes its metadata; add --rm-user-data only to erase the objects)', commands: ['ais cluster decommission'] },
      { text: `Sync with prune: Argo CD deletes ${removedObjects.length} objects; it keeps the Prune=false ones (Nodes, volumes, namespace${before.mode === 'operator' ? ', the AIStore' : ''})` },
      {
        text: 'Delete what Argo CD keeps',
        commands: [
          ...(before.mode === 'operator' ? [`kubectl delete aistore -n ${ns} ${before.name}`] : []),
          `kubectl delete pvc -n ${ns} -l ${podSelector(before, 'target')}`,
          ...(volumes.length ? [`kubectl delete pv ${volumes.join(' ')}`] : []),
          ...unlabelCommands(input, [...new Set([...before.targetNodes, ...before.proxyNodes])].sort()),
        ],
      },
      { text: `On every node: the mountpaths ${before.mountpaths.join(', ')} keep the objects and the AIS state directories keep node IDs and cluster maps; wipe both before reusing the disks for another cluster` },
    ],
  };
}

export const CLUSTER_RUNBOOKS: RunbookRule = {
  id: 'ais-cluster',
  runbooks: (input, before, after) => {
    const runbooks: Runbook[] = [];
    for (const [release, was] of before) {
      const now = after.get(release);
      if (!now) {
        const removed = input.changes.filter((c) => c.action === 'removed' && aisRelease(c.previous!) === release).map((c) => describeObject(c.previous!));
        // a rename is its own finding (release-or-namespace-renamed); this is a plain removal
        if (![...after.keys()].some((r) => r !== release && !before.has(r))) runbooks.push(releaseRemoved(input, was, removed));
        continue;
      }
      for (const runbook of [mountpaths(was, now), protocol(was, now), issuer(was, now), proxyStatePerNode(was, now)]) if (runbook) runbooks.push(runbook);
    }
    return runbooks;
  },
};
