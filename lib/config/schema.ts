import { z } from 'zod';
import { aisSchema } from './ais-schema';
import { checkOperatorSettings, operatorSettingsSchema } from './ais-operator-schema';
import { auristorSchema } from './auristor-schema';
import { gitopsSchema } from './gitops-schema';
import { dnsLabel } from './primitives';

/** The cluster config file: one release of a storage fleet. */
export const clusterConfigSchema = z.strictObject({
  /** release name, a DNS-1123 label; prefixes every object name */
  name: dnsLabel.max(40, 'at most 40 characters (it prefixes object names)'),
  /** namespace of all namespaced objects */
  namespace: dnsLabel.default('ais'),
  ais: aisSchema.optional(),
  auristor: auristorSchema.optional(),
  gitops: gitopsSchema.optional(),
  /** settings of the AIS operator install (ais.mode: operator) */
  operator: operatorSettingsSchema.optional(),
}).superRefine(checkOperatorSettings);

export type ClusterConfig = z.output<typeof clusterConfigSchema>;
export type ClusterConfigInput = z.input<typeof clusterConfigSchema>;
