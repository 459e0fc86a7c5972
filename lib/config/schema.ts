import { z } from 'zod';
import { aisSchema } from './ais-schema';
import { checkOperatorSettings, operatorSettingsSchema } from './ais-operator-schema';
import { auristorSchema } from './auristor-schema';
import { gitopsSchema } from './gitops-schema';
import { dnsLabel } from './primitives';

/** The cluster config file: one release of a storage fleet. */
export const clusterConfigSchema = z.strictObject({
  name: dnsLabel.max(40, 'at most 40 characters (it prefixes object names)').describe('release name, a DNS-1123 label; prefixes every object name'),
  namespace: dnsLabel.default('ais').describe('namespace of all namespaced objects'),
  ais: aisSchema.optional(),
  auristor: auristorSchema.optional(),
  gitops: gitopsSchema.optional(),
  operator: operatorSettingsSchema.optional().describe('settings of the AIS operator install (ais.mode: operator)'),
}).superRefine((config, ctx) => {
  if (!config.ais && !config.auristor) {
    ctx.addIssue({ code: 'custom', path: [], params: { sentence: true }, input: undefined,
      message: 'nothing to generate: add an `ais:` section (an AIStore cluster) or an `auristor:` section (AuriStorFS clients)' });
  }
}).superRefine(checkOperatorSettings)
  .describe('One release of a bare-metal storage fleet: an AIStore cluster and/or AuriStorFS clients. See README.md.');

export type ClusterConfig = z.output<typeof clusterConfigSchema>;
export type ClusterConfigInput = z.input<typeof clusterConfigSchema>;
