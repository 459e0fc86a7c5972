/** An object that must exist in the cluster before Argo CD syncs the generated YAML. */
export interface Prerequisite {
  readonly kind: string;
  readonly name: string;
  /** @default - cluster-scoped */
  readonly namespace?: string;
  /**
   * Keys it must hold (Secrets, ConfigMaps).
   * @default - any
   */
  readonly keys?: readonly string[];
  /** what it is for */
  readonly purpose: string;
}

/** `Secret ais/aws-creds (keys config, credentials): AWS backend credentials of the targets`, one per line. */
export function formatPrerequisites(prerequisites: readonly Prerequisite[]): string {
  if (prerequisites.length === 0) return '';
  const lines = prerequisites.map((p) => {
    const name = p.namespace ? `${p.namespace}/${p.name}` : p.name;
    const keys = p.keys?.length ? ` (key${p.keys.length > 1 ? 's' : ''} ${p.keys.join(', ')})` : '';
    return `  ${p.kind} ${name}${keys}: ${p.purpose}`;
  });
  return ['must exist before sync:', ...lines].join('\n');
}
