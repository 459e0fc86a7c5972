import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, App, Chart, JsonPatch, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../lib/from-config/load';
import { buildApp } from '../../lib/generator/build';
import { withFastRendering } from '../../lib/output/fast-to-json';
import { EXAMPLES } from '../support/cli';

const render = (app: App) => app.node.findAll().filter(ApiObject.isApiObject).map((o) => JSON.stringify(o.toJson()));

describe('fast rendering gives exactly what cdk8s renders', () => {
  it.each(fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')))('for every object of %s', (file) => {
    const app = buildApp(parseConfig(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'), file));
    const stock = render(app);
    expect(withFastRendering(app, () => render(app))).toEqual(stock);
  });

  it('for Lazy values, IntOrString/Quantity unions, JSON patches, empty metadata and extra metadata keys', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const cm = new k8s.KubeConfigMap(chart, 'cm', {
      metadata: { name: 'x', labels: {}, annotations: { b: '1', a: '2' }, finalizers: [] },
      data: { z: 'last', a: 'first' },
    });
    cm.metadata.add('generateName', 'gen-');
    // extra metadata keys given at construction (the spread path) and only the usual ones (no spread)
    new k8s.KubeConfigMap(chart, 'extra', { metadata: { name: 'y', namespace: 'ns', uid: 'u-1', resourceVersion: '7', labels: { b: 'x', a: 'y' } } });
    new ApiObject(chart, 'usual', { apiVersion: 'v1', kind: 'Thing', metadata: { name: 'usual', namespace: undefined, labels: { a: 'b' }, annotations: {} } });
    new k8s.KubeService(chart, 'svc', { metadata: { name: 'svc' }, spec: { ports: [{ port: 80, targetPort: k8s.IntOrString.fromString('http') }], clusterIp: undefined } });
    new ApiObject(chart, 'raw', { apiVersion: 'v1', kind: 'Thing', metadata: { name: 'raw' }, spec: Lazy.any({ produce: () => ({ q: k8s.Quantity.fromString('1Gi'), n: null, list: [] }) }) })
      .addJsonPatch(JsonPatch.add('/spec/added', true));
    const stockToJson = ApiObject.prototype.toJson;
    const stock = render(app);
    expect(withFastRendering(app, () => render(app))).toEqual(stock);
    expect(ApiObject.prototype.toJson).toBe(stockToJson); // restored afterwards
  });

  it('for Lazy metadata, nested tokens, unsorted output (CDK8S_DISABLE_SORT) and objects without patches', () => {
    const app = new App();
    const chart = new Chart(app, 'c');
    const cm = new k8s.KubeConfigMap(chart, 'cm', {
      metadata: { name: 'y', annotations: { z: Lazy.any({ produce: () => 'late' }) as unknown as string }, labels: { b: 'x', a: 'y' } },
      data: { b: Lazy.any({ produce: () => Lazy.any({ produce: () => 'deep' }) }) as unknown as string, a: 'x' },
    });
    cm.metadata.add('uid', Lazy.any({ produce: () => undefined }));
    new ApiObject(chart, 'list', { apiVersion: 'v1', kind: 'List', metadata: { name: 'l' }, items: [null, [], {}, { b: [k8s.Quantity.fromNumber(2)], a: {} }] });
    for (const disable of [undefined, '1']) {
      if (disable) process.env.CDK8S_DISABLE_SORT = disable;
      try {
        const stock = render(app);
        expect(withFastRendering(app, () => render(app))).toEqual(stock);
      } finally {
        delete process.env.CDK8S_DISABLE_SORT;
      }
    }
  });

  it('steps aside when the app has custom resolvers', () => {
    const app = new App({ resolvers: [{ resolve: (ctx) => { if (ctx.value === 'secret') ctx.replaceValue('resolved'); } }] });
    new k8s.KubeConfigMap(new Chart(app, 'c'), 'cm', { metadata: { name: 'x' }, data: { k: 'secret' } });
    expect(withFastRendering(app, () => render(app))).toEqual(render(app));
    expect(render(app)[0]).toContain('resolved');
  });
});
