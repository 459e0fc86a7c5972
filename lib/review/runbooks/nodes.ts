import { Condition, PodName, Step, v } from '../runbook/steps';
import { TIMEOUTS, check, hostPrep, movePrimaryAway, wait } from './blocks';
import { RunbookPart } from './compose';
import { ReleaseFacts, claimName, podsOf } from './facts';

/**
 * Parts for AIS nodes leaving, replacing each other or joining (aistore docs/lifecycle_node.md,
 * ais-k8s docs/node_replacement.md), fixed where the audit found them wrong: the target that moves
 * onto a freed node never reuses another target's disks (N9), the primary never goes with a removed
 * proxy (N10), the replaced target's old ID leaves the map (N12), new nodes are prepared (N16).
 */

const NODE_REPLACEMENT = 'ais-k8s docs/node_replacement.md';
const NODE_LIFECYCLE = 'aistore docs/lifecycle_node.md (v1.4.9)';

const minus = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x));
const all = (...conditions: Condition[]): Condition => (conditions.length === 1 ? conditions[0] : { kind: 'all', conditions });
const not = (condition: Condition): Condition => ({ kind: 'not', condition });
const list = (items: readonly string[]) => items.join(', ');

/** Labels `node` loses and gains between the outputs. */
function labelDiff(before: ReleaseFacts, after: ReleaseFacts, node: string): { remove: string[]; add: Record<string, string> } {
  const was = before.nodeLabels.get(node) ?? {};
  const now = after.nodeLabels.get(node) ?? {};
  return {
    remove: Object.keys(was).filter((k) => now[k] === undefined).sort(),
    add: Object.fromEntries(Object.entries(now).filter(([k, value]) => was[k] !== value)),
  };
}

/**
 * Takes off the labels a node loses, when the sync will not: the node leaves the output (Argo CD keeps
 * Nodes, Prune=false) or its labels come from label-nodes.sh. A Node that stays in the output loses
 * them in the sync (server-side apply drops what its manager no longer sends).
 */
export function unlabelSteps(before: ReleaseFacts, after: ReleaseFacts, nodes: readonly string[]): Step[] {
  return nodes.flatMap((node): Step[] => {
    const { remove } = labelDiff(before, after, node);
    const stays = after.nodeLabels.has(node) && !after.labelsByScript;
    if (remove.length === 0 || stays) return [];
    const steps: Step[] = [{
      id: `unlabel-${node}`, kind: 'kubectl', title: `take the AIS labels off ${node}`,
      why: after.labelsByScript ? 'the labels come from label-nodes.sh, which never removes any' : `${node} leaves the output and Argo CD keeps Nodes (Prune=false): its labels would stay`,
      action: { verb: 'unlabel', node, keys: remove },
    }];
    if (!before.labelsByScript) {
      steps.push({ id: `untrack-${node}`, kind: 'kubectl', title: `stop Argo CD tracking the Node ${node}`,
        why: 'a Node the output no longer has but Argo CD keeps (Prune=false) would keep the Application OutOfSync for good (argo-cd controller/state.go)',
        action: { verb: 'untrack', resource: 'node', names: [node] } });
    }
    return steps;
  });
}

/** Labels for nodes that gain some, when the labels come from label-nodes.sh (the sync does not label). */
export function labelSteps(before: ReleaseFacts, after: ReleaseFacts, nodes: readonly string[]): Step[] {
  if (!after.labelsByScript) return [];
  return nodes.flatMap((node): Step[] => {
    const { add } = labelDiff(before, after, node);
    return Object.keys(add).length ? [{ id: `label-${node}`, kind: 'kubectl', title: `label ${node} for AIS (as label-nodes.sh does)`, action: { verb: 'label', node, labels: add } }] : [];
  });
}

/** A pod's local-volume claims, `<template>-<pod>` (a variable pod as `${NAME}`). */
const claimsOf = (facts: ReleaseFacts, pod: PodName): string[] =>
  facts.claimTemplates.map((t) => claimName(t, typeof pod === 'string' ? pod : `\${${pod.var}}`));

const podLabel = (pod: PodName) => (typeof pod === 'string' ? pod : `the pod in ${pod.var}`);

