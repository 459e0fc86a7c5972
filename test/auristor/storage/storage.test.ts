import { Deployment, k8s } from 'cdk8s-plus-28';
import { describe, expect, it } from 'vitest';
import { auristorInlineVolume, auristorPlusVolume } from '../../../lib/auristor/storage/inline-volume';
import { AuristorMount } from '../../../lib/auristor/storage/mount';
import { AuristorPersistentVolume } from '../../../lib/auristor/storage/persistent-volume';
import { AuristorReclaimPolicy, AuristorStorageClass } from '../../../lib/auristor/storage/storage-class';
import { expectValid, find, synth } from '../../support/auristor';

const demo = { 'mount-type': 'volume', 'cell-name': 'auristor.com', 'volume-name': 'k8s.demo' };

describe('AuristorMount', () => {
  it('gives the mount-type attributes of a cell volume or of the root', () => {
    expect(AuristorMount.volume('auristor.com', 'k8s.demo').attributes).toEqual(demo);
    expect(AuristorMount.root().attributes).toEqual({ 'mount-type': 'root' });
    expect(() => AuristorMount.volume('', 'k8s.demo')).toThrowError('an AuriStorFS volume mount needs a cell name');
    expect(() => AuristorMount.volume('auristor.com', ' ')).toThrowError('an AuriStorFS volume mount needs a volume name (cell "auristor.com")');
  });
});

describe('storage helpers', () => {
  it('StorageClass: AuriStorFS provisioner, mount as parameters, wait for the first consumer', async () => {
    const objects = synth((chart) => {
      new AuristorStorageClass(chart, 'a', { name: 'afs-demo', mount: AuristorMount.volume('auristor.com', 'k8s.demo') });
      new AuristorStorageClass(chart, 'b', { name: 'afs-root', mount: AuristorMount.root(), reclaimPolicy: AuristorReclaimPolicy.RETAIN });
    });
    const sc = find(objects, 'StorageClass', 'afs-demo');
    expect(sc.provisioner).toBe('auristorfs.csi.auristor.com');
    expect(sc.parameters).toEqual(demo);
    expect(sc.reclaimPolicy).toBe('Delete');
    expect(sc.volumeBindingMode).toBe('WaitForFirstConsumer');
    const root = find(objects, 'StorageClass', 'afs-root');
    expect(root.parameters).toEqual({ 'mount-type': 'root' });
    expect(root.reclaimPolicy).toBe('Retain');
    await expectValid(objects);
  });

  it('static PersistentVolume: ReadWriteMany, retained, optionally reserved for one claim', async () => {
    const objects = synth((chart) => {
      new AuristorPersistentVolume(chart, 'a', { name: 'afs-demo', mount: AuristorMount.volume('auristor.com', 'k8s.demo') });
      new AuristorPersistentVolume(chart, 'b', {
        name: 'afs-root', mount: AuristorMount.root(), volumeHandle: 'root-1', storageClassName: 'manual',
        claim: { namespace: 'web', name: 'afs' }, readOnly: true,
      });
    });
    expect(find(objects, 'PersistentVolume', 'afs-demo').spec).toEqual({
      accessModes: ['ReadWriteMany'],
      capacity: { storage: '1Mi' },
      persistentVolumeReclaimPolicy: 'Retain',
      storageClassName: '',
      csi: { driver: 'auristorfs.csi.auristor.com', volumeHandle: 'afs-demo', volumeAttributes: demo },
    });
    const root = find(objects, 'PersistentVolume', 'afs-root').spec;
    expect(root.csi).toEqual({ driver: 'auristorfs.csi.auristor.com', volumeHandle: 'root-1', volumeAttributes: { 'mount-type': 'root' }, readOnly: true });
    expect(root.storageClassName).toBe('manual');
    expect(root.claimRef).toEqual({ namespace: 'web', name: 'afs' });
    await expectValid(objects);
  });

  it('inline ephemeral volume, in an L1 pod and in a cdk8s-plus Deployment', async () => {
    const volume = auristorInlineVolume('data', AuristorMount.volume('auristor.com', 'k8s.demo'));
    expect(volume).toEqual({ name: 'data', csi: { driver: 'auristorfs.csi.auristor.com', volumeAttributes: demo } });
    const objects = synth((chart) => {
      new k8s.KubePod(chart, 'pod', {
        metadata: { name: 'evx' },
        spec: { containers: [{ name: 'web', image: 'nginx:1.27', volumeMounts: [{ name: 'data', mountPath: '/usr/share/nginx/html' }] }], volumes: [volume] },
      });
      const deployment = new Deployment(chart, 'web', { metadata: { name: 'web' } });
      const container = deployment.addContainer({ name: 'web', image: 'nginx:1.27', portNumber: 8080 });
      container.mount('/afs', auristorPlusVolume(chart, 'afs', 'afs-root', AuristorMount.root(), { readOnly: true }));
    });
    const volumes = find(objects, 'Deployment', 'web').spec.template.spec.volumes;
    expect(volumes).toEqual([{ name: 'afs-root', csi: { driver: 'auristorfs.csi.auristor.com', volumeAttributes: { 'mount-type': 'root' }, readOnly: true } }]);
    await expectValid(objects);
  });
});
