import { ClusterConfigChange, clusterConfigChanges } from '../../ais/config-changes';
import { imageTag } from '../../ais/compatibility';
import { Condition, Runbook, Step } from '../runbook/steps';
import { POD, TIMEOUTS, appOf, check, hostPrep, resumeAutomation, rollProxies, rollTargets, suspendAutomation, wait } from './blocks';
import { RunbookPart } from './compose';
import { ReleaseFacts, claimName, podsOf } from './facts';
import { unlabelSteps } from './nodes';

/**
 * Parts for changes to a whole cluster: mountpaths added, removed or renamed (audit N4, D2-D4), the
 * cluster config (N5), an upgrade (backup first), a new certificate issuer; and the whole-cluster
 * runbooks: HTTP <-> HTTPS (N7) and the release removed.
 */

const all = (...conditions: Condition[]): Condition => ({ kind: 'all', conditions });
const list = (items: readonly string[]) => items.join(', ');

/**
 * Mountpaths added, removed or renamed on standalone targets. A target takes its mountpaths from its
 * volume metadata once it has any, not from the config (aistore `volume/vinit.go` `Init`, `initMPI`),
 * and after any detach the override config replaces the ConfigMap's list (`ais/fspathrgrp.go`
 * `fspathsSave`, `cmn/config.go` `handleOverrideConfig`): so each restarted target gets the new disk
 * with `mountpath attach`, and a disk leaves with `detach` (a resilver moves its objects) before any
 * target restarts without it (`initMPI` exits when an enabled mountpath is missing).
 */
export function mountpathsChanged(before: ReleaseFacts, after: ReleaseFacts): RunbookPart | undefined {
  const removed = before.mountpaths.filter((p) => !after.mountpaths.includes(p));
  const added = after.mountpaths.filter((p) => !before.mountpaths.includes(p));
  if (removed.length === 0 && added.length === 0) return undefined;
  if (before.mode === 'operator') return undefined; // the webhook refuses it: operator-webhook-refuses-update says what to do
  const remaining = before.mountpaths.filter((p) => !removed.includes(p));
  const pods = podsOf(before, 'target').slice(0, after.targets);
  const beforeMerge: Step[] = [];
  if (removed.length) {
    beforeMerge.push({
      id: 'detach', kind: 'forEach', title: `detach ${list(removed)} on every target`, variable: POD.var, items: pods,
      unless: { kind: 'mountpaths', node: { pod: POD }, paths: remaining },
      body: [
        ...removed.map((path): Step => ({ id: `detach-${path}`, kind: 'ais', title: `detach ${path}`, action: { verb: 'detachMountpath', node: { pod: POD }, path },
          why: 'the target resilvers its objects onto the other mountpaths, then drops it from its volume metadata and override config',
          cite: ['aistore ais/fspathrgrp.go detachMountpath, postDD'] })),
        wait('detached', 'the resilver ended and the mountpath is gone', { kind: 'mountpaths', node: { pod: POD }, paths: remaining }, TIMEOUTS.rebalance),
      ],
    });
  }
  const localPV = before.claimTemplates.length > 0 || after.claimTemplates.length > 0;
  if (localPV) {
    beforeMerge.push({ id: 'orphan-targets', kind: 'kubectl', title: `delete the StatefulSet ${before.targetStatefulSet} but not its pods`,
      why: 'its volume claim templates change, which Kubernetes refuses in place: the sync creates it again and it adopts the running pods',
      action: { verb: 'orphanStatefulSet', namespace: before.namespace, name: before.targetStatefulSet } });
  }
  const attach: Step[] = added.flatMap((path): Step[] => [
    { id: `attach-${path}`, kind: 'ais', title: `attach ${path}`, action: { verb: 'attachMountpath', node: { pod: POD }, path, label: after.mountpathLabels.get(path) },
      cite: ['aistore ais/fspathrgrp.go attachMountpath', 'volume/vinit.go initMPI'] },
  ]);
  const finish: Step[] = [];
  if (removed.length && before.claimTemplates.length) {
    const templates = before.claimTemplates.filter((t) => !after.claimTemplates.includes(t));
    const claims = pods.flatMap((pod) => templates.map((t) => claimName(t, pod)));
    finish.push(
      { id: 'delete-old-claims', kind: 'kubectl', title: `delete the claims of ${list(removed)}`, action: { verb: 'delete', resource: 'pvc', namespace: before.namespace, names: claims } },
      { id: 'delete-old-volumes', kind: 'kubectl', title: `delete the local volumes of ${list(removed)} (Released; Argo CD keeps them)`,
        action: { verb: 'deleteVolumesOf', namespace: before.namespace, claims } },
    );
  }
  const verb = removed.length && added.length ? `rename mountpaths ${list(removed)} → ${list(added)}` : removed.length ? `remove mountpaths ${list(removed)}` : `add mountpaths ${list(added)}`;
  return {
    id: 'mountpath-changed',
    title: verb,
    source: 'aistore docs/cli/storage.md (mountpath attach/detach, v1.4.9)',
    prepare: added.length ? after.targetNodes.filter((n) => before.targetNodes.includes(n)).flatMap((n) => hostPrep(after, n, { target: true, proxy: false }, added)) : [],
    beforeMerge,
    afterSync: [rollTargets(after, `restart every target on the new template${added.length ? `, then attach ${list(added)}` : ''}`,
      added.length ? [...attach, { id: 'attached', kind: 'wait', title: 'the target uses every mountpath of the new config',
        condition: { kind: 'mountpaths', node: { pod: POD }, paths: after.mountpaths }, timeoutSeconds: TIMEOUTS.config }] : [], pods)],
    stage: 2,
    rollsTargets: true,
    finish,
    takesTargetsDown: true,
    leftovers: removed.length ? [`every target node: ${list(removed)} (detached, empty of AIS objects): unmount and remove from /etc/fstab`] : [],
  };
}

