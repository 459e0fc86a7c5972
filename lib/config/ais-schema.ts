import * as z from 'zod';
import {
  DEFAULT_AISNODE_IMAGE, DEFAULT_AIS_INIT_IMAGE, DEFAULT_CLUSTER_DOMAIN, DEFAULT_DISK_MARKER, DEFAULT_NODE_LABEL_KEYS, DEFAULT_PORTS,
  DEFAULT_PRIVILEGED, DEFAULT_SOMAXCONN, DEFAULT_STATE_PATH, AIS_VALUE_LIMITS,
} from '../ais/defaults';
import { aisSecurityShape, checkTlsKeys } from './ais-security-schema';
import { aisOperatorSchema, checkAisModeKeys } from './ais-operator-schema';
import { monitoringSchema } from './monitoring-schema';
import { DNS_1123_SUBDOMAIN, IPV4, absolutePath, dnsSubdomain, image, ipv4, labelKey, labelValue, nodeName, port, quantity } from './primitives';

export { DEFAULT_AISNODE_IMAGE, DEFAULT_AIS_INIT_IMAGE };

const labelSchema = z.strictObject({
  key: labelKey.describe('label key on the Node'),
  value: labelValue.optional().describe('label value; default derived from the release name'),
}).describe('a node label: key and value');

const mountpathSchema = z.union([
  absolutePath,
  z.strictObject({
    path: absolutePath.describe('absolute path of the mountpath on every target node (its own filesystem)'),
    label: z.string().optional().describe('disk label; give several mounts the same label when they share one disk (dev clusters)'),
    size: quantity.optional().describe('capacity, e.g. 10Ti; required for local PersistentVolumes'),
  }),
], { error: 'a mountpath: an absolute path such as /ais/sda, or {path, label, size}' })
  .describe('a mountpath: an absolute path such as /ais/sda, or {path, label, size}');

const cpuMemory = z.strictObject({
  cpu: quantity.optional().describe('CPU, e.g. 4 or 500m'),
  memory: quantity.optional().describe('memory, e.g. 16Gi'),
});

const resourcesSchema = z.strictObject({
  requests: cpuMemory.optional().describe('what the scheduler reserves for each container'),
  limits: cpuMemory.optional().describe('the most each container may use'),
}).describe('CPU and memory requests and limits of the aisnode containers');

/** A public address of a node: an IPv4 address or a DNS name (one per entry; aisnode splits the list at ','). */
const publicHost = z.string().refine((host) => IPV4.test(host) || (host.length <= 253 && DNS_1123_SUBDOMAIN.test(host)),
  'an IPv4 address such as 10.10.0.11 or a DNS name such as stor01.example.com');

const nodeAddressesSchema = z.union([
  ipv4,
  z.strictObject({
    ip: ipv4.optional().describe("the node's Kubernetes IP (status.hostIP, kubelet --node-ip)"),
    public: z.array(publicHost).meta({ minItems: 1 })
      .describe('what the node\'s proxy and target advertise instead of the node IP: the first is the primary public address, more are AIS multi-homing; give it for every AIS node or none')
      .optional(),
  }),
], { error: 'the node\'s IP, or {ip, public: [addresses]}' }).describe('the node\'s IP (its Kubernetes IP, status.hostIP), or {ip, public}');

const ipv4Cidr = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/, 'a CIDR such as 10.11.0.0/24');

