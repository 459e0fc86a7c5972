import { z } from 'zod';
import { checkAisSection } from './ais-checks';
import { aisSecurityShape, checkAisSecurity } from './ais-security-schema';
import { aisOperatorSchema, checkAisModeKeys } from './ais-operator-schema';
import { absolutePath, dnsSubdomain, image, ipv4, labelKey, labelValue, nodeName, port, quantity } from './primitives';

/** Current matching aisnode / ais-init pair (the AIS operator's Helm chart default). */
export const DEFAULT_AISNODE_IMAGE = 'docker.io/aistorage/aisnode:v4.9';
export const DEFAULT_AIS_INIT_IMAGE = 'docker.io/aistorage/ais-init:v4.9';

const labelSchema = z.strictObject({
  /** label key on the Node */
  key: labelKey,
  /** label value; default derived from the release name */
  value: labelValue.optional(),
});

const mountpathSchema = z.union([
  absolutePath,
  z.strictObject({
    /** absolute path of the mountpath on every target node (its own filesystem) */
    path: absolutePath,
    /** disk label; give several mounts the same label when they share one disk (dev clusters) */
    label: z.string().optional(),
    /** capacity, e.g. 10Ti; required for local PersistentVolumes */
    size: quantity.optional(),
  }),
], { error: 'a mountpath: an absolute path such as /ais/sda, or {path, label, size}' });

const resourcesSchema = z.strictObject({
  requests: z.strictObject({ cpu: quantity.optional(), memory: quantity.optional() }).optional(),
  limits: z.strictObject({ cpu: quantity.optional(), memory: quantity.optional() }).optional(),
});

export const aisSchema = z.strictObject({
  /** standalone: we emit the StatefulSets; operator: we emit an AIStore resource for the AIS operator */
  mode: z.enum(['standalone', 'operator']).default('standalone'),
  images: z.strictObject({
    aisnode: image.default(DEFAULT_AISNODE_IMAGE),
    init: image.default(DEFAULT_AIS_INIT_IMAGE),
    /** allow an image without a tag or with the `latest` tag */
    allowUnpinned: z.boolean().default(false),
    /** default IfNotPresent (standalone); the AIS operator always uses Always */
    pullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']).optional(),
  }).prefault({}),
  /** names of existing image pull secrets in the namespace */
  imagePullSecrets: z.array(dnsSubdomain).default([]),
  /** host directory under which each node keeps AIS state (config, cluster map) */
  statePath: absolutePath.default('/etc/ais'),
  /** host directory for AIS logs; default an emptyDir */
  logsPath: absolutePath.optional(),
  /** Kubernetes cluster DNS domain */
  clusterDomain: z.string().default('cluster.local'),
  proxies: z.strictObject({
    /** nodes that run a proxy (gateway), one per node */
    nodes: z.array(nodeName).min(1, 'at least one proxy node'),
    /** the proxy node that bootstraps the cluster as primary; default the first proxy node */
    initialPrimary: nodeName.optional(),
    resources: resourcesSchema.optional(),
  }),
  targets: z.strictObject({
    /** nodes that run a target (storage), one per node */
    nodes: z.array(nodeName).min(1, 'at least one target node'),
    /** the same mountpaths on every target node */
    mountpaths: z.array(mountpathSchema).min(1, 'at least one mountpath'),
    /** hostPath: one hostPath volume per mountpath; localPV: one local PersistentVolume per node and mountpath */
    storage: z.enum(['hostPath', 'localPV']).default('hostPath'),
    /** StorageClass name for localPV storage; default `<name>-local` */
    storageClass: dnsSubdomain.optional(),
    resources: resourcesSchema.optional(),
  }),
  ports: z.strictObject({
    /** proxy (gateway) public port */
    proxy: port.default(51080),
    /** target public port, also the target hostPort */
    target: port.default(51081),
    intraControl: port.default(51082),
    intraData: port.default(51083),
  }).prefault({}),
  gateway: z.strictObject({
    /** external IP of the gateway LoadBalancer */
    loadBalancerIP: ipv4.optional(),
    /** address pool for LoadBalancer IPs: a range a.b.c.d-a.b.c.e or a CIDR */
    addressPool: z.string().optional(),
    /** emit MetalLB IPAddressPool + L2Advertisement for the pool */
    metallb: z.boolean().default(true),
    /** extra annotations on the LoadBalancer services */
    annotations: z.record(z.string(), z.string()).default({}),
  }).optional(),
  /** one LoadBalancer per target (N+1 external IPs); cannot be toggled on an existing cluster */
  externalLB: z.boolean().default(false),
  /** run aisnode containers privileged (the Helm chart default) */
  privileged: z.boolean().default(true),
  nodeLabels: z.strictObject({
    /** manifests: partial Node objects in dist/; script: a kubectl label script beside dist/; both */
    output: z.enum(['manifests', 'script', 'both']).default('manifests'),
    target: labelSchema.prefault({ key: 'nvidia.com/ais-target' }),
    proxy: labelSchema.prefault({ key: 'nvidia.com/ais-proxy' }),
    initialPrimary: labelSchema.prefault({ key: 'nvidia.com/ais-initial-primary-proxy' }),
  }).prefault({}),
  /** HTTPS, credentials by reference, hardening objects (docs/security.md) */
  ...aisSecurityShape,
  /** AIStore settings that only the AIS operator has (ais.mode: operator) */
  operator: aisOperatorSchema.optional(),
}).superRefine(checkAisSection).superRefine(checkAisSecurity).superRefine(checkAisModeKeys);

export type AisConfig = z.output<typeof aisSchema>;
export type AisConfigInput = z.input<typeof aisSchema>;
