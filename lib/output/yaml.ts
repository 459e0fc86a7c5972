import * as YAML from 'yaml';

/**
 * Serializes manifests as a multi-document YAML stream, the way cdk8s does
 * (no line folding), so the same objects always give the same bytes.
 */
export function toYamlStream(manifests: readonly unknown[]): string {
  return manifests.map((manifest) => YAML.stringify(manifest, { lineWidth: 0 })).join('---\n');
}
