/**
 * Property-based: every valid config the seeded generator makes synthesizes to objects a 1.28
 * API server accepts (strict schemas + the rules beyond them), byte-identical on a second run;
 * every invalid mutation of one is a config error at a line:col, exit 1, no stack trace.
 * Seeded and sized for `npm test` (100 configs, 800 mutations: about 4 s); PROPERTY_RUNS=<n> runs n configs and 8n
 * mutations, PROPERTY_SEED=<s> another seed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as YAML from 'yaml';
import { ConfigError } from '../lib/config/errors';
import { parseConfig } from '../lib/from-config/load';
import { apiServerProblems } from './support/api-rules';
import { runCli, tempDir, writeConfig } from './support/cli';
import { sampleConfigs } from './support/config-generator';
import { validateAll } from './support/schema';
import { synthConfig } from './support/synth';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);
const SEED = Number(process.env.PROPERTY_SEED ?? 20261126);
const configs = sampleConfigs(RUNS, SEED);

describe('generated valid configs', () => {
  it(`${RUNS} configs (seed ${SEED}): synth succeeds, objects pass strict 1.28/CRD schemas and API-server rules, output is deterministic (every third rerun)`, async () => {
    const failures: string[] = [];
    for (const [index, { id, text }] of configs.entries()) {
      let first;
      try {
        first = synthConfig(text);
      } catch (error) {
        failures.push(`${id}: ${(error as Error).message.slice(0, 500)}\n${text}`);
        continue;
      }
      const problems = [...await validateAll([...first.manifests]), ...apiServerProblems(first.manifests)];
      if (problems.length > 0) failures.push(`${id}: ${problems.slice(0, 5).join('\n')}\n${text}`);
      // a second run for every third config (synth is most of this test's time)
      if (index % 3 === 0 && JSON.stringify([...synthConfig(text).files]) !== JSON.stringify([...first.files])) failures.push(`${id}: two runs differ\n${text}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('the generator is deterministic per seed and covers every section', () => {
    expect(sampleConfigs(20, SEED)).toEqual(configs.slice(0, 20));
    const parsed = configs.map(({ text }) => YAML.parse(text));
    const seen = (predicate: (c: any) => boolean) => parsed.filter(predicate).length;
    expect(seen((c) => c.ais?.mode === 'operator')).toBeGreaterThan(0);
    expect(seen((c) => c.ais && c.ais.mode === undefined)).toBeGreaterThan(0);
    expect(seen((c) => c.ais?.targets.storage === 'localPV')).toBeGreaterThan(0);
    expect(seen((c) => c.ais?.tls?.certManager)).toBeGreaterThan(0);
    expect(seen((c) => c.ais?.tls?.csi)).toBeGreaterThan(0);
    expect(seen((c) => c.ais?.externalLB)).toBeGreaterThan(0);
    for (const delivery of ['sro', 'kmm', 'static']) expect(seen((c) => c.auristor?.delivery === delivery)).toBeGreaterThan(0);
    expect(seen((c) => c.gitops?.argocd)).toBeGreaterThan(0);
    expect(seen((c) => c.ais?.monitoring)).toBeGreaterThan(0);
    expect(seen((c) => c.kubernetesVersion !== undefined && c.kubernetesVersion !== '1.28')).toBeGreaterThan(0);
    expect(seen((c) => c.ais?.publicAddress === 'nodeName')).toBeGreaterThan(0);
    expect(seen((c) => c.name.length === 38)).toBeGreaterThan(0);
  });
});

type Config = Record<string, any>;
/** An invalid change to a valid config: undefined when it does not apply; `expect` matches one of the messages. */
interface Mutation { readonly name: string; readonly expect: RegExp; readonly apply: (c: Config) => Config | undefined }

const standalone = (c: Config) => c.ais !== undefined && c.ais.mode !== 'operator';
const localPV = (c: Config) => c.ais?.targets.storage === 'localPV';
const mountpath = (c: Config, p: string) => (localPV(c) ? { path: p, size: '1Ti' } : p);