/** Deletes pods' local-volume claims; without waiting, they go once their pod is gone (pvc-protection). */
function deleteClaims(facts: ReleaseFacts, id: string, pods: readonly PodName[], wait = false): Step[] {
  if (facts.claimTemplates.length === 0) return [];
  return [{
    id, kind: 'kubectl', title: `delete the local-volume claims of ${pods.map(podLabel).join(', ')}`,
    why: 'a claim stays bound to the old node\'s volume; the StatefulSet makes a new claim for the recreated pod, bound on its new node',
    action: { verb: 'delete', resource: 'pvc', namespace: facts.namespace, names: pods.flatMap((p) => claimsOf(facts, p)), wait },
  }];
}

/** Deletes the local volumes of nodes that leave (Released once their claims are gone; Argo CD keeps them: Prune=false). */
function deleteVolumes(facts: ReleaseFacts, id: string, nodes: readonly string[]): Step[] {
  const names = nodes.flatMap((n) => facts.volumesByNode.get(n) ?? []);
  if (names.length === 0) return [];
  return [{ id, kind: 'kubectl', title: `delete the local volumes of ${list(nodes)}`, action: { verb: 'delete', resource: 'pv', names } }];
}

/** The target and (if any) proxy of `old` move to `replacement`: ais-k8s docs/node_replacement.md with the fixes of N12 and N16. */
export function nodeReplaced(before: ReleaseFacts, after: ReleaseFacts, old: string, replacement: string, roles: { target: boolean; proxy: boolean }, index: number): RunbookPart {
  const T = v(`OLD_TARGET_${index + 1}`);
  const P = v(`OLD_PROXY_${index + 1}`);
  const ns = before.namespace;
  const beforeMerge: Step[] = [];
  const afterSync: Step[] = [];
  const finish: Step[] = [];
  if (roles.proxy && before.proxies < 2) {
    beforeMerge.push(check('refuse-only-proxy', 'another proxy can take the primary role', { kind: 'aisCount', role: 'proxy', atLeast: 2 },
      `the only proxy moves from ${old}: a proxy's ID is its node's (ais/proxy.go initPID), so the cluster would lose its primary; add a proxy node first (a change of its own), then replace ${old}`));
  }
  if (roles.proxy) {
    beforeMerge.push(
      { id: `find-proxy-${old}`, kind: 'resolve', title: `find the proxy pod on ${old}`, variable: P.var, lookup: { kind: 'podOnNode', role: 'proxy', node: old } },
      ...movePrimaryAway(`primary-off-${old}`, [P], `NEXT_PRIMARY_${index + 1}`),
      { id: `decommission-proxy-${old}`, kind: 'ais', title: `decommission the proxy on ${old}`, action: { verb: 'decommission', node: { pod: P }, rmUserData: false },
        why: 'it leaves the map at once (a proxy holds no objects); its pod moves to the new node and joins with that node\'s ID', cite: ['aistore ais/prxclu.go rmNode'] },
      wait(`proxy-gone-${old}`, 'it left the cluster map', { kind: 'aisAbsent', node: { pod: P } }, TIMEOUTS.clusterMap),
    );
  }
  if (roles.target) {
    beforeMerge.push(
      { id: `find-target-${old}`, kind: 'resolve', title: `find the target pod on ${old}`, variable: T.var, lookup: { kind: 'podOnNode', role: 'target', node: old } },
      { id: `maintenance-${old}`, kind: 'ais', title: `put the target on ${old} in maintenance`, action: { verb: 'startMaintenance', node: { pod: T }, rebalance: true },
        why: 'a rebalance moves its objects onto the other targets before its disks go away', cite: ['aistore ais/prxclu.go rmNode, _rebPostRm'] },
      wait(`drained-${old}`, 'the rebalance moved its objects away', { kind: 'aisFlags', node: { pod: T }, flags: 'maintenancePostRebalance' }, TIMEOUTS.rebalance),
    );
    afterSync.push(...deleteClaims(before, `claims-${old}`, [T]));
  }
  afterSync.push({
    id: `move-pods-${old}`, kind: 'kubectl', title: `delete the pods on ${old}: the StatefulSets recreate them on ${replacement}`,
    action: { verb: 'delete', resource: 'pod', namespace: ns, names: [...(roles.target ? [T] : []), ...(roles.proxy ? [P] : [])] },
  });
  if (roles.target) {
    afterSync.push(wait(`target-on-${replacement}`, `the target runs on ${replacement} and joined (a new ID: new disks)`,
      all({ kind: 'podOnNode', pod: T, node: replacement }, { kind: 'podReady', pod: T }, { kind: 'aisFlags', node: { pod: T, state: 'active' }, flags: 'none' }), TIMEOUTS.podStart));
    finish.push(
      wait(`rebalanced-${replacement}`, 'the rebalance onto the new target ended', { kind: 'noRebalance' }, TIMEOUTS.rebalance),
      { id: `decommission-old-${old}`, kind: 'ais', title: `decommission the old target ID (${old}'s, still in maintenance)`,
        action: { verb: 'decommission', node: { pod: T, state: 'maintenance' }, rmUserData: false },
        why: 'the primary keeps a node in maintenance in the map for good (audit N12); decommission works on it unreachable, once no rebalance runs',
        cite: ['aistore ais/prxclu.go rmNode', 'ais/kalive.go'] },
      wait(`old-gone-${old}`, 'the old ID left the map', { kind: 'aisAbsent', node: { pod: T, state: 'maintenance' } }, TIMEOUTS.clusterMap),
      ...deleteVolumes(before, `volumes-${old}`, [old]),
    );
  }
  if (roles.proxy) {
    afterSync.push(wait(`proxy-on-${replacement}`, `the proxy runs on ${replacement}`,
      all({ kind: 'podOnNode', pod: P, node: replacement }, { kind: 'podReady', pod: P }, { kind: 'aisPresent', node: { pod: P } }), TIMEOUTS.podStart));
  }
  return {
    id: 'node-replaced',
    title: `replace ${roles.target && roles.proxy ? 'node' : roles.target ? 'target node' : 'proxy node'} ${old} by ${replacement}`,
    source: NODE_REPLACEMENT,
    prepare: [...hostPrep(after, replacement, roles), ...labelSteps(before, after, [replacement])],
    beforeMerge: [...beforeMerge, ...unlabelSteps(before, after, [old])],
    afterSync,
    finish,
    asyncSync: true,
    takesTargetsDown: roles.target,
    leftovers: [`${old}: ${roles.target ? `the disks ${list(before.mountpaths)} (stale copies of objects) and ` : ''}the AIS state directories ${list(before.stateDirectories)}; wipe them before reusing them`],
  };
}

