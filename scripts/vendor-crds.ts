/**
 * Copies the upstream CRD schemas we build objects for from ../shared/crds into crds/,
 * with every `description` removed (they are long and carry no validation rules), so that
 * `cdk8s import` generates small L1 classes and the tests validate against the same schema.
 *
 * Run: `npx tsx scripts/vendor-crds.ts` then `npx cdk8s import` (see cdk8s.yaml).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as YAML from 'yaml';

const SHARED = path.resolve(__dirname, '..', '..', 'shared', 'crds');
const OUT = path.resolve(__dirname, '..', 'crds');

const SOURCES: Array<{ from: string; to: string }> = [
  { from: 'ais/ais.nvidia.com_aistores.yaml', to: 'ais.nvidia.com_aistores.yaml' },
  { from: 'sro/sro.openshift.io_specialresources.yaml', to: 'sro.openshift.io_specialresources.yaml' },
  { from: 'kmm/kmm.sigs.x-k8s.io_modules.yaml', to: 'kmm.sigs.x-k8s.io_modules.yaml' },
];

function stripDescriptions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDescriptions);
  if (value && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === 'description' && typeof child === 'string') continue;
      result[key] = stripDescriptions(child);
    }
    return result;
  }
  return value;
}

fs.mkdirSync(OUT, { recursive: true });
for (const source of SOURCES) {
  const docs = YAML.parseAllDocuments(fs.readFileSync(path.join(SHARED, source.from), 'utf8'))
    .map((doc) => doc.toJS())
    .filter((doc) => doc);
  const text = docs.map((doc) => YAML.stringify(stripDescriptions(doc), { lineWidth: 0 })).join('---\n');
  fs.writeFileSync(path.join(OUT, source.to), `# vendored from ../shared/crds/${source.from} (descriptions removed); see crds/SOURCE.md\n${text}`);
  console.log(`${source.to}: ${text.length} bytes`);
}
