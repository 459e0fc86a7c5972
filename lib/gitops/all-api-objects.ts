import { ApiObject, App, Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';

/** The API objects of one chart: those it holds nearest (not those of charts nested in it). */
export interface ChartObjects {
  readonly chart: Chart;
  readonly objects: ApiObject[];
}

/**
 * The API objects of every chart of the app, in `app.charts` order, each chart's objects in
 * construct order (`chart.node.findAll()` filtered to the objects whose `Chart.of` is the chart).
 * One walk of the tree and one `app.charts` (cdk8s builds a dependency graph of every construct
 * for it): the GitOps passes and the synth share it instead of walking the tree each.
 */
export function apiObjectsByChart(app: App): ChartObjects[] {
  return app.charts.map((chart) => {
    const objects: ApiObject[] = [];
    const visit = (construct: IConstruct) => {
      if (ApiObject.isApiObject(construct)) objects.push(construct);
      for (const child of construct.node.children) if (!Chart.isChart(child)) visit(child);
    };
    visit(chart);
    return { chart, objects };
  });
}

/** Every API object of the app, chart by chart, in construct order; each once (in the chart holding it nearest). */
export function allApiObjects(app: App): ApiObject[] {
  return apiObjectsByChart(app).flatMap((entry) => entry.objects);
}