/**
 * Targets leave without replacement (aistore docs/lifecycle_node.md). Kubernetes deletes the highest
 * ordinals, wherever they run: the target on each removed node is decommissioned (its objects move
 * to the others), each highest ordinal that runs elsewhere is decommissioned with --rm-user-data
 * (its disks emptied: no stale objects for the target that moves there, audit N9; that also deletes
 * the disk marker, which is made again), and the pod from the removed node moves to the freed node
 * as a new target.
 */
export function targetScaleDown(before: ReleaseFacts, after: ReleaseFacts, gone: readonly string[]): RunbookPart {
  const ns = before.namespace;
  const leaving = podsOf(before, 'target').slice(after.targets);
  const T = gone.map((_, i) => v(`GONE_TARGET_${i + 1}`));
  const Y = leaving.map((_, j) => v(`FREED_NODE_${j + 1}`));
  /** the highest ordinal `pod` runs on a node that stays: it is not one of the targets of removed nodes */
  const elsewhere = (pod: string): Condition => all(...gone.map((node) => not({ kind: 'podOnNode', pod, node })));
  const beforeMerge: Step[] = [
    ...gone.map((node, i): Step => ({ id: `find-target-${node}`, kind: 'resolve', title: `find the target pod on ${node}`, variable: T[i].var, lookup: { kind: 'podOnNode', role: 'target', node } })),
    ...leaving.map((pod, j): Step => ({ id: `find-node-${pod}`, kind: 'resolve', title: `find the node of ${pod} (the StatefulSet deletes it)`, variable: Y[j].var, lookup: { kind: 'nodeOfPod', pod } })),
  ];
  gone.forEach((node, i) => beforeMerge.push(
    { id: `decommission-${node}`, kind: 'ais', title: `decommission the target on ${node}`, action: { verb: 'decommission', node: { pod: T[i] }, rmUserData: false },
      why: 'a rebalance moves its objects onto the other targets, then it leaves the map', cite: ['aistore ais/prxclu.go rmNode, rmTarget, _rebPostRm'] },
    wait(`gone-${node}`, 'it left the map and the rebalance ended', all({ kind: 'aisAbsent', node: { pod: T[i] } }, { kind: 'noRebalance' }), TIMEOUTS.rebalance),
  ));
  leaving.forEach((pod, j) => {
    const when = elsewhere(pod);
    beforeMerge.push(
      { id: `decommission-${pod}`, kind: 'ais', title: `decommission ${pod} (the StatefulSet deletes it) with its data`, when,
        action: { verb: 'decommission', node: { pod }, rmUserData: true },
        why: 'its objects move to the others; --rm-user-data empties its disks, which the target from the removed node takes over (a disk keeping old objects and bucket metadata would serve them again: audit N9)',
        cite: ['aistore ais/tgtcp.go decommission', 'fs/deleted.go Decommission, demd, deworld'] },
      wait(`gone-${pod}`, 'it left the map and the rebalance ended', all({ kind: 'aisAbsent', node: { pod } }, { kind: 'noRebalance' }), TIMEOUTS.rebalance, { when }),
    );
    if (before.diskMarker) {
      beforeMerge.push({ id: `marker-${pod}`, kind: 'host', node: Y[j], when, title: `create the disk markers again on ${pod}'s node`,
        why: '--rm-user-data removed everything on the mountpaths, the markers too (fs/deleted.go deworld)', action: { verb: 'mkdirMarker', paths: before.mountpaths, marker: before.diskMarker } });
    }
  });
  const afterSync: Step[] = [
    wait('scaled-down', `the StatefulSet deleted ${list(leaving)}`, all(...leaving.map((pod): Condition => ({ kind: 'podAbsent', pod }))), TIMEOUTS.podStart),
  ];
  if (before.claimTemplates.length) {
    afterSync.push(
      ...deleteClaims(before, 'claims-leaving', leaving, true),
      { id: 'volumes-freed', kind: 'kubectl', title: 'make the freed nodes\' volumes Available again (a Released volume is never bound again)',
        why: '--rm-user-data emptied them; the claims of the target that moves there bind them',
        action: { verb: 'releaseVolumesOf', namespace: ns, claims: leaving.flatMap((pod) => claimsOf(before, pod)) } },
      ...deleteClaims(before, 'claims-moving', T),
    );
  }
  T.forEach((t, i) => {
    const survives = not({ kind: 'podAbsent', pod: t });
    afterSync.push(
      { id: `move-${gone[i]}`, kind: 'kubectl', title: `delete the pod of the target from ${gone[i]}: it starts on a freed node with empty disks, as a new target`,
        when: survives, action: { verb: 'deletePod', namespace: ns, pod: t } },
      wait(`moved-${gone[i]}`, 'it runs, joined, and the rebalance onto it ended',
        all({ kind: 'podReady', pod: t }, { kind: 'aisFlags', node: { pod: t }, flags: 'none' }, { kind: 'noRebalance' }), TIMEOUTS.rebalance, { when: survives }),
    );
  });
  return {
    id: 'target-scale-down',
    title: `remove target node${gone.length > 1 ? 's' : ''} ${list(gone)} (${before.targetStatefulSet} ${before.targets} → ${after.targets})`,
    source: `${NODE_LIFECYCLE}; ais-k8s PR#61 (scaleDownMode)`,
    beforeMerge: [...beforeMerge, ...unlabelSteps(before, after, gone)],
    afterSync,
    finish: deleteVolumes(before, 'volumes-gone', gone),
    asyncSync: true,
    takesTargetsDown: true,
    leftovers: gone.map((node) => `${node}: the disks ${list(before.mountpaths)} (the decommissioned target's objects and bucket metadata, kept by decommission) and the AIS state directories ${list(before.stateDirectories)}`),
  };
}

