/**
 * The Argo CD health scripts (lib/argo/health/) on healthy, progressing and degraded objects, judged by two Lua
 * interpreters sandboxed as Argo CD runs argocd-cm scripts (test/support/lua.ts): fengari in-process, and Debian's
 * lua5.1 (the language of Argo CD's gopher-lua). Every case runs in both and must give the same health.
 *
 * The objects are written here from the status fields the controllers set (cited per script), not copied.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_PODS_UPDATED, ROLLOUT_HEALTH_ANNOTATION } from '../../lib/argo/health-gates';
import { HEALTH_SCRIPTS } from '../../lib/argo/health-settings';
import { AISTORE_HEALTH_LUA } from '../../lib/argo/health/aistore';
import { DAEMONSET_HEALTH_LUA } from '../../lib/argo/health/daemonset';
import { KMM_MODULE_HEALTH_LUA } from '../../lib/argo/health/kmm-module';
import { SPECIAL_RESOURCE_HEALTH_LUA } from '../../lib/argo/health/special-resource';
import { STATEFULSET_HEALTH_LUA } from '../../lib/argo/health/statefulset';
import { Health, assertLua51, hasLua51, runHealthFengari, runHealthLua51 } from '../support/lua';

const LUA51 = hasLua51();

/** Both judges; the same answer from each. */
function health(script: string, object: unknown): Health {
  const fengari = runHealthFengari(script, object);
  if (LUA51) expect(runHealthLua51(script, object), 'lua5.1 agrees with fengari').toEqual(fengari);
  return fengari;
}

describe('the Lua judges', () => {
  it('has Debian lua5.1 (the second judge); install it with: apt-get install -y lua5.1 (.ci/run does)', () => {
    expect(LUA51, 'lua5.1 is not installed: apt-get install -y lua5.1').toBe(true);
  });

  it('sandbox as Argo CD: no string or math library, Lua 5.1 syntax only, integers print without .0', () => {
    for (const script of ['return { status = string.format("%d", 1) }', 'return { status = ("x"):upper() }', 'return { status = math.floor(1.5) }']) {
      expect(() => runHealthFengari(script, {}), script).toThrow();
      if (LUA51) expect(() => runHealthLua51(script, {}), script).toThrow();
    }
    expect(() => assertLua51('local x = 7 // 2 return { status = "Healthy" }')).toThrow();
    expect(() => assertLua51('local x = 1 & 2 return { status = "Healthy" }')).toThrow();
    expect(health('return { status = "Healthy", message = obj.n .. " pods" }', { n: 3 })).toEqual({ status: 'Healthy', message: '3 pods' });
    expect(health('return { status = "Fine" }', {})).toEqual({ status: 'Unknown', message: 'Lua returned an invalid health status' });
    expect(health('return nil', {})).toEqual({ status: '' });
  });

  it('every script is Lua 5.1 and uses only the base and table libraries', () => {
    for (const { groupKind, lua } of HEALTH_SCRIPTS) {
      expect(() => assertLua51(lua), groupKind).not.toThrow();
      expect(lua, groupKind).not.toMatch(/\b(string|math|io|debug|coroutine)\.|:\w+\(/);
    }
  });
});

// ── apps/StatefulSet ──

interface StsShape {
  replicas?: number;
  strategy?: { type?: string; rollingUpdate?: { partition?: number } };
  generation?: number;
  annotated?: boolean;
  status?: Record<string, unknown>;
}

function statefulSet(shape: StsShape) {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet',
    metadata: { name: 'store-target', namespace: 'ais', generation: shape.generation ?? 2,
      ...(shape.annotated ? { annotations: { [ROLLOUT_HEALTH_ANNOTATION]: ALL_PODS_UPDATED } } : {}) },
    spec: { ...(shape.replicas !== undefined ? { replicas: shape.replicas } : {}), updateStrategy: shape.strategy ?? { type: 'OnDelete' } },
    ...(shape.status ? { status: shape.status } : {}),
  };
}

/**
 * The status Argo CD's built-in check gives a StatefulSet, branch by branch as argo-cd 37ee009
 * gitops-engine/pkg/health/health_statefulset.go getAppsv1StatefulSetHealth decides (status only; messages differ).
 */