const RESTART_WORDS: Record<ClusterConfigChange['restart'], string> = { none: 'no restart', all: 'restart every node', targets: 'restart every target' };

/** Which of the keys need which restart (`cmn/config.go` `ConfigRestartRequired`), e.g. "restart every node: tracing.enabled; no restart: timeout.send_file_time". */
export function restartNote(changes: readonly ClusterConfigChange[]): string {
  return (['all', 'targets', 'none'] as const).map((r) => [r, changes.filter((c) => c.restart === r).map((c) => c.key)] as const)
    .filter(([, keys]) => keys.length).map(([r, keys]) => `${RESTART_WORDS[r]}: ${keys.join(', ')}`).join('; ');
}

/** The commands of one config change. */
function configSteps(change: ClusterConfigChange, after: Readonly<Record<string, unknown>>, before: Readonly<Record<string, unknown>>): Step[] {
  const id = `config-${change.key}`;
  if (change.via === 'manual') return [{ id, kind: 'manual', action: 'work', title: `set ${change.key} back`, text: change.note! }];
  if (change.key === 'backend') {
    const removed = Object.keys((before.backend as object) ?? {}).filter((p) => !Object.keys((after.backend as object) ?? {}).includes(p));
    return [
      ...removed.map((provider): Step => ({ id: `disable-${provider}`, kind: 'ais', title: `disable the ${provider} backend`,
        action: { verb: 'disableBackend', provider }, cite: ['aistore ais/tgtcp.go disableBackend'] })),
      { id, kind: 'ais', title: `set the cluster's backends to ${Object.keys((after.backend as object) ?? {}).join(', ') || 'none'} (${restartNote([change])})`,
        why: 'the CLI takes no backend key; the REST set-config assigns the provider set whole (cmn/config.go BackendConf)',
        cite: ['aistore api/cluster.go SetClusterConfigUsingMsg'], action: { verb: 'setConfigJson', value: { backend: after.backend ?? {} } } },
    ];
  }
  if (change.via === 'rest') {
    const [section, ...rest] = change.key.split('.');
    const value = rest.reduceRight<unknown>((inner, key) => ({ [key]: inner }), JSON.parse(change.value!));
    return [{ id, kind: 'ais', title: `set ${change.key} (${restartNote([change])})`, action: { verb: 'setConfigJson', value: { [section]: value } } }];
  }
  return [];
}