/** New targets: prepared hosts, then the sync creates the new ordinals there; AIS rebalances onto them. */
export function targetScaleUp(before: ReleaseFacts, after: ReleaseFacts, added: readonly string[]): RunbookPart {
  return {
    id: 'target-scale-up',
    title: `add target node${added.length > 1 ? 's' : ''} ${list(added)} (${after.targetStatefulSet} ${before.targets} → ${after.targets})`,
    source: NODE_LIFECYCLE,
    prepare: [...added.flatMap((n) => hostPrep(after, n, { target: true, proxy: after.proxyNodes.includes(n) && !before.proxyNodes.includes(n) })), ...labelSteps(before, after, added)],
    // the new ordinals, not the whole set: a template change of the same commit rolls the others later
    afterSync: [wait('targets-joined', 'the new targets run and joined', all(
      ...Array.from({ length: after.targets - before.targets }, (_, i): Condition => ({ kind: 'podReady', pod: `${after.targetStatefulSet}-${before.targets + i}` })),
      { kind: 'aisHealthy', proxies: before.proxies, targets: after.targets }), TIMEOUTS.podStart)],
  };
}

/**
 * Proxies leave: the StatefulSet deletes its highest ordinals wherever they run, so the primary moves
 * off both the removed nodes' proxies and those ordinals (audit N10), both are decommissioned, and
 * the pod from a removed node moves to the freed node.
 */