function builtInStatefulSetStatus(o: ReturnType<typeof statefulSet>): string {
  const st: any = (o as any).status ?? {};
  const observed = st.observedGeneration ?? 0;
  if (observed === 0 || o.metadata.generation > observed) return 'Progressing';
  const replicas = (o.spec as any).replicas;
  if (replicas !== undefined && (st.readyReplicas ?? 0) < replicas) return 'Progressing';
  const strategy = o.spec.updateStrategy as any;
  if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate !== undefined) {
    if (replicas !== undefined && strategy.rollingUpdate.partition !== undefined && (st.updatedReplicas ?? 0) < replicas - strategy.rollingUpdate.partition) return 'Progressing';
    return 'Healthy';
  }
  if (strategy.type === 'OnDelete') return 'Healthy';
  return (st.updateRevision ?? '') !== (st.currentRevision ?? '') ? 'Progressing' : 'Healthy';
}

/** Status of a 12-target StatefulSet (Kubernetes 1.28 stateful_set_control.go: replicas counts terminating pods; updated and current only live ones). */
const targets = (s: { replicas?: number; ready?: number; updated?: number; available?: number; observed?: number; current?: string; update?: string }) => ({
  observedGeneration: s.observed ?? 2, replicas: s.replicas ?? 12, readyReplicas: s.ready ?? 12, updatedReplicas: s.updated ?? 12,
  currentReplicas: 12 - (s.updated ?? 12), availableReplicas: s.available ?? s.ready ?? 12,
  currentRevision: s.current ?? 'store-target-7d9f', updateRevision: s.update ?? 'store-target-5c4b',
});

describe('apps/StatefulSet with the rollout gate (an OnDelete target StatefulSet)', () => {
  const gated = (status: Record<string, unknown>, generation = 2) => statefulSet({ replicas: 12, annotated: true, generation, status });

  it('a new template, nothing restarted yet: Progressing, naming the revision and what to do', () => {
    expect(health(STATEFULSET_HEALTH_LUA, gated(targets({ updated: 0 })))).toEqual({ status: 'Progressing',
      message: '0 of 12 pods run revision store-target-5c4b, 12 ready, 12 exist: delete the others one at a time, each after the last is ready (updateStrategy OnDelete)' });
  });

  it('mid-restart: target 3 terminating (counted in replicas, not ready, not updated) after 2 restarted: Progressing', () => {
    expect(health(STATEFULSET_HEALTH_LUA, gated(targets({ replicas: 12, ready: 11, updated: 2 }))).status).toBe('Progressing');
  });

  it('k of n restarted and all ready: still Progressing (the built-in check says Healthy here)', () => {
    const object = gated(targets({ updated: 5 }));
    expect(builtInStatefulSetStatus(object)).toBe('Healthy');
    expect(health(STATEFULSET_HEALTH_LUA, object).status).toBe('Progressing');
  });

  it('every pod restarted and ready, currentRevision still the old one (OnDelete never advances it): Healthy', () => {
    expect(health(STATEFULSET_HEALTH_LUA, gated(targets({ updated: 12, current: 'store-target-7d9f', update: 'store-target-5c4b' }))))
      .toEqual({ status: 'Healthy', message: 'all 12 pods run revision store-target-5c4b' });
  });

  it('the new generation not observed yet: Progressing', () => {
    expect(health(STATEFULSET_HEALTH_LUA, gated(targets({ observed: 1 }), 2)).status).toBe('Progressing');
    expect(health(STATEFULSET_HEALTH_LUA, statefulSet({ replicas: 12, annotated: true })).status).toBe('Progressing');
  });

  it('a scale-down with a condemned pod still there (status.replicas > spec.replicas): Progressing', () => {
    expect(health(STATEFULSET_HEALTH_LUA, gated(targets({ replicas: 13 }))).status).toBe('Progressing');
  });

  it('available lagging behind ready (minReadySeconds): Progressing', () => {
    expect(health(STATEFULSET_HEALTH_LUA, gated(targets({ available: 10 })))).toEqual({ status: 'Progressing', message: '10 of 12 pods available' });
  });
});