/**
 * The cluster config changed: the API sets it on every node (ais.json is read only at a node's first
 * start: `cmn/config.go` `LoadConfig`), then the nodes restart where AIS needs it (`ConfigRestartRequired`).
 * Operator mode: the operator pushes the config itself (ais-k8s `cluster_controller.go` `updateClusterConfig`).
 */
export function configChanged(before: ReleaseFacts, after: ReleaseFacts): { part?: RunbookPart; restart: 'none' | 'all' | 'targets' } {
  const changes = clusterConfigChanges(before.clusterConfig, after.clusterConfig);
  if (changes.length === 0) return { restart: 'none' };
  const cli = changes.filter((c) => c.via === 'cli');
  const steps: Step[] = [];
  if (after.mode === 'standalone') {
    steps.push(...changes.filter((c) => c.via !== 'cli').flatMap((c) => configSteps(c, after.clusterConfig, before.clusterConfig)));
    if (cli.length) {
      steps.push({ id: 'config-cluster', kind: 'ais', title: `set ${list(cli.map((c) => c.key))} (${restartNote(cli)})`, cite: ['aistore cmd/cli/cli/config_hdlr.go setCluConfigHandler', 'ais/prxclu.go setCluCfgPersistent'],
        action: { verb: 'configCluster', values: cli.map((c) => [c.key, c.value!] as const) } });
    }
  }
  const checks = cli.map((c): Condition => ({ kind: 'clusterConfig', key: c.key, value: c.value! }));
  if (checks.length) steps.push(wait('config-applied', 'every node has the new config', all(...checks), TIMEOUTS.config));
  const restart = changes.some((c) => c.restart === 'all') ? 'all' : changes.some((c) => c.restart === 'targets') ? 'targets' : 'none';
  return {
    part: {
      id: 'cluster-config-changed',
      title: `change the cluster config (${list(changes.map((c) => c.key))})`,
      source: 'aistore cmd/cli (ais config cluster, v1.4.9); cmn/config.go ConfigRestartRequired',
      afterSync: steps,
      stage: 0,
    },
    restart,
  };
}

/**
 * An upgrade (a new aisnode / ais-init tag): the cluster's metadata is backed up first, on the admin
 * machine and on every node (aistore v1.5.0 docs/configuration.md, "Upgrades and metadata backup"),
 * then the rollouts restart the proxies (one handover) and the targets one by one.
 */
export function upgrade(before: ReleaseFacts, after: ReleaseFacts): RunbookPart | undefined {
  if (before.images.aisnode === after.images.aisnode && before.images.init === after.images.init) return undefined;
  const from = imageTag(before.images.aisnode ?? '') ?? 'old';
  const to = imageTag(after.images.aisnode ?? '') ?? 'new';
  const nodes = [...new Set([...before.proxyNodes, ...before.targetNodes])].sort();
  const states = before.stateDirectories;
  const prepare: Step[] = [
    { id: 'backup-cluster', kind: 'ais', title: `save the cluster config, map and bucket metadata (AIS ${from}) on this machine`,
      action: { verb: 'backupMetadata', directory: `ais-backup-${before.name}-${from}` } },
    ...nodes.map((node): Step => ({ id: `backup-${node}`, kind: 'host', node, title: `archive ${node}'s AIS metadata`,
      why: 'a downgrade is not supported (5.0 writes metadata 4.x cannot read): the backup is the way back',
      action: { verb: 'backupMetadata', statePaths: states, mountpaths: before.targetNodes.includes(node) ? before.mountpaths : [], archive: `/var/tmp/ais-meta-${node}-${from}.tgz` } })),
    { id: 'backup-off-node', kind: 'manual', action: 'work', title: 'copy the archives off the nodes',
      text: `Copy /var/tmp/ais-meta-<node>-${from}.tgz from ${list(nodes)} to storage outside the cluster, with the backup folder ais-backup-${before.name}-${from}.` },
  ];
  return {
    id: 'ais-upgrade',
    title: `upgrade AIS ${from} → ${to}`,
    source: 'aistore v1.5.0 docs/relnotes/5.0.md, docs/configuration.md (Upgrades and metadata backup)',
    prepare,
    finish: [{ id: 'backup-after', kind: 'ais', title: 'save the cluster config again, for review', action: { verb: 'backupMetadata', directory: `ais-backup-${before.name}-${to}` } }],
    takesTargetsDown: true,
  };
}