export function proxiesRemoved(before: ReleaseFacts, after: ReleaseFacts, gone: readonly string[]): RunbookPart {
  const ns = before.namespace;
  const electable = before.proxySets[before.proxySets.length - 1];
  const kept = after.proxySets.find((s) => s.name === electable.name)?.replicas ?? 0;
  const leaving = Array.from({ length: electable.replicas - kept }, (_, i) => `${electable.name}-${kept + i}`);
  const P = gone.map((_, i) => v(`GONE_PROXY_${i + 1}`));
  const W = leaving.map((_, j) => v(`FREED_PROXY_NODE_${j + 1}`));
  const elsewhere = (pod: string): Condition => all(...gone.map((node) => not({ kind: 'podOnNode', pod, node })));
  const beforeMerge: Step[] = [
    ...gone.map((node, i): Step => ({ id: `find-proxy-${node}`, kind: 'resolve', title: `find the proxy pod on ${node}`, variable: P[i].var, lookup: { kind: 'podOnNode', role: 'proxy', node } })),
    ...leaving.map((pod, j): Step => ({ id: `find-node-${pod}`, kind: 'resolve', title: `find the node of ${pod} (the StatefulSet deletes it)`, variable: W[j].var, lookup: { kind: 'nodeOfPod', pod } })),
    ...movePrimaryAway('primary-off-removed', [...P, ...leaving], 'NEXT_PRIMARY'),
  ];
  gone.forEach((node, i) => beforeMerge.push(
    { id: `decommission-proxy-${node}`, kind: 'ais', title: `decommission the proxy on ${node}`, action: { verb: 'decommission', node: { pod: P[i] }, rmUserData: false },
      cite: ['aistore ais/prxclu.go rmNode'] },
    wait(`proxy-gone-${node}`, 'it left the map', { kind: 'aisAbsent', node: { pod: P[i] } }, TIMEOUTS.clusterMap),
  ));
  leaving.forEach((pod, j) => {
    const when = elsewhere(pod);
    beforeMerge.push(
      { id: `decommission-${pod}`, kind: 'ais', title: `decommission ${pod} (the StatefulSet deletes it)`, when, action: { verb: 'decommission', node: { pod }, rmUserData: false } },
      wait(`gone-${pod}`, 'it left the map', { kind: 'aisAbsent', node: { pod } }, TIMEOUTS.clusterMap, { when }),
    );
    const dir = before.stateDirs.proxy;
    if (dir?.perPod) {
      beforeMerge.push({ id: `state-${pod}`, kind: 'host', node: W[j], when, title: `remove old state of the moving proxies on ${pod}'s node`,
        why: 'proxy state is kept per pod name on each node: a stale cluster map left there by an earlier pod of that name would be loaded (audit N7)',
        action: { verb: 'removeStateDirs', paths: P.map((p) => `${dir.path}/\${${p.var}}`) } });
    }
  });
  const afterSync: Step[] = [wait('proxies-scaled-down', `the StatefulSet deleted ${list(leaving)}`, all(...leaving.map((pod): Condition => ({ kind: 'podAbsent', pod }))), TIMEOUTS.podStart)];
  P.forEach((p, i) => {
    const survives = not({ kind: 'podAbsent', pod: p });
    afterSync.push(
      { id: `move-proxy-${gone[i]}`, kind: 'kubectl', title: `delete the pod of the proxy from ${gone[i]}: it starts on a freed node`, when: survives,
        action: { verb: 'deletePod', namespace: ns, pod: p } },
      wait(`proxy-moved-${gone[i]}`, 'it runs and joined', all({ kind: 'podReady', pod: p }, { kind: 'aisPresent', node: { pod: p } }), TIMEOUTS.podStart, { when: survives }),
    );
  });
  return {
    id: 'proxy-node-removed',
    title: `remove proxy node${gone.length > 1 ? 's' : ''} ${list(gone)}`,
    source: NODE_LIFECYCLE,
    // the nodes that stay may gain a label (the initial-primary one, when it was on a removed node: label-nodes.sh moves it)
    beforeMerge: [...beforeMerge, ...unlabelSteps(before, after, gone), ...labelSteps(before, after, [...after.nodeLabels.keys()].filter((n) => before.nodeLabels.has(n)))],
    afterSync,
    asyncSync: true,
    leftovers: gone.map((node) => `${node}: the proxy state directory ${before.stateDirs.proxy?.path ?? list(before.stateDirectories)}`),
  };
}

