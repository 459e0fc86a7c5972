/**
 * The AIS startup contract (test/support/startup-contract.ts) over the output of every standalone
 * example and of 60 seeded generated standalone configs: every rule holds for every output, and each
 * rule catches the breakage it exists for (mutation tests on the reference output).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../lib/from-config/load';
import { buildApp } from '../lib/generator/build';
import { synthesize } from '../lib/gitops/synthesize';
import { planReport } from '../lib/report/plan';
import { sampleConfigs } from './support/config-generator';
import { ContractInput, STARTUP_CONTRACT, aisPods } from './support/startup-contract';

const EXAMPLES = path.resolve(__dirname, '..', 'examples');

function contractInput(text: string, file: string): ContractInput {
  const config = parseConfig(text, file);
  const manifests = synthesize(buildApp(config)).manifests;
  return { config, manifests, plan: planReport(config, manifests, file) };
}

const isStandalone = (input: ContractInput) => input.config.ais !== undefined && input.config.ais.mode === 'standalone';

const examples = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort()
  .map((f) => ({ id: `examples/${f}`, input: contractInput(fs.readFileSync(path.join(EXAMPLES, f), 'utf8'), `examples/${f}`) }))
  .filter((c) => isStandalone(c.input));
const generated = sampleConfigs(200, 12).map((c) => ({ id: c.id, input: contractInput(c.text, `${c.id}.yaml`) }))
  .filter((c) => isStandalone(c.input)).slice(0, 60);

describe('startup contract', () => {
  it('covers every standalone example and at least 50 generated standalone configs', () => {
    expect(examples.map((e) => e.id)).toEqual(expect.arrayContaining(['examples/reference.yaml', 'examples/minimal.yaml', 'examples/https.yaml', 'examples/local-pv.yaml']));
    expect(generated.length).toBeGreaterThanOrEqual(50);
    // the matrix reaches the variants the rules branch on
    const variants = (pick: (c: ContractInput) => unknown) => new Set(generated.map((g) => String(pick(g.input))));
    expect(variants((c) => c.config.ais!.externalLB)).toEqual(new Set(['true', 'false']));
    expect(variants((c) => c.config.ais!.targets.storage)).toEqual(new Set(['hostPath', 'localPV']));
    expect(variants((c) => c.config.ais!.tls !== undefined)).toEqual(new Set(['true', 'false']));
  });

  it('every rule names its upstream source', () => {
    for (const rule of STARTUP_CONTRACT) expect(rule.source, rule.id).toMatch(/\.(go|md)\b|release notes|scheduler/);
  });

  describe.each([...examples, ...generated])('$id', ({ input }) => {
    it.each(STARTUP_CONTRACT.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
      expect(rule.check(input)).toEqual([]);
    });
  });
});

describe('each rule catches what it is for (reference output, mutated)', () => {
  const reference = examples.find((e) => e.id === 'examples/reference.yaml')!.input;
  const rule = (id: string) => STARTUP_CONTRACT.find((r) => r.id === id)!;
  /** The reference output with `mutate` applied to a deep copy. */
  const mutated = (mutate: (manifests: any[], input: ContractInput) => void, overrides: Partial<ContractInput> = {}): ContractInput => {
    const manifests = JSON.parse(JSON.stringify(reference.manifests));
    const input = { ...reference, ...overrides, manifests };
    mutate(manifests, input);
    return input;
  };
  const byKindName = (manifests: any[], kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
  const podsOf = (manifests: any[]) => aisPods(manifests);

  it('the reference output passes every rule', () => {
    for (const r of STARTUP_CONTRACT) expect(r.check(reference), r.id).toEqual([]);
  });

  it('service-account-token: a pod without a token', () => {
    const input = mutated((ms) => { podsOf(ms)[0].spec.automountServiceAccountToken = false; });
    expect(rule('service-account-token').check(input)).toEqual(['StatefulSet demo-proxy-primary: no service account token (automountServiceAccountToken false)']);
  });

  it('rbac: no Role, or a Role with more than AIS calls', () => {
    const noRole = mutated((ms) => { ms.splice(ms.findIndex((m) => m.kind === 'Role'), 1); });
    expect(rule('rbac-exactly-what-ais-calls').check(noRole)).toContain('StatefulSet demo-target: ServiceAccount demo-sa may not pods get (aisnode/ais-init need it)');
    const wide = mutated((ms) => { ms.find((m) => m.kind === 'Role').rules[0].verbs.push('list'); });
    expect(rule('rbac-exactly-what-ais-calls').check(wide)).toContain('StatefulSet demo-target: ServiceAccount demo-sa is granted pods:list that no AIS container calls');
  });

  it('identity-env: ais-init without MY_POD', () => {
    const input = mutated((ms) => { const init = podsOf(ms)[2].init; init.env = init.env.filter((e: any) => e.name !== 'MY_POD'); });
    expect(rule('identity-env').check(input)).toEqual(['StatefulSet demo-target: ais-init lacks MY_POD from metadata.name']);
  });

  it('downward API: status.hostIPs is rejected on 1.28, accepted on 1.29', () => {
    const add = (ms: any[]) => { podsOf(ms)[2].init.env.push({ name: 'HOST_IPS', valueFrom: { fieldRef: { fieldPath: 'status.hostIPs' } } }); };
    expect(rule('downward-api-fields-of-the-target-version').check(mutated(add))).toEqual([
      'StatefulSet demo-target, container populate-env: env HOST_IPS from status.hostIPs, which a 1.28 API server rejects',
    ]);
    expect(rule('downward-api-fields-of-the-target-version').check(mutated(add, { config: { ...reference.config, kubernetesVersion: '1.29' } }))).toEqual([]);
  });

  it('sysctls: an unsafe sysctl the plan does not allow', () => {
    const input = mutated(() => undefined, { plan: reference.plan.replace(/--allowed-unsafe-sysctls=\S+/, '') });
    expect(rule('unsafe-sysctls-allowed-in-plan').check(input)).toContain('StatefulSet demo-target: unsafe sysctl net.core.somaxconn not in the PLAN.md kubelet allow-list');
  });

  it('primary_url: another domain, or a Service that hides not-ready pods', () => {
    const domain = mutated((ms) => {
      const cm = byKindName(ms, 'ConfigMap', 'demo-global-cm');
      cm.data['ais.json'] = cm.data['ais.json'].replaceAll('svc.cluster.local', 'svc.aiscluster.local');
    });
    expect(rule('primary-url-names-a-pod-of-a-headless-service').check(domain)[0]).toMatch(/not <pod>\.<service>\.ais\.svc\.cluster\.local/);
    const hidden = mutated((ms) => { byKindName(ms, 'Service', 'demo-proxy').spec.publishNotReadyAddresses = false; });
    expect(rule('primary-url-names-a-pod-of-a-headless-service').check(hidden)).toEqual(['Service demo-proxy: not-ready pods unresolvable, the cluster cannot bootstrap']);
  });

  it('ports/args/probes: a probe on the wrong port, aisnode reading another config', () => {
    const input = mutated((ms) => {
      const target = podsOf(ms)[2].aisnode;
      target.readinessProbe.httpGet.port = 8080;
      target.args[0] = '-config=/etc/ais/ais.json';
    });
    expect(rule('ports-args-probes-as-aisnode-reads-them').check(input)).toEqual([
      'StatefulSet demo-target: aisnode -config is not what ais-init writes',
      'StatefulSet demo-target: readiness probe port 8080 is not 51081',
    ]);
  });

  it('pod security: a namespace without the privileged level', () => {
    const input = mutated((ms) => { delete byKindName(ms, 'Namespace', 'ais').metadata.labels['pod-security.kubernetes.io/enforce']; });
    expect(rule('pod-security-admission').check(input)).toHaveLength(3);
  });

  it('MetalLB: only the new annotation keys, or no MetalLB prerequisite in PLAN.md', () => {
    const input = mutated((ms) => { delete byKindName(ms, 'Service', 'demo-proxy-lb').metadata.annotations['metallb.universe.tf/address-pool']; });
    expect(rule('metallb-reads-its-annotations').check(input)).toEqual(['Service demo-proxy-lb: metallb.io/address-pool without its metallb.universe.tf twin']);
    const noPrereq = mutated(() => undefined, { plan: reference.plan.replace(/ipaddresspools\.metallb\.io/, 'x') });
    expect(rule('metallb-reads-its-annotations').check(noPrereq)).toEqual(['PLAN.md does not list MetalLB with its version range before the first sync']);
  });

  it('initial primary: the old node-pinned primary StatefulSet', () => {
    const input = mutated((ms) => { podsOf(ms)[0].spec.nodeSelector['nvidia.com/ais-initial-primary-proxy'] = 'demo-ais'; });
    expect(rule('nothing-pinned-to-the-initial-primary-label').check(input)).toEqual(['StatefulSet demo-proxy-primary: required placement on nvidia.com/ais-initial-primary-proxy']);
  });

  it('unmounted disks: a mountpath without its marker check', () => {
    const input = mutated((ms) => { const spec = podsOf(ms)[2].spec; spec.volumes = spec.volumes.filter((v: any) => v.name !== 'disk-check-3'); });
    expect(rule('no-writes-to-an-unmounted-disk').check(input)).toEqual(['StatefulSet demo-target: nothing checks that /ais/sdd is mounted (no mounted Directory hostPath /ais/sdd/.ais-disk)']);
  });

  it('config change: a template change without a new restart-hash', () => {
    const input = mutated((ms) => { const cm = byKindName(ms, 'ConfigMap', 'demo-target'); cm.data['ais_local.json'] = cm.data['ais_local.json'].replace('51081', '51091'); });
    expect(rule('config-change-rolls-pods').check(input)).toHaveLength(1);
  });

  it('https: a target node IP missing from the certificate of examples/https.yaml', () => {
    const https = examples.find((e) => e.id === 'examples/https.yaml')!.input;
    const manifests = JSON.parse(JSON.stringify(https.manifests));
    const cert = manifests.find((m: any) => m.kind === 'Certificate');
    cert.spec.ipAddresses = cert.spec.ipAddresses.filter((ip: string) => ip !== '10.20.0.22');
    expect(rule('https-certificate-names-what-targets-advertise').check({ ...https, manifests }))
      .toEqual(['StatefulSet secure-target: advertised address 10.20.0.22 is not in the certificate']);
  });

  it('drains: a budget of 0 the config did not ask for', () => {
    const input = mutated((ms) => { ms.find((m) => m.kind === 'PodDisruptionBudget').spec.maxUnavailable = 0; });
    expect(rule('drains-can-proceed').check(input)).toEqual(['PodDisruptionBudget demo-target: maxUnavailable 0 blocks every drain']);
  });
});
