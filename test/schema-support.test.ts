import { describe, expect, it } from 'vitest';
import { validateManifest } from './support/schema';

describe('schema validation support', () => {
  it('accepts a valid core object and rejects a wrong type', async () => {
    expect(await validateManifest({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: { ports: [{ port: 80 }] } })).toEqual([]);
    const problems = await validateManifest({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'a' }, spec: { ports: [{ port: 'eighty' }] } });
    expect(problems.join()).toMatch(/port must be integer/);
  });

  it('rejects an unknown field in a custom resource, as the API server would prune it', async () => {
    const module = { apiVersion: 'kmm.sigs.x-k8s.io/v1beta1', kind: 'Module', metadata: { name: 'yfs' },
      spec: { selector: { a: 'b' }, moduleLoader: { container: { modprobe: { moduleName: 'yfs' }, kernelMappings: [{ literal: '1', containerImage: 'x:1' }] } } } };
    expect(await validateManifest(module)).toEqual([]);
    const bad = { ...module, spec: { ...module.spec, selectr: {} } };
    expect((await validateManifest(bad)).join()).toMatch(/additional properties/);
  });

  it('validates third-party CRs (cert-manager) and reports unknown kinds', async () => {
    const cert = { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'c' }, spec: { secretName: 's', issuerRef: { name: 'i' } } };
    expect(await validateManifest(cert)).toEqual([]);
    expect((await validateManifest({ ...cert, spec: { issuerRef: { name: 'i' } } })).join()).toMatch(/secretName/);
    expect((await validateManifest({ apiVersion: 'example.com/v1', kind: 'Thing', metadata: { name: 'x' } })).join()).toMatch(/no schema known/);
  });

  it('rejects an unknown field in a core object (strict, as fieldValidation=Strict) and validates MetalLB', async () => {
    const sts = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's' },
      spec: { serviceName: 's', selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'i:1' }] } } } };
    expect(await validateManifest(sts)).toEqual([]);
    const typo = { ...sts, spec: { ...sts.spec, template: { ...sts.spec.template, spec: { containers: [{ name: 'c', image: 'i:1', imagePullPolicyy: 'Always' }] } } } };
    expect((await validateManifest(typo)).join()).toMatch(/containers\/0 must NOT have additional properties.*imagePullPolicyy/);
    const pool = { apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name: 'p', namespace: 'm' }, spec: { addresses: ['10.0.0.1-10.0.0.2'], autoAssign: false } };
    expect(await validateManifest(pool)).toEqual([]);
    expect((await validateManifest({ ...pool, metadata: { name: 'p', labelz: {} } as any })).join()).toMatch(/metadata.*additional properties/);
  });
});
