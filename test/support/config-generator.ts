import fc from 'fast-check';
import * as YAML from 'yaml';
import { KUBERNETES_VERSIONS } from '../../lib/k8s/version';

/**
 * Seeded generator of valid cluster configs (YAML text) across every section: node counts,
 * mountpaths, storage modes, TLS modes, standalone/operator, public address, disk marker,
 * somaxconn, monitoring, Kubernetes versions, AuriStorFS deliveries and group shapes, Argo CD
 * layouts, and edge values at the documented limits. Deterministic per seed.
 *
 * Other suites (e.g. the AIS startup contract) copy this file: keep {@link sampleConfigs}'s
 * signature stable.
 */

/** Longest release name whose generated names all fit their API-server limits (`<name>-proxy-primary` ≤ 52). */
export const MAX_RELEASE_NAME = 38;

const letter = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz');
const alnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789');

/** A DNS-1123 label starting with a letter, `min`..`max` characters (the max drawn often: an edge). */
function dnsName(min: number, max: number): fc.Arbitrary<string> {
  const length = fc.oneof({ weight: 3, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constant(max) });
  return length.chain((n) => fc.tuple(letter, fc.array(fc.oneof({ weight: 6, arbitrary: alnum }, { weight: 1, arbitrary: fc.constant('-') }),
    { minLength: n - 1, maxLength: n - 1 })).map(([first, rest]) => {
    const chars = [first, ...rest];
    if (chars[chars.length - 1] === '-') chars[chars.length - 1] = 'z';
    return chars.join('');
  }));
}

/** Node names: short hostnames, FQDN-style names, and long ones near the label-value limit. */
const nodeNames = fc.oneof(
  { weight: 4, arbitrary: fc.constant((i: number) => `node${i + 1}`) },
  { weight: 2, arbitrary: fc.constant((i: number) => `cpu${String(i + 1).padStart(2, '0')}`) },
  { weight: 1, arbitrary: fc.constant((i: number) => `worker-${i + 1}.rack2.example.com`) },
  { weight: 1, arbitrary: fc.constant((i: number) => `n${i + 1}-${'x'.repeat(40)}`) },
);

function pick<T>(items: readonly T[], count: number): T[] {
  return items.slice(0, Math.max(1, Math.min(count, items.length)));
}

const mountpathRoots = ['/ais', '/mnt/data', '/srv/ais-disks'];
/** Longest mountpath-derived volume name that fits everywhere: `mp-<volume>` (preflight) is a 63-character DNS label. */
const MAX_MOUNTPATH_VOLUME = 60;

const mountpathNames = fc.oneof(
  fc.constant((i: number) => `sd${'abcdefghij'[i]}`),
  fc.constant((i: number) => `nvme${i}n1`),
  fc.constant((i: number) => `disk_${i + 1}`),
  // at the limit: the volume name `<root as a-b>-<dir>` is exactly MAX_MOUNTPATH_VOLUME characters
  fc.constant((i: number, root: string) => `${'v'.repeat(MAX_MOUNTPATH_VOLUME - root.length - 1)}${i}`),
);

const sizes = fc.constantFrom('1Ti', '6Ti', '16Ti', '500Gi', '1.5Ti');

/**
 * Operator mode with PVCs: the operator names each mount's volume `<name><path with / as ->`, a DNS-1123 label
 * (lib/ais/operator/names.ts mountClaimTemplate). Half the configs sit exactly at 63 characters, the others use short paths.
 */
function operatorClaimMountpaths(name: string, targets: { mountpaths: Array<{ path: string; size: string }> }) {
  const atLimit = name.length % 2 === 0;
  return targets.mountpaths.map((m, i) => {
    const template = `${name}-ais-`;
    const dir = atLimit && 63 - template.length - 1 >= 1 ? `${'v'.repeat(63 - template.length - 1)}${i}` : `disk${i}`;
    return { ...m, path: `/ais/${dir}` };
  });
}

