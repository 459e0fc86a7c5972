import { ApiObject, App, Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { childrenOf, materializeAll, pendingManifests } from '../k8s/bulk-objects';
import type { Manifest } from '../k8s/manifest';

/** The API objects of one chart: those it holds nearest (not those of charts nested in it). */
export interface ChartObjects {
  readonly chart: Chart;
  readonly objects: ApiObject[];
  /**
   * the chart's objects in construct order, those kept in bulk (lib/k8s/bulk-objects.ts) as their
   * manifests (mutable: the GitOps passes annotate them)
   */
  readonly entries: Array<ApiObject | Manifest>;
}

/**
 * The API objects of every chart of the app, in `app.charts` order, each chart's objects in
 * construct order (`chart.node.findAll()` filtered to the objects whose `Chart.of` is the chart),
 * from one walk of the tree. The GitOps passes and the synth share it instead of walking the tree
 * each.
 *
 * `app.charts` builds a dependency graph of every construct (keyed by path) and sorts it
 * topologically: ~50 ms per call on 12,000 objects. When no construct has a dependency, every
 * construct is a root of that graph, in the order of an object keyed by construct path, which
 * the walk reproduces with an object keyed the same way; with dependencies, `app.charts` itself
 * gives the order. test/perf-equivalence.test.ts checks both against cdk8s.
 */
export function apiObjectsByChart(app: App): ChartObjects[] {
  const byPath: Record<string, ChartObjects> = {};
  const byChart = new Map<Chart, ChartObjects>();
  let dependencies = false;
  let bulkKept = false;
  const visit = (construct: IConstruct, nearest: ChartObjects | undefined) => {
    if (!dependencies && construct.node.dependencies.length > 0) dependencies = true;
    let chart = nearest;
    if (Chart.isChart(construct)) {
      chart = { chart: construct, objects: [], entries: [] };
      byPath[construct.node.path] = chart;
      byChart.set(construct, chart);
    } else if (chart && ApiObject.isApiObject(construct)) {
      chart.objects.push(construct);
      chart.entries.push(construct);
    }
    for (const child of childrenOf(construct)) visit(child, chart);
    // objects kept in bulk come after the construct's other children (where they go as ApiObjects)
    const bulk = pendingManifests(construct);
    if (bulk) {
      bulkKept = true;
      chart?.entries.push(...bulk);
    }
  };
  visit(app, undefined);
  if (!dependencies) return Object.values(byPath);
  if (bulkKept) {
    // cdk8s orders dependent charts from a graph of every construct, which makes them all ApiObjects: walk those
    materializeAll(app);
    return apiObjectsByChart(app);
  }
  return app.charts.map((chart) => byChart.get(chart)!);
}

/** Every API object of the app, chart by chart, in construct order; each once (in the chart holding it nearest). */
export function allApiObjects(app: App): ApiObject[] {
  return apiObjectsByChart(app).flatMap((entry) => entry.objects);
}

/** Every object of the app kept in bulk, as its manifest (see {@link ChartObjects.entries}). */
export function allBulkManifests(app: App): Manifest[] {
  return apiObjectsByChart(app).flatMap((entry) => entry.entries.filter((e): e is Manifest => !ApiObject.isApiObject(e)));
}
