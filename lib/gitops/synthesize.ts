import { ApiObject, App, Chart } from 'cdk8s';
import { apiObjectsByChart } from './all-api-objects';
import { allConstructs, bulkYaml } from '../k8s/bulk-objects';
import { isBesideOutputChart } from './beside-output';
import { withFastRendering } from '../output/fast-to-json';
import { isWrittenPlain, toYaml } from '../output/yaml';

import type { Manifest } from '../k8s/manifest';
import { compareNames } from '../k8s/name-order';


/** What one synth produces, in memory, before anything touches the disk. */
export interface SynthOutput {
  /** file name (relative to the output dir) → YAML text; in a stable order */
  readonly files: ReadonlyMap<string, string>;
  /** every object, in file order */
  readonly manifests: readonly Manifest[];
  /**
   * files written beside the output dir, not in it (the Argo CD Applications), keyed by a
   * '/'-path relative to the output dir such as `../argocd/demo.yaml`
   */
  readonly beside: ReadonlyMap<string, string>;
  /** the objects of each file of `files` and `beside`, in document order (what each text was rendered from) */
  readonly objectsByFile: ReadonlyMap<string, readonly Manifest[]>;
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
  const errors = allConstructs(app).flatMap((c) => c.node.validate().map((message) => `${c.node.path}: ${message}`));
  if (errors.length > 0) throw new Error(`validation failed:\n${errors.join('\n')}`);

  const files = new Map<string, string>();
  const beside = new Map<string, string>();
  const objectsByFile = new Map<string, readonly Manifest[]>();
  const manifests: Manifest[] = [];
  for (const entry of apiObjectsByChart(app)) {
    const chart = entry.chart;
    const objects = entry.entries.map((o) => (ApiObject.isApiObject(o) ? o.toJson() as Manifest : o));
    if (objects.length === 0) continue;
    // toYamlStream, with the objects kept in bulk written from their shape's template
    const text = objects.map((o) => bulkYaml(o, toYaml, isWrittenPlain) ?? toYaml(o)).join('---\n');
    if (isBesideOutputChart(chart)) {
      beside.set(chart.besideOutputFile, text);
      objectsByFile.set(chart.besideOutputFile, objects);
      continue;
    }
    const name = chartFileName(chart);
    if (files.has(name)) throw new Error(`two charts write ${name}; give them distinct ids`);
    files.set(name, text);
    objectsByFile.set(name, objects);
    manifests.push(...objects);
  }
  const sorted = (map: Map<string, string>) => new Map([...map].sort(([a], [b]) => compareNames(a, b)));
  return { files: sorted(files), manifests, beside: sorted(beside), objectsByFile };
}
