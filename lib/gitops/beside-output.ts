import { Chart } from 'cdk8s';

/**
 * A chart written outside the synced output folder (the Argo CD Applications), to
 * `besideOutputFile`, a '/'-separated path relative to the output folder (e.g. `../argocd/demo.yaml`).
 */
export interface BesideOutputChart extends Chart {
  readonly besideOutputFile: string;
}

export function isBesideOutputChart(chart: Chart): chart is BesideOutputChart {
  return typeof (chart as Partial<BesideOutputChart>).besideOutputFile === 'string';
}