/** A new issuer: it must be Ready before the sync; the nodes restart once the certificate was reissued. */
export function issuerChanged(before: ReleaseFacts, after: ReleaseFacts): RunbookPart | undefined {
  if (!before.https || !after.https || before.issuer === after.issuer || !before.issuer || !after.issuer) return undefined;
  const [kind, name] = after.issuer.split('/');
  return {
    id: 'certificate-issuer-changed',
    title: `reissue the certificate from ${after.issuer} (was ${before.issuer})`,
    source: 'ais-k8s docs/tls.md',
    prepare: [
      check('issuer-ready', `${after.issuer} exists and is Ready`, { kind: 'liveField', resource: `${kind.toLowerCase()}/${name}`, namespace: kind === 'Issuer' ? after.namespace : undefined,
        jsonPath: '{.status.conditions[?(@.type=="Ready")].status}', value: 'True' }, `${after.issuer} is not Ready: create it first`),
      { id: 'trust-new-ca', kind: 'manual', action: 'work', title: 'make clients trust the new CA',
        text: 'Clients (and the operator) that verify AIS with the old CA must trust the new CA before the certificate is reissued: add it to their bundle first.' },
    ],
    takesTargetsDown: true,
  };
}

/** The AIS pods of every node, for whole-cluster steps. */
const everyNode = (facts: ReleaseFacts) => [...new Set([...facts.proxyNodes, ...facts.targetNodes])].sort();

/**
 * HTTP <-> HTTPS, standalone (ais-k8s docs/redeployment.md, Changing Protocol): the nodes keep the
 * cluster map with every URL in their state, so the cluster is decommissioned (metadata removed,
 * objects kept), every node's state directories are emptied (per-pod proxy directories are left on
 * nodes a pod once ran on: all of them, audit N7), then the pods start on the new protocol together.
 */
