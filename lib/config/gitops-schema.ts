import { z } from 'zod';

/**
 * The `gitops:` section of the cluster config (Argo CD Application, sync behaviour).
 * STUB: owned by the GitOps work (issue 6); replaced there.
 */
export const gitopsSchema = z.strictObject({});

export type GitopsConfig = z.output<typeof gitopsSchema>;
