/**
 * Equivalence tests for the fast paths of issue 8 (Performance): each shortcut gives exactly what
 * the plain way gives, on every object of every example and on the cases the shortcut steps aside for.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ApiObject, App, Chart, Lazy } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../lib/config/load';
import { buildApp } from '../lib/generator/build';
import { annotationOf } from '../lib/gitops/argo-annotations';
import { EXAMPLES } from './support/cli';

const EXAMPLE_FILES = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));
const buildExample = (file: string) => buildApp(parseConfig(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'), file));

describe('annotationOf reads what metadata.toJson() renders', () => {
  it.each(EXAMPLE_FILES)('for every annotation of every object of %s', (file) => {
    for (const object of buildExample(file).node.findAll().filter(ApiObject.isApiObject)) {
      const annotations: Record<string, string> = object.metadata.toJson().annotations ?? {};
      for (const key of [...Object.keys(annotations), 'argocd.argoproj.io/sync-options', 'not-there']) {
        expect(annotationOf(object, key)).toBe(annotations[key]);
      }
    }
  });

  it('for token values (resolved through toJson)', () => {
    const cm = new k8s.KubeConfigMap(new Chart(new App(), 'c'), 'cm', { metadata: { name: 'x' } });
    cm.metadata.addAnnotation('lazy', Lazy.any({ produce: () => 'produced' }) as unknown as string);
    expect(annotationOf(cm, 'lazy')).toBe('produced');
  });
});
