import { z } from 'zod';

/**
 * The `auristor:` section of the cluster config (AuriStorFS client: kmod + CSI per node group).
 * STUB: owned by the AuriStorFS work (issue 5); replaced there.
 */
export const auristorSchema = z.strictObject({});

export type AuristorConfig = z.output<typeof auristorSchema>;
