/**
 * The day-2 changes the simulator runs, as structural edits of a cluster config (parsed YAML). Each
 * returns the edited config and the node it is about (the adversarial placement puts target 0 and the
 * primary there), or undefined when it does not apply (removing the only target, a backend that is
 * not there...).
 */
import * as YAML from 'yaml';

export type Config = Record<string, any>;

export interface Change {
  readonly config: Config;
  /** the node the change takes out or replaces */
  readonly focus?: string;
}

export interface ChangeKind {
  readonly id: string;
  readonly apply: (config: Config) => Change | undefined;
  /** the runbook takes the cluster down on purpose (protocol switch, release removed): no availability check */
  readonly outage?: boolean;
}

const copy = (config: Config): Config => structuredClone(config);
const ais = (config: Config) => config.ais ?? {};
const standalone = (config: Config) => ais(config).mode !== 'operator';
const nodesOf = (config: Config, role: 'proxies' | 'targets'): string[] => ais(config)[role]?.nodes ?? [];
const allNodes = (config: Config) => [...new Set([...nodesOf(config, 'proxies'), ...nodesOf(config, 'targets')])];
/** A node name the config does not use yet, in the style of its names. */
function newNode(config: Config): string {
  const taken = new Set(allNodes(config));
  for (let i = 1; ; i++) {
    const name = `spare${i}`;
    if (!taken.has(name)) return name;
  }
}
const mountpathPath = (m: string | { path: string }) => (typeof m === 'string' ? m : m.path);

/** A mountpath entry like the config's (a plain path or an object with a size). */
function mountpathLike(config: Config, path: string): string | { path: string; size: string } {
  const first = ais(config).targets.mountpaths[0];
  return typeof first === 'string' ? path : { ...first, path };
}

/**
 * Keeps `ais.network.nodes` (an IP, or IP and public addresses, per AIS node: lib/ais/network/addressing.ts) in
 * step with the node lists: entries of nodes that left go, nodes that joined get one shaped like the others.
 * `needIPs`: every node gets an IP (a certificate that must name them: HTTPS switched on, node IPs advertised).
 */
function fixNodeIPs(config: Config, needIPs = false): Config {
  if (!config.ais.network?.nodes && !needIPs) return config;
  config.ais.network ??= {};
  const entries: Record<string, any> = (config.ais.network.nodes ??= {});
  const nodes = allNodes(config);
  for (const node of Object.keys(entries)) if (!nodes.includes(node)) delete entries[node];
  const sample = Object.values(entries)[0];
  let n = 200;
  for (const node of nodes) {
    if (entries[node] !== undefined) continue;
    const ip = `10.99.0.${n}`;
    entries[node] = typeof sample === 'object'
      ? { ...(sample.ip !== undefined ? { ip } : {}), ...(sample.public ? { public: sample.public.map((_: string, k: number) => `10.98.${k}.${n}`) } : {}) }
      : ip;
    n++;
  }
  return config;
}

/** Replaces a node in one or both role lists. */
function replaceNode(config: Config, old: string, replacement: string, roles: Array<'proxies' | 'targets'>): Config {
  const next = copy(config);
  for (const role of roles) {
    const list: string[] = next.ais[role].nodes;
    const i = list.indexOf(old);
    if (i >= 0) list[i] = replacement;
  }
  if (next.ais.proxies?.initialPrimary === old && roles.includes('proxies')) next.ais.proxies.initialPrimary = replacement;
  return fixNodeIPs(next);
}

const tlsOn = (config: Config) => ais(config).tls !== undefined;