/** The `ais:` section, valid on its own; `nodes` are the fleet's node names. */
function aisSection(nodes: string[], operator: boolean) {
  return fc.record({
    proxyCount: fc.integer({ min: 1, max: 5 }),
    targetCount: fc.integer({ min: 1, max: 6 }),
    primaryIndex: fc.option(fc.nat(4), { nil: undefined }),
    mountpathCount: fc.integer({ min: 1, max: 4 }),
    root: fc.constantFrom(...mountpathRoots),
    mountpathName: mountpathNames,
    storage: fc.constantFrom('hostPath', 'localPV'),
    objectMountpaths: fc.boolean(),
    size: sizes,
    storageClass: fc.option(dnsName(3, 30), { nil: undefined }),
    ports: fc.option(fc.uniqueArray(fc.integer({ min: 1024, max: 65535 }), { minLength: 4, maxLength: 4 }), { nil: undefined }),
    gateway: fc.option(fc.record({ base: fc.integer({ min: 1, max: 200 }), extra: fc.integer({ min: 0, max: 10 }), metallb: fc.boolean(), ip: fc.boolean() }), { nil: undefined }),
    externalLB: fc.boolean(),
    tls: fc.constantFrom('none', 'issuer', 'selfSigned', 'csi', 'existingSecret'),
    clientAuth: fc.constantFrom('none', 'request', 'verifyIfGiven', 'requireAndVerify'),
    durations: fc.option(fc.constantFrom(['1h', '5m'], ['2160h', '360h'], ['24h', '1h'], ['8760h', '720h']), { nil: undefined }),
    resources: fc.option(fc.record({ cpu: fc.integer({ min: 1, max: 32 }), extraCpu: fc.integer({ min: 0, max: 8 }), memoryGi: fc.integer({ min: 1, max: 256 }) }), { nil: undefined }),
    preflight: fc.boolean(),
    output: fc.constantFrom('manifests', 'script', 'both'),
    customLabels: fc.boolean(),
    cloud: fc.boolean(),
    networkPolicy: fc.boolean(),
    pdb: fc.constantFrom(0, 1, '10%'),
    clusterDomain: fc.constantFrom('cluster.local', 'k8s.example.org'),
    statePath: fc.constantFrom('/etc/ais', '/var/lib/ais'),
    publicAddress: fc.constantFrom('nodeIP', 'nodeName'),
    diskMarker: fc.constantFrom(undefined, false, '.ais-disk-ok'),
    somaxconn: fc.constantFrom(undefined, false, 128, 4096),
    monitoring: fc.option(fc.record({ kind: fc.constantFrom('PodMonitor', 'ServiceMonitor'), release: fc.boolean(), dashboards: fc.boolean() }), { nil: undefined }),
    // addresses: node IPs (needed by verified HTTPS in node IP mode and by host-network targets), per-node public lists,
    // host-network targets, Multus attachments, who verifies the certificate
    network: fc.record({
      ips: fc.boolean(),
      publicLists: fc.constantFrom(0, 0, 1, 2),
      hostNetwork: fc.boolean(),
      attachments: fc.constantFrom('none', 'none', 'existing', 'emitted'),
      skipVerify: fc.boolean(),
      clientsVerify: fc.constantFrom(undefined, true, false),
      net: fc.integer({ min: 1, max: 250 }),
    }),
    operatorVersion: fc.constantFrom(undefined, 'v3.2.0', 'v3.3.0', 'v3.4.0'),
  }).map((g) => {
    const proxies = pick(nodes, g.proxyCount);
    const targets = pick(nodes, g.targetCount);
    const localPV = g.storage === 'localPV';
    const mountpaths = Array.from({ length: g.mountpathCount }, (_, i) => {
      const path = `${g.root}/${g.mountpathName(i, g.root)}`;
      return localPV || g.objectMountpaths ? { path, size: g.size } : path;
    });
    const section: Record<string, unknown> = {};
    if (operator) section.mode = 'operator';
    section.statePath = g.statePath;
    section.clusterDomain = g.clusterDomain;
    section.proxies = { nodes: proxies };
    if (!operator && g.primaryIndex !== undefined) (section.proxies as any).initialPrimary = proxies[g.primaryIndex % proxies.length];
    section.targets = { nodes: targets, mountpaths, ...(g.diskMarker !== undefined ? { diskMarker: g.diskMarker } : {}), ...(localPV ? { storage: 'localPV' } : {}), ...(localPV && g.storageClass ? { storageClass: g.storageClass } : {}) };
    if (g.resources) {
      const resources = {
        requests: { cpu: String(g.resources.cpu), memory: `${g.resources.memoryGi}Gi` },
        limits: { cpu: String(g.resources.cpu + g.resources.extraCpu), memory: `${g.resources.memoryGi}Gi` },
      };
      (section.targets as any).resources = resources;
      (section.proxies as any).resources = { requests: resources.requests };
    }
    if (g.ports) {
      const [proxy, target, intraControl, intraData] = g.ports;
      section.ports = { proxy, target, intraControl, intraData };
    }
    const externalLB = g.externalLB && g.gateway !== undefined;
    if (g.gateway) {
      const size = (externalLB ? targets.length + 1 : 1) + g.gateway.extra;
      const first = `10.${g.gateway.base}.0.10`;
      section.gateway = {
        addressPool: `${first}-10.${g.gateway.base}.0.${10 + size - 1}`,
        ...(g.gateway.ip || operator ? { loadBalancerIP: first } : {}),
        ...(g.gateway.metallb || operator ? {} : { metallb: false }),
      };
      if (externalLB) section.externalLB = true;
    }
    if (g.tls !== 'none') {
      const clientAuth = operator && (g.clientAuth === 'requireAndVerify') ? 'verifyIfGiven' : g.clientAuth;
      const lifetime = g.durations ? { duration: g.durations[0], renewBefore: g.durations[1] } : {};
      const tls: Record<string, unknown> = g.tls === 'existingSecret' ? { existingSecret: 'ais-tls-secret' }
        : g.tls === 'issuer' ? { certManager: { issuer: { name: 'ca-issuer' }, ...lifetime }, dnsNames: ['ais.example.com'] }
          : g.tls === 'selfSigned' ? { certManager: { selfSigned: true, ...lifetime } }
            : { csi: { issuer: { name: 'ca-issuer', kind: 'ClusterIssuer' } } };
      if (clientAuth !== 'none') tls.clientAuth = clientAuth;
      section.tls = tls;
    }
    if (g.preflight && !operator) section.preflight = true;
    if (g.output !== 'manifests' || g.customLabels) {
      section.nodeLabels = {
        ...(g.output !== 'manifests' ? { output: g.output } : {}),
        ...(g.customLabels ? { target: { key: 'example.com/ais-target', value: 'yes' }, proxy: { key: 'example.com/ais-proxy' } } : {}),
      };
    }
    if (g.cloud) section.cloud = { awsSecretName: 'aws-creds' };
    if (!g.networkPolicy) section.networkPolicy = false;
    if (operator && g.operatorVersion) section.operatorVersion = g.operatorVersion; // moved to the top-level operator: section below
    if (!operator && g.publicAddress !== 'nodeIP') section.publicAddress = g.publicAddress;
    if (!operator && g.somaxconn !== undefined) section.somaxconn = g.somaxconn;
    if (g.pdb !== 0) section.targetDisruptionBudget = { maxUnavailable: g.pdb };
    // network: what proxies and targets advertise
    const all = [...new Set([...proxies, ...targets])];
    const issued = g.tls === 'issuer' || g.tls === 'selfSigned' || g.tls === 'csi';
    const verified = !(g.network.skipVerify && g.network.clientsVerify === false);
    if (g.tls !== 'none') {
      if (g.network.skipVerify) (section.tls as Record<string, unknown>).skipVerify = true;
      if (g.network.clientsVerify !== undefined) (section.tls as Record<string, unknown>).clientsVerify = g.network.clientsVerify;
    }
    const byName = !operator && g.publicAddress === 'nodeName';
    const lists = g.network.publicLists > 0 && !externalLB && !byName;
    const hostNetwork = g.network.hostNetwork;
    // the certificate names node IPs (standalone; operator CSI certificates through the hostname map), host-network targets need theirs for the NetworkPolicy
    const needIPs = (issued && verified && !byName && !lists && (!operator || g.tls === 'csi')) || (hostNetwork && g.networkPolicy);
    const ip = (i: number) => `192.168.${g.network.net}.${i + 1}`;
    const nodesSection: Record<string, unknown> = {};
    all.forEach((node, i) => {
      const publicList = lists ? Array.from({ length: g.network.publicLists }, (_, k) => `10.${200 + k}.${g.network.net}.${i + 1}`) : undefined;
      if (publicList) nodesSection[node] = { ...(g.network.ips || needIPs ? { ip: ip(i) } : {}), public: publicList };
      else if (g.network.ips || needIPs) nodesSection[node] = ip(i);
    });
    const network: Record<string, unknown> = {};
    if (Object.keys(nodesSection).length) network.nodes = nodesSection;
    if (hostNetwork) network.targets = 'hostNetwork';
    if (g.network.attachments === 'existing') network.attachments = ['storage-net'];
    if (g.network.attachments === 'emitted') {
      network.attachments = [{ name: 'storage-net', cni: { type: 'macvlan', master: 'ens2f1', mode: 'bridge', ipam: { range: `10.99.${g.network.net}.0/24`, exclude: [`10.99.${g.network.net}.0/25`] } } }];
    }
    if (Object.keys(network).length) section.network = network;
    // operator: host-network targets need a deterministic public hostname (Node mode, or the lists' hostname map)
    if (operator && hostNetwork && !lists) section.operator = { ...(section.operator as object), publicNetDNSMode: 'Node' };
    // with CSI-issued certificates Prometheus needs the CA as a ConfigMap, which operator mode cannot take
    if (g.monitoring && g.tls === 'csi' && !operator) (section.tls as Record<string, unknown>).caConfigMap = { name: 'ais-ca' };
    if (g.monitoring && !(g.tls === 'csi' && operator)) {
      section.monitoring = {
        scrape: { kind: g.monitoring.kind },
        ...(g.monitoring.release ? { selectorLabels: { release: 'prometheus' } } : {}),
        ...(g.monitoring.dashboards ? {} : { dashboards: { enabled: false } }),
        // AIS demands client certificates and no issuer can make Prometheus one: name an existing Secret
        ...(g.tls === 'existingSecret' && g.clientAuth === 'requireAndVerify' ? { clientCertificateSecret: 'prometheus-client-tls' } : {}),
      };
    }
    return section;
  });
}

