import { ApiObject, App } from 'cdk8s';

/** Every API object of the app, chart by chart, in construct order. */
export function allApiObjects(app: App): ApiObject[] {
  return app.charts.flatMap((chart) => chart.node.findAll().filter(ApiObject.isApiObject));
}