const MUTATIONS: Mutation[] = [
  { name: 'name too long for the StatefulSet', expect: /at most 38 in standalone mode \(StatefulSet <name>-proxy-primary: at most 52/, apply: (c) => (standalone(c) ? { ...c, name: `a${'b'.repeat(39)}` } : undefined) },
  { name: 'name starting with a digit', expect: /DNS-1035/, apply: (c) => (c.ais ? { ...c, name: `1${c.name.slice(1)}` } : undefined) },
  { name: 'gateway IP outside the pool', expect: /outside the address pool/, apply: (c) => (c.ais?.gateway ? { ...c, ais: { ...c.ais, gateway: { ...c.ais.gateway, loadBalancerIP: '192.0.2.1' } } } : undefined) },
  { name: 'duplicate target node', expect: /listed twice/, apply: (c) => (c.ais ? { ...c, ais: { ...c.ais, targets: { ...c.ais.targets, nodes: [...c.ais.targets.nodes, c.ais.targets.nodes[0]] } } } : undefined) },
  { name: 'relative mountpath', expect: /absolute path/, apply: (c) => (c.ais ? { ...c, ais: { ...c.ais, targets: { ...c.ais.targets, mountpaths: [mountpath(c, 'ais/rel')] } } } : undefined) },
  { name: 'mountpaths whose volume names collide', expect: /both give the volume name/, apply: (c) => (standalone(c)
    ? { ...c, ais: { ...c.ais, targets: { ...c.ais.targets, mountpaths: [mountpath(c, '/mnt/vol_1'), mountpath(c, '/mnt/vol-1')] } } } : undefined) },
  { name: 'mountpath whose volume name is over 63', expect: /at most 63/, apply: (c) => (standalone(c)
    ? { ...c, ais: { ...c.ais, targets: { ...c.ais.targets, mountpaths: [mountpath(c, `/ais/${'d'.repeat(64)}`)] } } } : undefined) },
  { name: 'node name that makes the local PV name over 253', expect: /PersistentVolume name .* at most 253/, apply: (c) => (standalone(c) && localPV(c)
    ? { ...c, ais: { ...c.ais, targets: { ...c.ais.targets, nodes: [`${'n'.repeat(62)}.${'r'.repeat(62)}.${'s'.repeat(62)}.${'t'.repeat(62)}`] } } } : undefined) },
  { name: 'port clash', expect: /used for both/, apply: (c) => (standalone(c) ? { ...c, ais: { ...c.ais, ports: { proxy: 51080, target: 51080 } } } : undefined) },
  { name: ':latest image', expect: /not pinned/, apply: (c) => (c.ais ? { ...c, ais: { ...c.ais, images: { aisnode: 'docker.io/aistorage/aisnode:latest' } } } : undefined) },
  { name: 'requests above limits', expect: /greater than its limit/, apply: (c) => (c.ais
    ? { ...c, ais: { ...c.ais, targets: { ...c.ais.targets, resources: { requests: { cpu: '8' }, limits: { cpu: '4' } } } } } : undefined) },
  { name: 'certificate duration under 1h', expect: /minimum of 1h/, apply: (c) => (c.ais
    ? { ...c, ais: { ...c.ais, tls: { certManager: { selfSigned: true, duration: '30m' } } } } : undefined) },
  { name: 'renewBefore under 5m', expect: /minimum of 5m/, apply: (c) => (c.ais
    ? { ...c, ais: { ...c.ais, tls: { certManager: { selfSigned: true, renewBefore: '4m' } } } } : undefined) },
  { name: 'renewBefore not shorter than duration', expect: /must be shorter than duration/, apply: (c) => (c.ais
    ? { ...c, ais: { ...c.ais, tls: { certManager: { selfSigned: true, duration: '2h', renewBefore: '2h' } } } } : undefined) },
  { name: 'cluster domain with a space', expect: /cluster domain/, apply: (c) => (c.ais ? { ...c, ais: { ...c.ais, clusterDomain: 'cluster local!' } } : undefined) },
  { name: 'annotation key with upper case', expect: /annotation key/, apply: (c) => (c.ais
    ? { ...c, ais: { ...c.ais, gateway: { ...c.ais.gateway, annotations: { 'MetalLB.universe.tf/address-pool': 'x' } } } } : undefined) },
  { name: 'target and proxy labels: same key, different values on a shared node', expect: /share the key/, apply: (c) => (c.ais
    ? { ...c, ais: { ...c.ais, nodeLabels: { target: { key: 'example.com/ais', value: 't' }, proxy: { key: 'example.com/ais', value: 'p' } } } } : undefined) },
  { name: 'unknown key', expect: /unknown key `nmae`/, apply: (c) => ({ ...c, nmae: 'x' }) },
  { name: 'wrong type beside a cross-field error', expect: /expected boolean/, apply: (c) => (c.ais ? { ...c, ais: { ...c.ais, privileged: 'yes' } } : undefined) },
  { name: 'bad enum', expect: /expected one of "hostPath" \| "localPV"/, apply: (c) => (c.ais ? { ...c, ais: { ...c.ais, targets: { ...c.ais.targets, storage: 'nfs' } } } : undefined) },
  { name: 'only a name', expect: /nothing to generate/, apply: (c) => ({ name: c.name }) },
  { name: 'two AuriStorFS groups with the same nodeSelector', expect: /same nodeSelector/, apply: (c) => (c.auristor ? {
    ...c, auristor: { ...c.auristor, groups: [{ ...c.auristor.groups[0], name: 'ga', nodes: undefined, nodeSelector: { 'x.io/g': 'a' } },
      { ...c.auristor.groups[0], name: 'gb', nodes: undefined, nodeSelector: { 'x.io/g': 'a' } }], csi: undefined } } : undefined) },
  { name: 'AuriStorFS group namespace = the AIS namespace', expect: /also the namespace of the AIS cluster/, apply: (c) => (c.ais && c.auristor
    ? { ...c, namespace: 'shared', auristor: { ...c.auristor, groups: [{ ...c.auristor.groups[0], namespace: 'shared' }], csi: undefined } } : undefined) },
  { name: 'kmm without KMM-layout images', expect: /kmmLayoutImages: true/, apply: (c) => (c.auristor ? { ...c, auristor: { ...c.auristor, delivery: 'kmm', kmm: undefined } } : undefined) },
  { name: 'group name whose default namespace passes 63', expect: /Namespace name auristorfs-g{53} is 64 characters; at most 63/, apply: (c) => (c.auristor
    ? { ...c, auristor: { ...c.auristor, delivery: 'static', groups: [{ ...c.auristor.groups[0], name: 'g'.repeat(53), namespace: undefined }] } } : undefined) },
  { name: "operator PVC mount whose operator volume name passes 63", expect: /the operator's volume name .* is \d+ characters; at most 63/, apply: (c) => (c.ais?.mode === 'operator' && c.ais.targets.storage === 'localPV'
    ? { ...c, ais: { ...c.ais, targets: { ...c.ais.targets, mountpaths: [{ path: `/ais/${'d'.repeat(63)}`, size: '1Ti' }] } } } : undefined) },
  { name: 'sro group name too long for the SpecialResource', expect: /SpecialResource name .* is longer than 29 characters/, apply: (c) => (c.auristor
    ? { ...c, auristor: { ...c.auristor, delivery: 'sro', groups: [{ ...c.auristor.groups[0], name: 'g'.repeat(30) }] } } : undefined) },
  { name: 'a kernel that fits no kmod image tag', expect: /does not fit the AuriStor kmod image tag rule/, apply: (c) => (c.auristor
    ? { ...c, auristor: { ...c.auristor, groups: [{ ...c.auristor.groups[0], kernels: ['5.14.0'] }, ...c.auristor.groups.slice(1)] } } : undefined) },
  { name: 'an unquoted version', expect: /reads 2021\.05 as a number/, apply: (c) => (c.auristor
    ? { ...c, auristor: { ...c.auristor, groups: [{ ...c.auristor.groups[0], kmodVersion: 2021.05 }, ...c.auristor.groups.slice(1)] } } : undefined) },
  { name: 'Application manifests inside the synced folder', expect: /must lie outside the synced folder/, apply: (c) => (c.gitops
    ? { ...c, gitops: { argocd: { ...c.gitops.argocd, applicationsPath: `${c.gitops.argocd.path}/apps` } } } : undefined) },
  { name: 'a union value of neither kind', expect: /expected a count such as 1 or a percentage such as 10%, got true/, apply: (c) => (c.ais
    ? { ...c, ais: { ...c.ais, targetDisruptionBudget: { maxUnavailable: true } } } : undefined) },
  { name: 'monitoring thresholds out of order', expect: /warning fill level must be below/, apply: (c) => (c.ais?.monitoring
    ? { ...c, ais: { ...c.ais, monitoring: { ...c.ais.monitoring, alerts: { mountpathUsedWarningPercent: 95, mountpathUsedCriticalPercent: 90 } } } } : undefined) },
  // issue #23: SRO 4.9/4.10 with two groups, tolerations with SRO, tolerationSeconds, a pin equal to the Module version
  { name: 'SRO 4.9 with two groups', expect: /SRO 4\.9 keeps one node list for every SpecialResource/, apply: (c) => (c.auristor?.groups.length >= 2
    ? { ...c, auristor: { ...c.auristor, delivery: 'sro', sro: { ...c.auristor.sro, version: '4.9' } } } : undefined) },
  { name: 'tolerations with SRO', expect: /delivery sro cannot serve tainted nodes/, apply: (c) => (c.auristor
    ? { ...c, auristor: { ...c.auristor, delivery: 'sro', tolerations: [{ key: 'dedicated', value: 'storage', effect: 'NoSchedule' }] } } : undefined) },
  { name: 'a toleration with tolerationSeconds', expect: /tolerationSeconds is not accepted/, apply: (c) => (c.auristor && c.auristor.delivery !== 'sro'
    ? { ...c, auristor: { ...c.auristor, tolerations: [{ key: 'dedicated', effect: 'NoExecute', tolerationSeconds: 300 }] } } : undefined) },
  { name: 'a pin equal to the Module version', expect: /the version of the group's Module/, apply: (c) => {
    const group = c.auristor?.groups.find((g: any) => g.nodes?.length);
    if (!group || c.auristor.delivery !== 'kmm') return undefined;
    const version = group.kmmRevision ? `${group.kmodVersion}-r${group.kmmRevision}` : group.kmodVersion;
    const groups = c.auristor.groups.map((g: any) => (g === group ? { ...g, pinnedNodes: { [g.nodes[0]]: version } } : g));
    return { ...c, auristor: { ...c.auristor, groups } };
  } },
  { name: 'an operator-only key in standalone mode', expect: /applies only to ais\.mode: operator/, apply: (c) => (standalone(c)
    ? { ...c, ais: { ...c.ais, operator: { cleanupMetadata: true } } } : undefined) },
];