describe('apps/StatefulSet without the gate: Argo CD\'s built-in verdicts (the override replaces the built-in check for every StatefulSet)', () => {
  const cases: Array<[string, StsShape]> = [
    ['OnDelete, all ready, revisions differ: Healthy (no revision check)', { replicas: 3, status: { observedGeneration: 2, readyReplicas: 3, updatedReplicas: 1, currentRevision: 'a', updateRevision: 'b' } }],
    ['not observed', { replicas: 3, status: { observedGeneration: 1, readyReplicas: 3 } }],
    ['not ready', { replicas: 3, strategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, status: { observedGeneration: 2, readyReplicas: 2 } }],
    ['partition not reached', { replicas: 3, strategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } }, status: { observedGeneration: 2, readyReplicas: 3, updatedReplicas: 1 } }],
    ['partition reached', { replicas: 3, strategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } }, status: { observedGeneration: 2, readyReplicas: 3, updatedReplicas: 2 } }],
    ['RollingUpdate without rollingUpdate, revisions differ', { replicas: 3, strategy: { type: 'RollingUpdate' }, status: { observedGeneration: 2, readyReplicas: 3, currentRevision: 'a', updateRevision: 'b' } }],
    ['RollingUpdate without rollingUpdate, same revision', { replicas: 3, strategy: { type: 'RollingUpdate' }, status: { observedGeneration: 2, readyReplicas: 3, currentRevision: 'a', updateRevision: 'a' } }],
    ['no spec.replicas: readiness not checked', { strategy: { type: 'OnDelete' }, status: { observedGeneration: 2, readyReplicas: 0 } }],
    ['gated but RollingUpdate: the built-in verdict', { replicas: 3, annotated: true, strategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } }, status: { observedGeneration: 2, readyReplicas: 3, updatedReplicas: 3 } }],
  ];
  it.each(cases)('%s', (_, shape) => {
    const object = statefulSet(shape);
    expect(health(STATEFULSET_HEALTH_LUA, object).status).toBe(builtInStatefulSetStatus(object));
  });

  it('on generated StatefulSets (un-annotated, or annotated but not OnDelete), always the built-in status', () => {
    const count = fc.integer({ min: 0, max: 5 });
    fc.assert(fc.property(fc.record({
      replicas: fc.option(count, { nil: undefined }), type: fc.constantFrom('OnDelete', 'RollingUpdate', undefined), partition: fc.option(count, { nil: undefined }),
      rolling: fc.boolean(), annotated: fc.boolean(), generation: fc.integer({ min: 1, max: 3 }), observed: fc.integer({ min: 0, max: 3 }),
      ready: count, updated: count, sameRevision: fc.boolean(),
    }), (g) => {
      if (g.annotated && g.type === 'OnDelete') return;
      const object = statefulSet({
        replicas: g.replicas, annotated: g.annotated, generation: g.generation,
        strategy: { type: g.type, ...(g.rolling ? { rollingUpdate: g.partition === undefined ? {} : { partition: g.partition } } : {}) },
        status: { observedGeneration: g.observed, readyReplicas: g.ready, updatedReplicas: g.updated, currentRevision: 'a', updateRevision: g.sameRevision ? 'a' : 'b' },
      });
      expect(runHealthFengari(STATEFULSET_HEALTH_LUA, object).status).toBe(builtInStatefulSetStatus(object));
    }), { numRuns: 300, seed: 26 });
  });
});

// ── apps/DaemonSet ──

function daemonSet(type: string, annotated: boolean, status: Record<string, number>, generation = 1) {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet',
    metadata: { name: 'kmod', generation, ...(annotated ? { annotations: { [ROLLOUT_HEALTH_ANNOTATION]: ALL_PODS_UPDATED } } : {}) },
    spec: { updateStrategy: { type } },
    status: { observedGeneration: 1, ...status },
  };
}

/** argo-cd 37ee009 gitops-engine/pkg/health/health_daemonset.go getAppsv1DaemonSetHealth, status only. */
function builtInDaemonSetStatus(o: ReturnType<typeof daemonSet>): string {
  const st: any = o.status;
  if (o.metadata.generation > (st.observedGeneration ?? 0)) return 'Progressing';
  if (o.spec.updateStrategy.type === 'OnDelete') return 'Healthy';
  if ((st.updatedNumberScheduled ?? 0) < (st.desiredNumberScheduled ?? 0)) return 'Progressing';
  if ((st.numberAvailable ?? 0) < (st.desiredNumberScheduled ?? 0)) return 'Progressing';
  return 'Healthy';
}