export function protocolSwitch(before: ReleaseFacts, after: ReleaseFacts, compose: (parts: RunbookPart[]) => Runbook): Runbook | undefined {
  if (before.https === after.https) return undefined;
  const to = after.https ? 'HTTPS' : 'HTTP';
  if (before.mode === 'operator') {
    const ns = before.namespace;
    return {
      id: 'protocol-switched',
      title: `switch AIS cluster ${before.name} (namespace ${ns}) from ${before.https ? 'HTTPS' : 'HTTP'} to ${to}: needs fresh AIS state`,
      source: 'ais-k8s docs/redeployment.md (Changing Protocol)',
      scope: { namespace: ns, podSelectors: before.podSelectors },
      steps: [
        { id: 'back-up', kind: 'manual', action: 'work', title: 'back up what you need', text: 'AIS cannot switch protocol in place: back up what you need (`ais ls`, `ais cp` to another cluster).' },
        { id: 'cleanup-metadata', kind: 'manual', action: 'work', title: 'let the operator clean up on deletion',
          text: `Set ais.operator.cleanupMetadata: true (cleanupData stays false) in the config, synth, commit and sync: the AIStore ${ns}/${before.name} then decommissions on deletion.` },
        { id: 'delete-aistore', kind: 'kubectl', title: `delete the AIStore ${before.name}`, action: { verb: 'delete', resource: 'aistore', namespace: ns, names: [before.name] } },
        wait('aistore-gone', 'the operator cleaned up', { kind: 'objectAbsent', resource: `aistore/${before.name}`, namespace: ns }, TIMEOUTS.podStart),
        { id: 'delete-volumes', kind: 'kubectl', title: 'delete the retained local volumes (Released; the next sync recreates them Available)',
          action: { verb: 'delete', resource: 'pv', names: [...before.volumesByNode.values()].flat() } },
        { id: 'merge', kind: 'manual', action: 'merge', title: 'merge the change', text: `Run synth with --allow-dangerous for the ${to} config, commit, and merge it into the branch Argo CD syncs.` },
        { id: 'sync', kind: 'argocd', title: 'sync', action: { verb: 'sync', app: appOf(after), prune: false, async: true } },
        wait('ready', `the cluster runs on ${to}`, all({ kind: 'statefulSetReady', name: `${before.name}-proxy` }, { kind: 'statefulSetReady', name: `${before.name}-target` }), TIMEOUTS.podStart),
      ],
    };
  }
  const dirs = [before.stateDirs.proxy?.path, before.stateDirs.target?.path].filter((p): p is string => !!p).filter((p, i, a) => a.indexOf(p) === i);
  const nodes = everyNode(before);
  const ns = before.namespace;
  const part: RunbookPart = {
    id: 'protocol-switched',
    title: `switch from ${before.https ? 'HTTPS' : 'HTTP'} to ${to} (fresh AIS state; objects stay on the disks)`,
    source: 'ais-k8s docs/redeployment.md (Changing Protocol)',
    beforeMerge: [
      { id: 'decommission-cluster', kind: 'ais', title: 'decommission the cluster: every node removes its AIS metadata and stops (objects stay)',
        cite: ['aistore cmd/cli/cli/cluster_hdlr.go clusterDecommissionHandler', 'fs/deleted.go demd'], action: { verb: 'decommissionCluster', rmUserData: false } },
      // every node, not only the proxy nodes of the old output: a proxy pod may have run on any of them
      ...nodes.map((node): Step => ({ id: `state-${node}`, kind: 'host', node, title: `empty the AIS state directories on ${node} (the proxies' ${before.stateDirs.proxy?.path ?? list(dirs)} included)`,
        why: 'decommission cleans only the directory each running pod uses: a cluster map another proxy pod left on the node has the old cluster\'s UUID, '
          + 'and a proxy that loads it refuses the new cluster ("Smap UUIDs don\'t match"); a map of the old protocol would not join either',
        cite: ['aistore ais/utils.go cleanupConfigDir', 'ais/earlystart.go (Smap UUIDs don\'t match)'],
        action: { verb: 'removeStateDirs', paths: dirs.map((d) => `${d}`) } })),
    ],
    afterSync: [
      { id: 'restart-all', kind: 'kubectl', title: 'delete every AIS pod: they start on the new protocol together',
        action: { verb: 'delete', resource: 'pod', namespace: ns, names: [...podsOf(before, 'proxy'), ...podsOf(before, 'target')].filter((p) => podsOf(after, 'proxy').includes(p) || podsOf(after, 'target').includes(p)) } },
      wait('all-ready', 'every pod runs on the new template', all(...[...after.proxySets.map((s) => s.name), after.targetStatefulSet].map((name): Condition => ({ kind: 'statefulSetReady', name }))), TIMEOUTS.podStart),
    ],
    asyncSync: true,
    leftovers: [],
  };
  const runbook = compose([part]);
  // the CLI reaches the new cluster only on the new protocol: the end checks use kubectl; the preamble still checks the old cluster
  return { ...runbook, steps: runbook.steps.filter((s) => s.id !== 'healthy-after') };
}

