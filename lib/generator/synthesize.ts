import { ApiObject, App, Chart } from 'cdk8s';
import { withFastRendering } from '../output/fast-to-json';
import { toYamlStream } from '../output/yaml';

/** A Kubernetes object as written to YAML. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: any;
}

/** What one synth produces, in memory, before anything touches the disk. */
export interface SynthOutput {
  /** file name (relative to the output dir) → YAML text; in a stable order */
  readonly files: ReadonlyMap<string, string>;
  /** every object, in file order */
  readonly manifests: readonly Manifest[];
}

/** `ais/node-labels` → `ais-node-labels.yaml`: the chart's construct path names its file. */
export function chartFileName(chart: Chart): string {
  return `${chart.node.path.split('/').filter(Boolean).join('-').toLowerCase()}.yaml`;
}

/**
 * Synthesizes every chart of the app into one YAML file per chart, in memory.
 * Runs the constructs' validations first, as `cdk8s synth` does. Charts without objects
 * produce no file.
 */
export function synthesize(app: App): SynthOutput {
  return withFastRendering(app, () => synthesizeCharts(app));
}

function synthesizeCharts(app: App): SynthOutput {
  const errors = app.node.findAll().flatMap((c) => c.node.validate().map((message) => `${c.node.path}: ${message}`));
  if (errors.length > 0) throw new Error(`validation failed:\n${errors.join('\n')}`);

  const files = new Map<string, string>();
  const manifests: Manifest[] = [];
  for (const chart of app.charts) {
    const objects = chart.node.findAll()
      .filter((c): c is ApiObject => ApiObject.isApiObject(c) && Chart.of(c) === chart)
      .map((o) => o.toJson() as Manifest);
    if (objects.length === 0) continue;
    const name = chartFileName(chart);
    if (files.has(name)) throw new Error(`two charts write ${name}; give them distinct ids`);
    files.set(name, toYamlStream(objects));
    manifests.push(...objects);
  }
  return { files: new Map([...files].sort(([a], [b]) => a.localeCompare(b))), manifests };
}