describe('apps/DaemonSet', () => {
  it('a gated OnDelete kmod DaemonSet: Progressing until every scheduled pod is updated and available', () => {
    expect(health(DAEMONSET_HEALTH_LUA, daemonSet('OnDelete', true, { desiredNumberScheduled: 4, updatedNumberScheduled: 1, numberAvailable: 4 })).status).toBe('Progressing');
    expect(health(DAEMONSET_HEALTH_LUA, daemonSet('OnDelete', true, { desiredNumberScheduled: 4, updatedNumberScheduled: 4, numberAvailable: 3 })).status).toBe('Progressing');
    expect(health(DAEMONSET_HEALTH_LUA, daemonSet('OnDelete', true, { desiredNumberScheduled: 4, updatedNumberScheduled: 4, numberAvailable: 4 })))
      .toEqual({ status: 'Healthy', message: 'all 4 pods updated and available' });
  });

  const cases: Array<[string, ReturnType<typeof daemonSet>]> = [
    ['not observed', daemonSet('RollingUpdate', false, { desiredNumberScheduled: 2, updatedNumberScheduled: 2, numberAvailable: 2 }, 2)],
    ['OnDelete without the gate, 1 of 4 updated', daemonSet('OnDelete', false, { desiredNumberScheduled: 4, updatedNumberScheduled: 1, numberAvailable: 4 })],
    ['rolling, not all updated', daemonSet('RollingUpdate', false, { desiredNumberScheduled: 4, updatedNumberScheduled: 3, numberAvailable: 4 })],
    ['rolling, not all available', daemonSet('RollingUpdate', false, { desiredNumberScheduled: 4, updatedNumberScheduled: 4, numberAvailable: 3 })],
    ['rolling, done', daemonSet('RollingUpdate', false, { desiredNumberScheduled: 4, updatedNumberScheduled: 4, numberAvailable: 4 })],
    ['gated but rolling: the built-in verdict', daemonSet('RollingUpdate', true, { desiredNumberScheduled: 4, updatedNumberScheduled: 3, numberAvailable: 4 })],
  ];
  it.each(cases)('without the gate, the built-in verdict: %s', (_, object) => {
    expect(health(DAEMONSET_HEALTH_LUA, object).status).toBe(builtInDaemonSetStatus(object));
  });
});

// ── ais.nvidia.com/AIStore (ais-k8s v3.4.0 operator/api/aistore/v1beta1/aistore_types.go) ──

const aistore = (status?: Record<string, unknown>) => ({ apiVersion: 'ais.nvidia.com/v1beta1', kind: 'AIStore', metadata: { name: 'store', generation: 3 }, spec: {}, ...(status ? { status } : {}) });
const condition = (status: string, reason = 'Ready', message = '') => ({ type: 'Ready', status, reason, message, observedGeneration: 3, lastTransitionTime: '2026-12-06T06:00:00Z' });

describe('ais.nvidia.com/AIStore', () => {
  it('no status yet (the operator has not reconciled it): Progressing', () => {
    expect(health(AISTORE_HEALTH_LUA, aistore()).status).toBe('Progressing');
    expect(health(AISTORE_HEALTH_LUA, aistore({ conditions: [] })).status).toBe('Progressing');
  });
  it('state Ready with the Ready condition True: Healthy', () => {
    expect(health(AISTORE_HEALTH_LUA, aistore({ state: 'Ready', conditions: [condition('True')] }))).toEqual({ status: 'Healthy', message: 'AIS cluster ready' });
  });
  it('state Ready but Ready False: Progressing', () => {
    expect(health(AISTORE_HEALTH_LUA, aistore({ state: 'Ready', conditions: [condition('False', 'Upgrading')] })).status).toBe('Progressing');
  });
  it.each(['Initialized', 'Created', 'InitializingLoadBalancerService', 'PendingLoadBalancerService', 'ShuttingDown', 'SomethingNew'])('state %s: Progressing', (state) => {
    expect(health(AISTORE_HEALTH_LUA, aistore({ state })).status).toBe('Progressing');
  });
  it('upgrading (Ready False, reason Upgrading, as cluster_controller.go updateStatusAndRequeue sets it): Progressing with the operator\'s message', () => {
    expect(health(AISTORE_HEALTH_LUA, aistore({ state: 'Upgrading', conditions: [condition('False', 'Upgrading', 'Waiting for targets to be updated')] })))
      .toEqual({ status: 'Progressing', message: 'AIS cluster Upgrading: Waiting for targets to be updated' });
  });
  it('shut down: Suspended; decommissioning: Degraded', () => {
    expect(health(AISTORE_HEALTH_LUA, aistore({ state: 'Shutdown' })).status).toBe('Suspended');
    for (const state of ['Decommissioning', 'CleaningResources', 'HostCleanup', 'Finalized']) expect(health(AISTORE_HEALTH_LUA, aistore({ state })).status).toBe('Degraded');
  });
});