/** Text-level mutations (YAML safety). */
const TEXT_MUTATIONS: Array<{ name: string; expect: RegExp; apply: (text: string) => string }> = [
  { name: 'undefined alias', expect: /alias \*nope refers to no anchor/, apply: (t) => t.replace(/^name: .*$/m, 'name: *nope') },
  { name: 'alias bomb', expect: /aliases expand too far/, apply: (t) => `${t}x: &a [1,1,1,1,1,1,1,1,1,1]\ny: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nz: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nw: [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\n` },
  { name: 'duplicate key', expect: /invalid YAML/, apply: (t) => `${t}name: again\n` },
];

/** The mutated texts: round-robin over the mutations, each applied to the next config it fits. */
function mutatedTexts(count: number): Array<{ id: string; mutation: string; expect: RegExp; text: string }> {
  const result: Array<{ id: string; mutation: string; expect: RegExp; text: string }> = [];
  const all = [...MUTATIONS.map((m) => ({ ...m, text: false })), ...TEXT_MUTATIONS.map((m) => ({ ...m, text: true }))];
  // each config parsed once; a mutation gets a copy of it (a mutation tries several configs before one fits)
  const parsed = configs.map(({ text }) => YAML.parse(text));
  let cursor = 0;
  for (let i = 0; i < count; i++) {
    const mutation = all[i % all.length];
    for (let tries = 0; tries < configs.length; tries++) {
      const at = cursor++ % configs.length;
      const { id, text } = configs[at];
      const mutated = mutation.text ? (mutation as any).apply(text) : (() => {
        const changed = (mutation as Mutation).apply(structuredClone(parsed[at]));
        return changed && YAML.stringify(changed, { lineWidth: 0 });
      })();
      if (mutated) {
        result.push({ id, mutation: mutation.name, expect: mutation.expect, text: mutated });
        break;
      }
    }
  }
  return result;
}