/** The proxy pods the new output adds: each set's ordinals past its old replica count. */
function newProxyPods(before: ReleaseFacts, after: ReleaseFacts): string[] {
  return after.proxySets.flatMap((set) => {
    const was = before.proxySets.find((s) => s.name === set.name)?.replicas ?? 0;
    return Array.from({ length: Math.max(0, set.replicas - was) }, (_, i) => `${set.name}-${was + i}`);
  });
}

/** New proxies: the sync creates the new ordinals on the new nodes; they join. */
export function proxiesAdded(before: ReleaseFacts, after: ReleaseFacts, added: readonly string[]): RunbookPart {
  return {
    id: 'proxy-node-added',
    title: `add proxy node${added.length > 1 ? 's' : ''} ${list(added)}`,
    source: NODE_LIFECYCLE,
    prepare: [...added.flatMap((n) => hostPrep(after, n, { target: false, proxy: true })), ...labelSteps(before, after, added)],
    // the new ordinals, not the whole sets: the proxies' restart hash covers every node's addresses, so the others roll later
    afterSync: [wait('proxies-joined', 'the new proxies run and joined', all(...newProxyPods(before, after).map((pod): Condition => ({ kind: 'podReady', pod })),
      { kind: 'aisHealthy', proxies: after.proxies, targets: before.targets }), TIMEOUTS.podStart)],
  };
}

/** Which nodes changed roles between two outputs of a cluster, paired into replacements first. */
export function nodeParts(before: ReleaseFacts, after: ReleaseFacts): RunbookPart[] {
  const parts: RunbookPart[] = [];
  const goneTargets = minus(before.targetNodes, after.targetNodes);
  const newTargets = minus(after.targetNodes, before.targetNodes);
  const goneProxies = minus(before.proxyNodes, after.proxyNodes);
  const newProxies = minus(after.proxyNodes, before.proxyNodes);
  const targetPairs = goneTargets.slice(0, newTargets.length).map((old, i) => [old, newTargets[i]] as const);
  const proxyPairs: Array<readonly [string, string]> = [];
  const usedProxies = new Set<string>();
  targetPairs.forEach(([old, replacement], i) => {
    const proxy = goneProxies.includes(old) && newProxies.includes(replacement);
    if (proxy) {
      usedProxies.add(old);
      usedProxies.add(replacement);
    }
    parts.push(nodeReplaced(before, after, old, replacement, { target: true, proxy }, i));
  });
  const restGoneProxies = goneProxies.filter((n) => !usedProxies.has(n));
  const restNewProxies = newProxies.filter((n) => !usedProxies.has(n));
  restGoneProxies.slice(0, restNewProxies.length).forEach((old, i) => proxyPairs.push([old, restNewProxies[i]]));
  proxyPairs.forEach(([old, replacement], i) => parts.push(nodeReplaced(before, after, old, replacement, { target: false, proxy: true }, targetPairs.length + i)));
  const onlyGone = goneTargets.slice(targetPairs.length);
  const onlyNew = newTargets.slice(targetPairs.length);
  if (onlyGone.length > 0 && before.mode === 'standalone') parts.push(targetScaleDown(before, after, onlyGone));
  if (onlyNew.length > 0) parts.push(targetScaleUp(before, after, onlyNew));
  const proxiesGone = restGoneProxies.slice(proxyPairs.length);
  const proxiesNew = restNewProxies.slice(proxyPairs.length);
  if (proxiesGone.length > 0 && before.mode === 'standalone') parts.push(proxiesRemoved(before, after, proxiesGone));
  if (proxiesNew.length > 0) parts.push(proxiesAdded(before, after, proxiesNew));
  return parts;
}