const kernels = ['4.18.0-372.9.1.el8.x86_64', '4.18.0-305.49.1.el8_4.x86_64', '5.14.0-284.11.1.el9_2.x86_64'];

/** The `auristor:` section; groups take nodes from the end of the fleet (they may share nodes with AIS). */
function auristorSection(nodes: string[]) {
  return fc.record({
    delivery: fc.constantFrom('sro', 'kmm', 'static'),
    groupCount: fc.integer({ min: 1, max: 3 }),
    bySelector: fc.boolean(),
    groupName: dnsName(3, 16), // sro: auristorfs-<name>-<n> is the SpecialResource name, at most 29 characters
    csiVersions: fc.constantFrom(['2022.09-1'], ['2022.09-1', '2022.08-1']),
    cacheManager: fc.constantFrom('auristor', 'kafs'),
    storageClasses: fc.integer({ min: 0, max: 2 }),
    persistentVolumes: fc.integer({ min: 0, max: 2 }),
    keytabs: fc.constantFrom('secret', 'hostPath', 'none'),
    openshift: fc.boolean(),
    // kmm/static: a taint on the section, on one group ([] on another), or none
    tolerations: fc.constantFrom('none', 'section', 'group'),
    // kmm: a revision of the Module, and the last node of the last node-list group pinned to the previous version
    kmmRevision: fc.constantFrom(0, 0, 1, 3),
    sroVersion: fc.constantFrom('4.9', '4.10', '4.11'),
  }).map((g) => {
    const groups = Array.from({ length: g.groupCount }, (_, i) => {
      const groupNodes = nodes.slice(nodes.length - 1 - i, nodes.length - i);
      return {
        // kmm: KMM's webhook admits Module name + namespace up to 40 characters, so auristorfs-<name> is at most 25
        // static, first group of odd-length names: 52 characters, so the default namespace auristorfs-<name> is exactly 63
        name: g.delivery === 'static' && i === 0 && g.groupName.length % 2 === 1
          ? `${g.groupName}${'x'.repeat(52 - g.groupName.length - 2)}-1`
          : `${g.delivery === 'kmm' ? g.groupName.slice(0, 12).replace(/-+$/, '') : g.groupName}-${i + 1}`,
        ...(g.bySelector && i === 0 ? { nodeSelector: { 'node-role.kubernetes.io/compute': '' } } : { nodes: groupNodes }),
        kmodVersion: '2021.05-20',
        csiVersion: g.csiVersions[i % g.csiVersions.length],
        kernels: kernels.slice(0, 1 + (i % kernels.length)),
      };
    }).filter((_, i) => i === 0 || nodes.length > i);
    const versions = new Set(groups.map((group) => group.csiVersion));
    const taint = { key: 'dedicated', value: 'storage', effect: 'NoSchedule' };
    if (g.delivery !== 'sro' && g.tolerations === 'group') {
      Object.assign(groups[groups.length - 1], { tolerations: [taint, { key: 'example.com/gpu', operator: 'Exists' }] });
      if (groups.length > 1) Object.assign(groups[0], { tolerations: [] });
    }
    if (g.delivery === 'kmm' && g.kmmRevision > 0) {
      const last = [...groups].reverse().find((group) => 'nodes' in group) as Record<string, any> | undefined;
      if (last) {
        last.kmmRevision = g.kmmRevision;
        last.pinnedNodes = { [last.nodes[last.nodes.length - 1]]: last.kmodVersion };
      }
    }
    const section: Record<string, unknown> = {
      delivery: g.delivery,
      ...(g.cacheManager !== 'auristor' ? { cacheManager: g.cacheManager } : {}),
      ...(g.openshift && g.delivery !== 'sro' ? { openshift: true } : {}),
      clientConfig: {
        configMap: 'etc-yfs',
        ...(g.keytabs === 'secret' ? { keytabSecret: 'etc-yfs-keytabs' } : g.keytabs === 'hostPath' ? { keytabHostPath: '/etc/yfs-keytabs' } : {}),
      },
      ...(g.delivery !== 'sro' && versions.size > 1 ? { csi: { controllerVersion: '2022.09-1' } } : {}),
      ...(g.delivery === 'kmm' ? { kmm: { kmmLayoutImages: true, registry: 'registry.example.com/auristorfs-kmm' } } : {}),
      // several groups need SRO 4.11 (the rulebook refuses 4.9 and 4.10); one group may name any release
      ...(g.delivery === 'sro' && (groups.length > 1 || g.sroVersion !== '4.9') ? { sro: { version: groups.length > 1 ? '4.11' : g.sroVersion } } : {}),
      ...(g.delivery !== 'sro' && g.tolerations === 'section' ? { tolerations: [taint] } : {}),
      groups,
    };
    if (g.storageClasses > 0) {
      section.storageClasses = Array.from({ length: g.storageClasses }, (_, i) => (i === 0
        ? { name: 'auristorfs-root', mountType: 'root' }
        : { name: `auristorfs-vol-${i}`, cell: 'auristor.com', volume: `k8s.vol${i}` }));
    }
    if (g.persistentVolumes > 0) {
      section.persistentVolumes = Array.from({ length: g.persistentVolumes }, (_, i) => ({
        name: `auristorfs-pv-${i}`, cell: 'auristor.com', volume: `k8s.pv${i}`, ...(i === 1 ? { claim: { namespace: 'web', name: 'data' } } : {}),
      }));
    }
    return section;
  });
}