const attachmentSchema = z.union([
  dnsSubdomain,
  z.strictObject({
    name: dnsSubdomain.describe('name of the NetworkAttachmentDefinition in the cluster namespace'),
    cni: z.strictObject({
      type: z.enum(['macvlan', 'ipvlan']).describe('the CNI plugin that makes the interface'),
      master: z.string().min(1).describe('host interface the sub-interfaces hang off, e.g. ens7f1'),
      mode: z.string().optional().describe('macvlan: bridge (default), private, vepa, passthru; ipvlan: l2 (default), l3, l3s'),
      mtu: z.number().int('a whole number').optional().describe("MTU of the interface; default the master's"),
      ipam: z.strictObject({
        range: ipv4Cidr.describe('CIDR the pod addresses come from (whereabouts)'),
        exclude: z.array(ipv4Cidr).default([]).describe('CIDRs of the range never handed out (the nodes\' own addresses, the gateway)'),
        gateway: ipv4.optional().describe('default gateway of the interface'),
      }).describe('whereabouts IPAM: addresses from a cluster-wide range'),
    }).optional().describe('emit the NetworkAttachmentDefinition with this CNI config; without it the definition must exist before sync'),
  }),
], { error: 'a NetworkAttachmentDefinition name, or {name, cni}' })
  .describe('a Multus attachment: the name of a NetworkAttachmentDefinition, or {name, cni} to emit it');

const networkSchema = z.strictObject({
  nodes: z.record(nodeName, nodeAddressesSchema).default({})
    .describe('node name → its IP, or {ip, public: [addresses]}: what proxies and targets advertise (HTTPS certificates name them) and where host-network targets listen'),
  targets: z.enum(['pod', 'hostNetwork']).default('pod')
    .describe('pod: targets on the pod network; hostNetwork: on the node network, so intra-cluster traffic uses the network of the node IP (kubelet --node-ip)'),
  attachments: z.array(attachmentSchema).default([])
    .describe('Multus attachments of the AIS pods (annotation k8s.v1.cni.cncf.io/networks), for public multi-homing; host-network targets get none'),
}).describe('node addresses, host-network targets and Multus attachments; see README "Networks"');

