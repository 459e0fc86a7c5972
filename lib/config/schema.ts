import * as z from 'zod';
import { aisSchema } from './ais-schema';
import { checkOperatorSection, operatorSettingsSchema } from './ais-operator-schema';
import { auristorSchema } from './auristor-schema';
import { gitopsSchema } from './gitops-schema';
import { DEFAULT_NAMESPACE } from '../ais/defaults';
import { DNS_1123_LABEL, dnsLabel } from './primitives';
import { DEFAULT_KUBERNETES_VERSION, KUBERNETES_VERSIONS } from '../k8s/version';

/** The loosest limit on the release name, a DNS-1123 label (see `name`). */
export const RELEASE_NAME_MAX_LENGTH = 63;

/** The cluster config file: one release of a storage fleet. */
export const clusterConfigSchema = z.strictObject({
  // how long the name may be depends on the objects derived from it (an AIS cluster's rulebook reports its mode's limit,
  // the GitOps rulebook 63 otherwise): the editor schema carries the loosest, 63 (docs/rulebooks.md)
  name: z.string().regex(DNS_1123_LABEL, "a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit")
    .meta({ maxLength: RELEASE_NAME_MAX_LENGTH })
    .describe(`release name, a DNS-1123 label; prefixes every object name. At most ${RELEASE_NAME_MAX_LENGTH} characters, `
      + 'and fewer with an AIS cluster, whose derived names must fit (standalone mode: 38; operator mode: 45; fewer with many targets or per-target LoadBalancers): the loader reports the limit of the mode at the name'),
  namespace: dnsLabel.default(DEFAULT_NAMESPACE).describe('namespace of all namespaced objects'),
  kubernetesVersion: z.preprocess((value, ctx) => {
    if (typeof value !== 'number') return value;
    // YAML reads 1.30 as the number 1.3: say how to quote it rather than report a bare type error (only once)
    ctx.addIssue({ code: 'custom', message: `YAML reads ${value} as a number; quote the version ("${DEFAULT_KUBERNETES_VERSION}")`,
      params: { sentence: true }, input: value });
    return DEFAULT_KUBERNETES_VERSION;
  }, z.string().refine((v) => (KUBERNETES_VERSIONS as readonly string[]).includes(v), { error: `a supported Kubernetes version: ${KUBERNETES_VERSIONS.join(', ')}` }))
    .default(DEFAULT_KUBERNETES_VERSION)
    .meta({ enum: [...KUBERNETES_VERSIONS] }) // for editors: the preprocess hides the accepted values
    .describe('Kubernetes minor version of the cluster the output is applied to, quoted (default "1.28"): fields that version does not accept are left out'),
  kubernetesFeatureGates: z.strictObject({
    PodHostIPs: z.boolean().optional().describe('the API servers run with --feature-gates=PodHostIPs=true (on by default from 1.29): status.hostIPs, which the AIS operator uses, is accepted on 1.28'),
  }).optional().describe('feature gates of the cluster\'s API servers beyond the defaults of kubernetesVersion that the output may rely on'),
  ais: aisSchema.optional(),
  auristor: auristorSchema.optional(),
  gitops: gitopsSchema.optional(),
  operator: operatorSettingsSchema.optional().describe('settings of the AIS operator install (ais.mode: operator)'),
}).superRefine((config, ctx) => {
  if (!config.ais && !config.auristor) {
    ctx.addIssue({ code: 'custom', path: [], params: { sentence: true }, input: undefined,
      message: 'nothing to generate: add an `ais:` section (an AIStore cluster) or an `auristor:` section (AuriStorFS clients)' });
  }
}).superRefine(checkOperatorSection)
  .describe('One release of a bare-metal storage fleet: an AIStore cluster and/or AuriStorFS clients. See README.md.');

export type ClusterConfig = z.output<typeof clusterConfigSchema>;
export type ClusterConfigInput = z.input<typeof clusterConfigSchema>;