const argocd = fc.option(fc.record({
  layout: fc.constantFrom(undefined, 'single', 'appOfApps'),
  automated: fc.boolean(),
  prune: fc.boolean(),
  path: fc.constantFrom('dist', 'clusters/lab/dist'),
}), { nil: undefined }).map((g) => g && {
  argocd: {
    repoURL: 'https://git.example.com/storage.git',
    path: g.path,
    ...(g.layout ? { layout: g.layout } : {}),
    ...(g.automated ? { automated: true, ...(g.prune ? { prune: true } : {}) } : {}),
  },
});

/** A valid cluster config as a plain object (what the YAML text holds). */
export const clusterConfigs: fc.Arbitrary<Record<string, unknown>> = fc.record({
  name: dnsName(1, MAX_RELEASE_NAME),
  namespace: fc.option(dnsName(2, 63), { nil: undefined }),
  nodeCount: fc.integer({ min: 1, max: 8 }),
  nodeName: nodeNames,
  sections: fc.constantFrom('ais', 'ais', 'auristor', 'both'),
  operator: fc.boolean(),
  gitops: argocd,
  kubernetesVersion: fc.constantFrom(undefined, ...KUBERNETES_VERSIONS),
}).chain((g) => {
  const nodes = Array.from({ length: g.nodeCount }, (_, i) => g.nodeName(i));
  const withAis = g.sections !== 'auristor';
  const withAuristor = g.sections !== 'ais';
  return fc.record({
    ais: withAis ? aisSection(nodes, g.operator) : fc.constant(undefined),
    auristor: withAuristor ? auristorSection(nodes) : fc.constant(undefined),
  }).map(({ ais, auristor }) => {
    const config: Record<string, unknown> = { name: g.name };
    if (g.namespace) config.namespace = g.namespace;
    if (g.kubernetesVersion) config.kubernetesVersion = g.kubernetesVersion;
    if (ais) config.ais = ais;
    if (auristor) config.auristor = auristor;
    if (g.gitops) config.gitops = g.gitops;
    if (ais && g.operator && (ais.targets as any).storage === 'localPV') (ais.targets as any).mountpaths = operatorClaimMountpaths(g.name, ais.targets as any);
    if (ais && g.operator && (ais.tls as any)?.clientAuth && (ais.tls as any).clientAuth !== 'none') {
      config.operator = { clientCert: { issuer: { name: 'ca-issuer' } } };
    }
    if (ais && g.operator) {
      // the operator's pods need status.hostIPs: Kubernetes 1.29, or 1.28 with the PodHostIPs gate
      if (!g.kubernetesVersion || g.kubernetesVersion === '1.28') {
        if (g.name.length % 2 === 0) config.kubernetesVersion = '1.29';
        else config.kubernetesFeatureGates = { PodHostIPs: true };
      }
      const version = (ais as any).operatorVersion;
      if (version) config.operator = { ...(config.operator as object), version };
    }
    if (ais) delete (ais as any).operatorVersion;
    return config;
  });
});