/** The release left the output: decommission, sync with prune, delete what Argo CD keeps. */
export function releaseRemoved(before: ReleaseFacts, removedObjects: readonly string[], keptNodes: readonly string[]): Runbook {
  const ns = before.namespace;
  const volumes = [...before.volumesByNode.values()].flat();
  const app = before.argo?.app.name ?? { var: 'ARGO_APP' };
  const steps: Step[] = [
    check('primary-reachable', 'the AIS CLI reaches the primary', { kind: 'primaryReachable' }, 'the ais CLI cannot reach the primary proxy at its own URL: run this where the pod network is reachable'),
    ...suspendAutomation(before),
    { id: 'back-up', kind: 'manual', action: 'work', title: 'back up what you need', text: 'Decommissioning removes the cluster\'s metadata; the objects stay on the disks unless you wipe them.' },
    { id: 'decommission-cluster', kind: 'ais', title: 'decommission the cluster', action: { verb: 'decommissionCluster', rmUserData: false } },
    { id: 'merge', kind: 'manual', action: 'merge', title: 'merge the change', text: 'Merge the commit without the cluster into the branch Argo CD syncs.' },
    { id: 'sync', kind: 'argocd', title: `sync with prune: Argo CD deletes ${removedObjects.length} objects and keeps the Prune=false ones`, action: { verb: 'sync', app, prune: true, async: false } },
    ...(before.mode === 'operator' ? [{ id: 'delete-aistore', kind: 'kubectl', title: `delete the AIStore ${before.name}`, action: { verb: 'delete', resource: 'aistore', namespace: ns, names: [before.name] } } as Step] : []),
    { id: 'delete-claims', kind: 'kubectl', title: 'delete the targets\' claims', action: { verb: 'delete', resource: 'pvc', namespace: ns,
      names: podsOf(before, 'target').flatMap((pod) => before.claimTemplates.map((t) => claimName(t, pod))) } },
    ...(volumes.length ? [{ id: 'delete-volumes', kind: 'kubectl', title: 'delete the local volumes', action: { verb: 'delete', resource: 'pv', names: volumes } } as Step] : []),
    ...unlabelSteps(before, { ...before, nodeLabels: new Map(), labelsByScript: before.labelsByScript }, keptNodes),
    ...resumeAutomation({ ...before, argo: undefined }),
  ];
  return {
    id: 'release-removed',
    title: `AIS cluster ${before.name} (namespace ${ns}) removed from the output`,
    source: 'ais-k8s docs/redeployment.md (PVC and PV Cleanup); aistore docs/cli/cluster.md',
    scope: { namespace: ns, podSelectors: before.podSelectors },
    steps: steps.filter((s) => s.kind !== 'kubectl' || s.action.verb !== 'delete' || s.action.names.length > 0),
    leftovers: [`every node: the mountpaths ${list(before.mountpaths)} keep the objects and the state directories ${list(before.stateDirectories)} the node IDs and cluster maps; wipe both before reusing the disks`],
  };
}

/**
 * Operator mode: the operator rolls the pods itself (proxies with a handover, targets one by one
 * through maintenance: ais-k8s `handleProxyRollout`, `handleTargetRollout`) but never takes a restarted
 * target out of maintenance (no stop-maintenance call in operator 3.4.0; a target restarted in
 * maintenance stays so and is not Ready, aistore `ais/prxclu.go` `httpclupost`, `ais/htrun.go` `isReady`),
 * so it would wait for it forever: the runbook does, in the operator's order.
 */
export function operatorRollout(after: ReleaseFacts): Step[] {
  const pods = podsOf(after, 'target');
  return [
    wait('proxies-rolled', 'the operator restarted the proxies', { kind: 'statefulSetReady', name: after.proxySets[0].name }, TIMEOUTS.podStart * after.proxies),
    {
      id: 'targets-rolled', kind: 'forEach', title: 'as the operator restarts each target, take it out of maintenance', variable: POD.var, items: pods,
      unless: all({ kind: 'podUpdated', pod: POD }, { kind: 'podReady', pod: POD }),
      body: [
        wait('restarted', 'the operator restarted it', all({ kind: 'podUpdated', pod: POD }, { kind: 'podStarted', pod: POD }), TIMEOUTS.podStart),
        { id: 'stop-maintenance', kind: 'ais', title: 'take it out of maintenance', when: { kind: 'aisFlags', node: { pod: POD }, flags: 'maintenance' },
          action: { verb: 'stopMaintenance', node: { pod: POD }, rebalance: true }, cite: ['ais-k8s target_controllers.go prepareTargetForRollout (no stop-maintenance)'] },
        wait('ready', 'it is Ready and active', all({ kind: 'podReady', pod: POD }, { kind: 'aisFlags', node: { pod: POD }, flags: 'none' }, { kind: 'noRebalance' }), TIMEOUTS.rebalance),
      ],
    },
  ];
}

/** The standalone rollouts: proxies (one handover) and targets (one by one, through maintenance). */
export function standaloneRollouts(after: ReleaseFacts, roll: { proxies?: 'stale' | 'all'; targets?: 'stale' | 'all' }): { proxies?: Step[]; targets?: Step[] } {
  return {
    proxies: roll.proxies ? rollProxies(after, roll.proxies === 'all') : undefined,
    targets: roll.targets
      ? [rollTargets(after, roll.targets === 'all' ? 'restart every target, one at a time' : 'restart the targets one at a time on the new template', [], podsOf(after, 'target'), roll.targets === 'all')]
      : undefined,
  };
}