// ── sro.openshift.io/SpecialResource (SRO statusupdater.go SetAsProgressing / SetAsErrored / SetAsReady) ──

const sr = (conditions?: Array<[string, string, string?]>, state?: string) => ({
  apiVersion: 'sro.openshift.io/v1beta1', kind: 'SpecialResource', metadata: { name: 'auristorfs' },
  status: { ...(state ? { state } : {}), ...(conditions ? { conditions: conditions.map(([type, status, message]) => ({ type, status, message: message ?? '', reason: type })) } : {}) },
});

describe('sro.openshift.io/SpecialResource', () => {
  it('Errored True: Degraded with SRO\'s message', () => {
    expect(health(SPECIAL_RESOURCE_HEALTH_LUA, sr([['Ready', 'False'], ['Progressing', 'False'], ['Errored', 'True', 'chart auristorfs-kmod failed']])))
      .toEqual({ status: 'Degraded', message: 'chart auristorfs-kmod failed' });
  });
  it('Ready True: Healthy; Progressing True: Progressing', () => {
    expect(health(SPECIAL_RESOURCE_HEALTH_LUA, sr([['Ready', 'True'], ['Progressing', 'False'], ['Errored', 'False']])).status).toBe('Healthy');
    expect(health(SPECIAL_RESOURCE_HEALTH_LUA, sr([['Ready', 'False'], ['Progressing', 'True', 'building'], ['Errored', 'False']]))).toEqual({ status: 'Progressing', message: 'building' });
  });
  it('SRO 4.9/4.10 (a state, no conditions): not assessed (an empty status, which never worsens the Application)', () => {
    expect(health(SPECIAL_RESOURCE_HEALTH_LUA, sr(undefined, 'specialresource-kmod'))).toEqual({ status: '' });
  });
  it('no status yet: Progressing', () => {
    expect(health(SPECIAL_RESOURCE_HEALTH_LUA, { ...sr(), status: undefined }).status).toBe('Progressing');
  });
});

// ── kmm.sigs.x-k8s.io/Module (KMM v2.6.0 module_reconciler.go moduleUpdateWorkerPodsStatus) ──

const mod = (loader?: Record<string, number>) => ({ apiVersion: 'kmm.sigs.x-k8s.io/v1beta1', kind: 'Module', metadata: { name: 'auristorfs' }, ...(loader ? { status: { moduleLoader: loader } } : {}) });

describe('kmm.sigs.x-k8s.io/Module', () => {
  it('no status: Progressing', () => expect(health(KMM_MODULE_HEALTH_LUA, mod()).status).toBe('Progressing'));
  it('loading on some nodes: Progressing', () => {
    expect(health(KMM_MODULE_HEALTH_LUA, mod({ nodesMatchingSelectorNumber: 4, desiredNumber: 4, availableNumber: 1 })))
      .toEqual({ status: 'Progressing', message: '1 of 4 nodes run the module as configured' });
  });
  it('a selected node that gets no module (no kernel mapping): Degraded', () => {
    expect(health(KMM_MODULE_HEALTH_LUA, mod({ nodesMatchingSelectorNumber: 4, desiredNumber: 3, availableNumber: 3 })).status).toBe('Degraded');
  });
  it('loaded everywhere: Healthy', () => {
    expect(health(KMM_MODULE_HEALTH_LUA, mod({ nodesMatchingSelectorNumber: 4, desiredNumber: 4, availableNumber: 4 }))).toEqual({ status: 'Healthy', message: 'module loaded on 4 nodes' });
  });
});
