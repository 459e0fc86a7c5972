import { ApiObject, App, Chart } from 'cdk8s';
import { allApiObjects, apiObjectsByChart } from './all-api-objects';
import { Manifest, objectKey } from '../k8s/manifest';

/**
 * Several charts may label the same node (AIS roles and the AuriStorFS group). Two manifests of
 * one Node in an Application make Argo CD report the object twice, and in two Applications the
 * server-side applies of both (same field manager) remove each other's labels on every sync.
 * So each node is emitted once: the first chart's partial Node gets the labels and annotations
 * of the others, which are dropped. Conflicting values are an error.
 * @param objects the app's objects, when known (see `allApiObjects`)
 * @returns the objects that stay (`objects` without the dropped Nodes)
 */
export function mergeSharedNodes(app: App, objects: readonly ApiObject[] = allApiObjects(app)): ApiObject[] {
  const kept = new Map<string, ApiObject>();
  // chart path that set a label or annotation merged into a kept Node (others come from the kept Node's own chart)
  const origins = new Map<ApiObject, Map<string, string>>();
  const remaining: ApiObject[] = [];
  for (const object of objects) {
    if (object.apiVersion !== 'v1' || object.kind !== 'Node') {
      remaining.push(object);
      continue;
    }
    const first = kept.get(object.name);
    if (!first) {
      kept.set(object.name, object);
      remaining.push(object);
      continue;
    }
    const metadata = object.metadata.toJson();
    const firstMetadata = first.metadata.toJson();
    const from = Chart.of(object).node.path;
    let origin = origins.get(first);
    if (!origin) origins.set(first, origin = new Map());
    for (const [field, add] of [['labels', (k: string, v: string) => first.metadata.addLabel(k, v)], ['annotations', (k: string, v: string) => first.metadata.addAnnotation(k, v)]] as const) {
      const noun = field === 'labels' ? 'label' : 'annotation';
      for (const [key, value] of Object.entries<string>(metadata[field] ?? {})) {
        const existing: string | undefined = firstMetadata[field]?.[key];
        if (existing !== undefined && existing !== value) {
          const before = origin.get(`${noun} ${key}`) ?? Chart.of(first).node.path;
          throw new Error(`node ${object.name} gets ${noun} ${key}=${existing} from ${before} and ${key}=${value} from ${from}`);
        }
        if (existing === undefined) origin.set(`${noun} ${key}`, from);
        add(key, value);
      }
    }
    object.node.scope!.node.tryRemoveChild(object.node.id);
  }
  return remaining;
}

/**
 * Throws when two objects of the app are the same Kubernetes object (Argo CD cannot sync an object twice).
 * @param entries the app's objects in bulk (lib/k8s/bulk-objects.ts) by chart, and its ApiObjects, when known
 */
export function assertUniqueObjects(app: App, entries: ReadonlyArray<{ readonly chart: Chart; readonly entries: ReadonlyArray<ApiObject | Manifest> }>
  = apiObjectsByChart(app)): void {
  const seen = new Map<string, string>();
  for (const { chart, entries: objects } of entries) {
    const where = chart.node.path;
    for (const object of objects) {
      const key = ApiObject.isApiObject(object)
        ? objectKey({ apiVersion: object.apiVersion, kind: object.kind, metadata: { name: object.name, namespace: object.metadata.namespace } })
        : objectKey(object);
      const before = seen.get(key);
      if (before !== undefined) throw new Error(`${key} is emitted twice (by charts ${before} and ${where}): Argo CD cannot sync one object from two manifests`);
      seen.set(key, where);
    }
  }
}