describe('invalid mutations of generated configs', () => {
  const mutations = mutatedTexts(RUNS * 8);

  it(`${mutations.length} mutations: each is a config error at line:col that says what is wrong, never a crash`, () => {
    const failures: string[] = [];
    const covered = new Set<string>();
    for (const { id, mutation, expect: message, text } of mutations) {
      let problems: readonly { line: number; column: number; message: string }[] = [];
      try {
        parseConfig(text, 'cluster.yaml');
        failures.push(`${mutation} (${id}): accepted\n${text}`);
        continue;
      } catch (error) {
        if (!(error instanceof ConfigError)) {
          failures.push(`${mutation} (${id}): crashed: ${(error as Error).stack}\n${text}`);
          continue;
        }
        problems = error.problems;
      }
      if (problems.some((p) => p.line < 1 || p.column < 1)) failures.push(`${mutation} (${id}): a problem without line:col`);
      if (!problems.some((p) => message.test(p.message))) failures.push(`${mutation} (${id}): no message matches ${message}: ${problems.map((p) => p.message).join(' | ')}`);
      if (problems.some((p) => p.message.length > 600 || /Invalid (key|input)|\n\s+at /.test(p.message))) failures.push(`${mutation} (${id}): an unreadable message`);
      covered.add(mutation);
    }
    expect(failures).toEqual([]);
    expect(covered.size).toBe(MUTATIONS.length + TEXT_MUTATIONS.length);
  }, 60_000);

  it('the generator command exits 1 with file:line:col and writes nothing, for one config of each mutation', () => {
    const dir = tempDir();
    const out = path.join(dir, 'dist');
    const once = new Map(mutations.map((m) => [m.mutation, m]));
    for (const { mutation, text } of once.values()) {
      const result = runCli([writeConfig(dir, text), '--out', out]);
      expect(result.code, mutation).toBe(1);
      expect(result.stderr, mutation).toMatch(/cluster\.yaml:\d+:\d+: /);
      expect(result.stderr, mutation).not.toMatch(/\n\s+at /);
      expect(fs.existsSync(out), mutation).toBe(false);
    }
  });
});
