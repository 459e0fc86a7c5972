import { Manifest, changedPaths, describeObject } from '../../k8s/manifest';
import { aisRelease, isAisClusterResource, isAisStatefulSet } from '../../argo/roles';
import { Runbook } from '../runbook/steps';
import { ReviewInput, isUpdate } from '../rules/types';
import { configChanged, issuerChanged, mountpathsChanged, operatorRollout, protocolSwitch, releaseRemoved, standaloneRollouts, upgrade } from './cluster';
import { Rollouts, RunbookPart, composeRunbook } from './compose';
import { ReleaseFacts, releaseFacts } from './facts';
import { nodeParts } from './nodes';
import { proxyStatePerNode } from './proxy-state';

/** Node objects read from each output's label-nodes.sh, when the labels are not in the output. */
export interface ScriptNodes {
  /**
   * The Nodes of the previous output's label-nodes.sh.
   * @default - none: the previous output's Node objects only
   */
  readonly previous?: readonly Manifest[];
  /**
   * The Nodes of the new output's label-nodes.sh.
   * @default - none: the new output's Node objects only
   */
  readonly next?: readonly Manifest[];
}

/** A pod template without `-ntargets` (read only by a primary that starts a new cluster: aistore `ais/earlystart.go` `primaryStartup`). */
function templateWithoutTargetCount(set: Manifest): unknown {
  const template = structuredClone(set.spec?.template ?? {});
  for (const c of template.spec?.containers ?? []) if (Array.isArray(c.args)) c.args = c.args.filter((a: string) => !a.startsWith('-ntargets='));
  return template;
}

/** Which templates of a release changed: targets (any field), proxies (beyond -ntargets), the AIStore's (operator). */
function templateChanges(input: ReviewInput, release: string): { targets: boolean; proxies: boolean; operator: boolean } {
  const updates = input.changes.filter(isUpdate).filter((c) => aisRelease(c.next) === release);
  const targets = updates.some((c) => isAisStatefulSet(c.next, 'target') && changedPaths(c.previous.spec?.template, c.next.spec?.template).length > 0);
  const proxies = updates.some((c) => isAisStatefulSet(c.next, 'proxy') && changedPaths(templateWithoutTargetCount(c.previous), templateWithoutTargetCount(c.next)).length > 0);
  // the operator turns the AIStore into StatefulSets: anything but the sizes and the config it pushes through the API changes them
  const operator = updates.some((c) => isAisClusterResource(c.next) && c.paths.some((p) =>
    p.startsWith('spec.') && !/^spec\.(size|proxySpec\.size|targetSpec\.size|configToUpdate)/.test(p) && !p.startsWith('spec.proxySpec.nodeSelector') && !p.startsWith('spec.targetSpec.nodeSelector'))
    || c.paths.some((p) => p.startsWith('spec.configToUpdate.net.http')));
  return { targets, proxies, operator };
}

/** The runbooks of one AIS cluster whose output changed (undefined: nothing to do beyond the sync). */
function clusterRunbook(input: ReviewInput, before: ReleaseFacts, after: ReleaseFacts): Runbook | undefined {
  const compose = (parts: RunbookPart[], rollouts: Rollouts = {}) => composeRunbook(input, before, after, parts, rollouts);
  const protocol = protocolSwitch(before, after, compose);
  if (protocol) return protocol;
  const parts: RunbookPart[] = [...nodeParts(before, after)];
  const mountpaths = mountpathsChanged(before, after);
  const config = configChanged(before, after);
  const up = upgrade(before, after);
  const issuer = issuerChanged(before, after);
  const proxyState = proxyStatePerNode(before, after);
  for (const part of [proxyState, mountpaths, config.part, up, issuer]) if (part) parts.push(part);
  const templates = templateChanges(input, before.release);
  let rollouts: Rollouts = {};
  const everything = config.restart === 'all' || issuer !== undefined;
  if (after.mode === 'standalone') {
    rollouts = standaloneRollouts(after, {
      proxies: everything ? 'all' : templates.proxies ? 'stale' : undefined,
      targets: parts.some((p) => p.rollsTargets) ? undefined : everything ? 'all' : templates.targets || config.restart === 'targets' ? 'stale' : undefined,
    });
  } else {
    const operator = templates.operator ? operatorRollout(after) : [];
    // keys that need a restart the operator does not restart for (it restarts only for net.http: ais-k8s HashRestartConfigs)
    const forced = everything && !templates.operator ? standaloneRollouts(after, { proxies: 'all', targets: 'all' }) : {};
    rollouts = { proxies: [...operator, ...(forced.proxies ?? [])], targets: forced.targets };
  }
  const rolls = (rollouts.proxies?.length ?? 0) + (rollouts.targets?.length ?? 0) > 0;
  if (parts.length === 0 && !rolls) return undefined;
  if (parts.length === 0) {
    parts.push({ id: 'pods-restarted', title: 'restart the pods on the new template', source: 'aistore docs/lifecycle_node.md; ais-k8s proxy_controller.go handleProxyRollout', takesTargetsDown: rollouts.targets !== undefined });
  }
  if (rollouts.targets && !parts.some((p) => p.takesTargetsDown)) parts[0] = { ...parts[0], takesTargetsDown: true };
  return compose(parts, rollouts);
}

/**
 * The runbooks of a change: per AIS cluster, one runbook with every part of its change (nodes,
 * mountpaths, config, upgrade, issuer, rollouts), or the whole-cluster runbook (protocol switch,
 * release removed). Reads manifests only.
 */
export function aisRunbooks(input: ReviewInput, scripts: ScriptNodes = {}): Runbook[] {
  const before = releaseFacts(input.previous, scripts.previous);
  const after = releaseFacts(input.next, scripts.next);
  const runbooks: Runbook[] = [];
  for (const [release, was] of before) {
    const now = after.get(release);
    if (!now) {
      // a rename is its own finding (release-or-namespace-renamed); this is a plain removal
      if ([...after.keys()].some((r) => r !== release && !before.has(r))) continue;
      const removed = input.changes.filter((c) => c.action === 'removed' && aisRelease(c.previous!) === release).map((c) => describeObject(c.previous!));
      runbooks.push(releaseRemoved(was, removed, [...was.nodeLabels.keys()].filter((n) => !input.next.some((m) => m.kind === 'Node' && m.metadata.name === n))));
      continue;
    }
    const runbook = clusterRunbook(input, was, now);
    if (runbook) runbooks.push(runbook);
  }
  return runbooks;
}