/** `count` valid configs as YAML texts, the same for the same seed; ids are `seed-<seed>-<index>`. */
export function sampleConfigs(count: number, seed: number): Array<{ id: string; text: string }> {
  return fc.sample(clusterConfigs, { numRuns: count, seed }).map((config, index) => ({
    id: `seed-${seed}-${index}`,
    text: YAML.stringify(config, { lineWidth: 0 }),
  }));
}

/** What a monitoring config varies beyond {@link clusterConfigs}: disk media, aisnode release, alert groups, scrape interval. */
const monitoringVariants = fc.record({
  media: fc.constantFrom(undefined, 'hdd', 'nvme'),
  aisnode: fc.constantFrom(undefined, 'v4.9', 'v5.0', 'digest'),
  groups: fc.option(fc.subarray(['stateFlags', 'errors', 'capacity', 'rateLimit', 'kubernetes', 'scrape'], { minLength: 1 }), { nil: undefined }),
  interval: fc.constantFrom(undefined, '15s', '1m', '45s'),
});

/** Variants the first configs take, so every sample covers each media, release and the 45s interval whatever the generator draws. */
const COVERING_VARIANTS = [
  { media: 'hdd', aisnode: 'v4.9', interval: '45s' },
  { media: 'nvme', aisnode: 'v5.0' },
  { media: undefined, aisnode: 'digest' },
] as const;