export const CHANGE_KINDS: readonly ChangeKind[] = [
  {
    id: 'target-node-replaced',
    apply: (config) => {
      const node = nodesOf(config, 'targets').at(-1);
      // the only proxy cannot move (its ID is its node's): the runbook refuses, see the matrix test
      if (!node || (nodesOf(config, 'proxies').length === 1 && nodesOf(config, 'proxies')[0] === node)) return undefined;
      const roles: Array<'proxies' | 'targets'> = nodesOf(config, 'proxies').includes(node) ? ['proxies', 'targets'] : ['targets'];
      return { config: replaceNode(config, node, newNode(config), roles), focus: node };
    },
  },
  {
    id: 'target-removed-first',
    apply: (config) => {
      const targets = nodesOf(config, 'targets');
      if (targets.length < 2 || !standalone(config)) return undefined;
      const next = copy(config);
      next.ais.targets.nodes = targets.slice(1);
      return { config: fixNodeIPs(next), focus: targets[0] };
    },
  },
  {
    id: 'target-removed-last',
    apply: (config) => {
      const targets = nodesOf(config, 'targets');
      if (targets.length < 2 || !standalone(config)) return undefined;
      const next = copy(config);
      next.ais.targets.nodes = targets.slice(0, -1);
      return { config: fixNodeIPs(next), focus: targets.at(-1) };
    },
  },
  {
    id: 'target-added',
    apply: (config) => {
      const next = copy(config);
      const node = newNode(config);
      next.ais.targets.nodes = [...nodesOf(config, 'targets'), node];
      const gateway = next.ais.gateway;
      if (next.ais.externalLB && gateway?.addressPool) widenPool(gateway, 1);
      return { config: fixNodeIPs(next) };
    },
  },
  {
    id: 'proxy-removed',
    apply: (config) => {
      const proxies = nodesOf(config, 'proxies');
      if (proxies.length < 3 || !standalone(config)) return undefined;
      const gone = proxies.find((n) => n !== ais(config).proxies.initialPrimary) ?? proxies[1];
      const next = copy(config);
      next.ais.proxies.nodes = proxies.filter((n) => n !== gone);
      return { config: fixNodeIPs(next), focus: gone };
    },
  },
  {
    id: 'proxy-added',
    apply: (config) => {
      const next = copy(config);
      next.ais.proxies.nodes = [...nodesOf(config, 'proxies'), newNode(config)];
      return { config: fixNodeIPs(next) };
    },
  },
  {
    id: 'proxy-node-replaced',
    apply: (config) => {
      const proxies = nodesOf(config, 'proxies');
      const node = proxies.find((n) => !nodesOf(config, 'targets').includes(n) && n !== ais(config).proxies.initialPrimary)
        ?? proxies.find((n) => n !== ais(config).proxies.initialPrimary);
      if (!node || proxies.length < 2) return undefined;
      return { config: replaceNode(config, node, newNode(config), ['proxies']), focus: node };
    },
  },
  {
    id: 'mountpath-added',
    apply: (config) => {
      if (!standalone(config)) return undefined;
      const next = copy(config);
      const first = mountpathPath(next.ais.targets.mountpaths[0]);
      next.ais.targets.mountpaths.push(mountpathLike(config, `${first.slice(0, first.lastIndexOf('/'))}/added0`));
      return { config: next };
    },
  },
  {
    id: 'mountpath-removed',
    apply: (config) => {
      if (!standalone(config) || ais(config).targets.mountpaths.length < 2) return undefined;
      const next = copy(config);
      next.ais.targets.mountpaths = next.ais.targets.mountpaths.slice(0, -1);
      return { config: next };
    },
  },
  {
    id: 'mountpath-renamed',
    apply: (config) => {
      // renaming the only mountpath is two changes (add, then remove): a target needs one attached throughout
      if (!standalone(config) || ais(config).targets.mountpaths.length < 2) return undefined;
      const next = copy(config);
      const list = next.ais.targets.mountpaths;
      const last = mountpathPath(list.at(-1));
      list[list.length - 1] = mountpathLike(config, `${last.slice(0, last.lastIndexOf('/'))}/renamed0`);
      return { config: next };
    },
  },
  {
    id: 'cloud-backend-added',
    apply: (config) => {
      if (ais(config).cloud?.gcpSecretName) return undefined;
      const next = copy(config);
      next.ais.cloud = { ...(next.ais.cloud ?? {}), gcpSecretName: 'gcp-creds' };
      return { config: next };
    },
  },
  {
    id: 'cloud-backend-removed',
    apply: (config) => {
      if (!ais(config).cloud) return undefined;
      const next = copy(config);
      const secrets = Object.values(next.ais.cloud) as string[];
      delete next.ais.cloud;
      const remote = next.ais.externalSecrets?.remoteKeys;
      if (remote) for (const secret of secrets) delete remote[secret];
      return { config: next };
    },
  },
  {
    id: 'tracing-added',
    apply: (config) => {
      if (ais(config).tracing) return undefined;
      const next = copy(config);
      next.ais.tracing = { exporterEndpoint: 'otel-collector.monitoring:4317' };
      return { config: next };
    },
  },
  {
    id: 'tracing-changed',
    apply: (config) => {
      const next = copy(config);
      next.ais.tracing = { ...(next.ais.tracing ?? { exporterEndpoint: 'otel-collector.monitoring:4317' }), samplerProbability: 0.25 };
      return JSON.stringify(next) === JSON.stringify(config) ? undefined : { config: next };
    },
  },
  {
    id: 'authn-added',
    apply: (config) => {
      if (ais(config).authn) return undefined;
      const next = copy(config);
      next.ais.authn = { signingKeySecretName: 'ais-authn' };
      return { config: next };
    },
  },
  {
    id: 'tls-skip-verify-changed',
    apply: (config) => {
      if (!tlsOn(config)) return undefined;
      const next = copy(config);
      next.ais.tls.skipVerify = !(next.ais.tls.skipVerify ?? false);
      return { config: next };
    },
  },
  {
    id: 'target-resources-changed',
    apply: (config) => {
      const next = copy(config);
      next.ais.targets.resources = { requests: { cpu: '3', memory: '7Gi' } };
      return { config: next };
    },
  },
  {
    id: 'proxy-resources-changed',
    apply: (config) => {
      const next = copy(config);
      next.ais.proxies.resources = { requests: { cpu: '3', memory: '5Gi' } };
      return { config: next };
    },
  },
  {
    id: 'upgrade-5.0',
    apply: (config) => {
      const next = copy(config);
      next.ais.images = { ...(next.ais.images ?? {}), aisnode: 'docker.io/aistorage/aisnode:v5.0', init: 'docker.io/aistorage/ais-init:v5.0' };
      return { config: next };
    },
  },
  {
    id: 'protocol-switched',
    outage: true,
    apply: (config) => {
      if (!standalone(config)) return undefined;
      const next = copy(config);
      if (tlsOn(config)) delete next.ais.tls;
      else next.ais.tls = { certManager: { selfSigned: true } };
      // verified HTTPS on node IPs: the certificate names each node's IP
      return { config: tlsOn(next) && ais(next).publicAddress !== 'nodeName' ? fixNodeIPs(next, true) : next };
    },
  },
  {
    id: 'issuer-changed',
    apply: (config) => {
      const issuer = ais(config).tls?.certManager?.issuer;
      if (!issuer) return undefined;
      const next = copy(config);
      next.ais.tls.certManager.issuer = { ...issuer, name: `${issuer.name}-next` };
      return { config: next };
    },
  },
];

/** Widens a MetalLB pool `a.b.c.d-a.b.c.e` by `n` addresses. */
function widenPool(gateway: { addressPool: string }, n: number): void {
  const [first, last] = gateway.addressPool.split('-');
  const parts = last.split('.');
  parts[3] = String(Number(parts[3]) + n);
  gateway.addressPool = `${first}-${parts.join('.')}`;
}

export const parseConfig = (text: string): Config => YAML.parse(text);
export const configText = (config: Config): string => YAML.stringify(config, { lineWidth: 0 });