export const aisSchema = z.strictObject({
  mode: z.enum(['standalone', 'operator']).default('standalone')
    .describe('standalone: we emit the StatefulSets; operator: we emit an AIStore resource for the AIS operator'),
  images: z.strictObject({
    aisnode: image.default(DEFAULT_AISNODE_IMAGE).describe('the aisnode image (proxies and targets)'),
    init: image.default(DEFAULT_AIS_INIT_IMAGE).describe('the ais-init image of the init container; keep it at the aisnode release'),
    allowUnpinned: z.boolean().default(false).describe('allow an image without a tag or with the `latest` tag'),
    pullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).optional()
      .describe('default IfNotPresent (standalone); the AIS operator always uses Always'),
  }).prefault({}).describe('container images of the AIS pods'),
  imagePullSecrets: z.array(dnsSubdomain).default([]).describe('names of existing image pull secrets in the namespace'),
  statePath: absolutePath.default(DEFAULT_STATE_PATH).describe('host directory under which each node keeps AIS state (config, cluster map)'),
  logsPath: absolutePath.optional().describe('host directory for AIS logs; default an emptyDir'),
  clusterDomain: z.string().default(DEFAULT_CLUSTER_DOMAIN).describe('Kubernetes cluster DNS domain'),
  proxies: z.strictObject({
    nodes: z.array(nodeName).meta({ minItems: 1 }).describe('nodes that run a proxy (gateway), one per node'),
    initialPrimary: nodeName.optional().describe('the proxy node that bootstraps the cluster as primary; default the first proxy node'),
    resources: resourcesSchema.optional(),
  }).describe('the proxies (gateways)'),
  targets: z.strictObject({
    nodes: z.array(nodeName).meta({ minItems: 1 }).describe('nodes that run a target (storage), one per node'),
    mountpaths: z.array(mountpathSchema).meta({ minItems: 1 }).describe('the same mountpaths on every target node'),
    storage: z.enum(['hostPath', 'localPV']).default('hostPath')
      .describe('hostPath: one hostPath volume per mountpath; localPV: one local PersistentVolume per node and mountpath'),
    storageClass: dnsSubdomain.optional().describe('StorageClass name for localPV storage; default `<name>-local`'),
    media: z.enum(['hdd', 'nvme']).optional()
      .describe('what the mountpath disks are: with monitoring, hdd gets the disk utilisation alert, nvme the latency alerts; unset: neither (a warning)'),
    diskMarker: z.union([z.string().meta({ pattern: AIS_VALUE_LIMITS.diskMarkerPattern }), z.literal(false)], { error: `a directory name such as ${DEFAULT_DISK_MARKER}, or false` }).default(DEFAULT_DISK_MARKER)
      .describe('directory created on each mountpath filesystem after mounting; targets do not start while it is missing (disk not mounted); false: no check'),
    resources: resourcesSchema.optional(),
  }).describe('the targets (storage nodes)'),
  ports: z.strictObject({
    proxy: port.default(DEFAULT_PORTS.proxy).describe('proxy (gateway) public port'),
    target: port.default(DEFAULT_PORTS.target).describe('target public port, also the target hostPort'),
    intraControl: port.default(DEFAULT_PORTS.intraControl).describe('intra-cluster control port'),
    intraData: port.default(DEFAULT_PORTS.intraData).describe('intra-cluster data port'),
  }).prefault({}).describe('AIS ports'),
  gateway: z.strictObject({
    loadBalancerIP: ipv4.optional().describe('external IP of the gateway LoadBalancer'),
    addressPool: z.string().optional().describe('address pool for LoadBalancer IPs: a range a.b.c.d-a.b.c.e or a CIDR'),
    metallb: z.boolean().default(true).describe('emit MetalLB IPAddressPool + L2Advertisement for the pool'),
    annotations: z.record(z.string(), z.string()).default({}).describe('extra annotations on the LoadBalancer services'),
  }).optional().describe('the gateway LoadBalancer service'),
  publicAddress: z.enum(['nodeIP', 'nodeName']).default('nodeIP')
    .describe('what each proxy and target advertises to clients, the ais CLI and each other (standalone): its node IP, or its node name (which clients must resolve)'),
  network: networkSchema.prefault({}),
  externalLB: z.boolean().default(false).describe('one LoadBalancer per target (N+1 external IPs); cannot be toggled on an existing cluster'),
  privileged: z.boolean().default(DEFAULT_PRIVILEGED).describe('run aisnode containers privileged (the Helm chart default)'),
  somaxconn: z.union([z.number().int('a whole number').meta({ ...AIS_VALUE_LIMITS.somaxconn }), z.literal(false)],
    { error: `a listen backlog such as ${DEFAULT_SOMAXCONN}, or false for no pod sysctl` }).default(DEFAULT_SOMAXCONN)
    .describe('net.core.somaxconn pod sysctl of the AIS pods (kubelet must allow it: --allowed-unsafe-sysctls=net.core.somaxconn); false: none'),
  preflight: z.boolean().default(false)
    .describe('emit a DaemonSet <name>-preflight that checks on every target node that each mountpath exists and is its own filesystem (Ready when it is)'),
  nodeLabels: z.strictObject({
    output: z.enum(['manifests', 'script', 'both']).default('manifests')
      .describe('manifests: partial Node objects in dist/; script: a kubectl label script beside dist/; both'),
    target: labelSchema.prefault({ key: DEFAULT_NODE_LABEL_KEYS.target }),
    proxy: labelSchema.prefault({ key: DEFAULT_NODE_LABEL_KEYS.proxy }),
    initialPrimary: labelSchema.prefault({ key: DEFAULT_NODE_LABEL_KEYS.initialPrimary }),
  }).prefault({}).describe('node labels that place the AIS pods, and how they are applied'),
  // HTTPS, credentials by reference, hardening objects (docs/security.md)
  ...aisSecurityShape,
  operator: aisOperatorSchema.optional().describe('AIStore settings that only the AIS operator has (ais.mode: operator)'),
  monitoring: monitoringSchema.optional(),
}).superRefine(checkTlsKeys).superRefine(checkAisModeKeys)
  .describe('the AIStore cluster: proxies, targets and their mountpaths, images, ports, gateway, security');

export type AisConfig = z.output<typeof aisSchema>;
export type AisConfigInput = z.input<typeof aisSchema>;