/**
 * `count` valid configs with AIS monitoring, each with a disk media, aisnode image (a version tag or a digest only),
 * alert groups and scrape interval; ids `monitoring-<seed>-<index>`. The first two are one standalone and one
 * operator-mode config and the first three take {@link COVERING_VARIANTS}, so that even a small sample covers both
 * modes, every media and every release kind.
 */
export function monitoringConfigs(count: number, seed: number): Array<{ id: string; text: string }> {
  const withMonitoring = clusterConfigs.filter((c) => (c.ais as any)?.monitoring !== undefined);
  const pool = fc.sample(fc.tuple(withMonitoring, monitoringVariants), { numRuns: Math.max(count * 8, 40), seed });
  const isOperator = ([config]: (typeof pool)[number]) => (config.ais as any).mode === 'operator';
  const first = [pool.find((p) => !isOperator(p)), pool.find(isOperator)].filter((p) => p !== undefined);
  const picked = [...first, ...pool.filter((p) => !first.includes(p))].slice(0, count);
  return picked.map(([config, drawn], index) => {
    const v = { ...drawn, ...(COVERING_VARIANTS[index] ?? {}) };
    const ais = config.ais as any;
    if (v.media) ais.targets.media = v.media;
    if (v.aisnode === 'digest') ais.images = { aisnode: `docker.io/aistorage/aisnode@sha256:${'ab'.repeat(32)}` };
    else if (v.aisnode) ais.images = { aisnode: `docker.io/aistorage/aisnode:${v.aisnode}`, init: `docker.io/aistorage/ais-init:${v.aisnode}` };
    if (v.groups) ais.monitoring.alerts = { groups: v.groups };
    if (v.interval) ais.monitoring.scrape.interval = v.interval;
    return { id: `monitoring-${seed}-${index}`, text: YAML.stringify(config, { lineWidth: 0 }) };
  });
}
