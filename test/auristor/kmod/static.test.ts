import { describe, expect, it } from 'vitest';
import { AuristorClient } from '../../../lib/auristor/client';
import { AuristorClusterResources } from '../../../lib/auristor/cluster-resources';
import { CsiController } from '../../../lib/auristor/csi/csi-controller';
import { AuristorCsiDriver, CsiEphemeralVolumeProfile } from '../../../lib/auristor/csi/csi-driver';
import { CsiNode } from '../../../lib/auristor/csi/csi-node';
import { CsiRbac } from '../../../lib/auristor/csi/csi-rbac';
import { CacheManager, CsiLogLevel } from '../../../lib/auristor/csi/csi-settings';
import { KmodDelivery } from '../../../lib/auristor/kmod/delivery';
import { AuristorGroupResources } from '../../../lib/auristor/group-resources';
import { KmodDaemonSet, kmodDaemonSetName } from '../../../lib/auristor/kmod/kmod-daemonset';
import { VolumeManager } from '../../../lib/auristor/csi/volume-manager';
import { containers, expectValid, find, ids, synth } from '../../support/auristor';

const kernel = '4.18.0-305.49.1.el8_4.x86_64';
const group = { name: 'group-1', kmodVersion: '2021.05-20', csiVersion: '2022.09-1', kernels: [kernel] };
const selinux = '-o context=system_u:object_r:container_file_t:s0';

describe('KmodDaemonSet', () => {
  it('runs the kernel\'s AuriStor driver container privileged on the group\'s nodes with that kernel', async () => {
    const objects = synth((chart) => new KmodDaemonSet(chart, 'k', {
      namespace: 'auristorfs-group-1', group: 'group-1', nodeSelector: { 'auristor.com/auristorfs-group': 'group-1' },
      kernel, kmodVersion: '2021.05-20',
      clientConfig: { cellServDbConfigMap: 'usr-share-yfs', keytabSecret: 'etc-yfs-keytabs' },
    }));
    const ds = find(objects, 'DaemonSet', 'auristorfs-kmod-4-18-0-305-49-1-el8-4-x86-64', 'auristorfs-group-1');
    expect(ds.spec.updateStrategy).toEqual({ type: 'OnDelete' });
    expect(ds.metadata.annotations!['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
    expect(ds.metadata.labels!['app.kubernetes.io/component']).toBe('kmod');
    const pod = ds.spec.template.spec;
    expect(pod.nodeSelector).toEqual({
      'auristor.com/auristorfs-group': 'group-1',
      'feature.node.kubernetes.io/kernel-version.full': '4.18.0-305.49.1.el8_4.x86_64',
    });
    expect(pod.serviceAccountName).toBe('auristorfs-kmod');
    expect(pod.priorityClassName).toBe('system-node-critical');
    // time for the preStop hook to stop the cache manager and rmmod (AuriStor's chart gives 10 s)
    expect(pod.terminationGracePeriodSeconds).toBe(60);
    const kmod = containers(ds).kmod;
    expect(kmod.image).toBe('ghcr.io/auristor/auristor-kmod-2021.05-20:4.18.0-305.el8.x86_64');
    expect(kmod.command).toEqual(['/sbin/init']);
    expect(kmod.securityContext).toEqual({ privileged: true });
    expect(kmod.volumeMounts).toEqual([
      { name: 'yfs-cache', mountPath: '/var/cache/yfs' },
      { name: 'etc-yfs', mountPath: '/etc/yfs' },
      { name: 'usr-share-yfs', mountPath: '/usr/share/yfs' },
      { name: 'etc-yfs-keytabs', mountPath: '/etc/yfs-keytabs' },
    ]);
    expect(pod.volumes).toEqual([
      { name: 'yfs-cache', hostPath: { path: '/var/cache/yfs', type: 'DirectoryOrCreate' } },
      { name: 'etc-yfs', configMap: { name: 'etc-yfs' } },
      { name: 'usr-share-yfs', configMap: { name: 'usr-share-yfs' } },
      { name: 'etc-yfs-keytabs', secret: { secretName: 'etc-yfs-keytabs' } },
    ]);
    const preStop = kmod.lifecycle.preStop.exec.command;
    expect(preStop.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    // the kmods-via-containers framework's unit (SRO example charts, release-4.10
    // charts/example/simple-kmod-0.0.1/templates/1000-driver-container.yaml) and the name AuriStor's chart stops
    expect(preStop[2]).toContain("systemctl stop 'kmods-via-containers@*' 'kmod-via-containers@*'");
    expect(preStop[2]).toContain("while lsmod | grep -q '^yfs '; do");
    expect(preStop[2]).toContain('rmmod yfs');
    await expectValid(objects);
  });

  it('takes a longer grace period for slow cache managers', () => {
    const objects = synth((chart) => new KmodDaemonSet(chart, 'k', {
      namespace: 'ns', group: 'group-1', nodeSelector: {}, kernel, kmodVersion: '2021.05-20', terminationGracePeriodSeconds: 300,
    }));
    expect(find(objects, 'DaemonSet', 'auristorfs-kmod-4-18-0-305-49-1-el8-4-x86-64').spec.template.spec.terminationGracePeriodSeconds).toBe(300);
  });

  it('names the DaemonSet after the kernel and refuses names over 63 characters', () => {
    expect(kmodDaemonSetName('5.14.0-284.30.1.el9_2.aarch64')).toBe('auristorfs-kmod-5-14-0-284-30-1-el9-2-aarch64');
    expect(() => kmodDaemonSetName('5.14.0-284.30.1.el9_2.x86_64'.repeat(2))).toThrowError(/longer than 63 characters/);
  });

  it('mounts keytabs from the host and a custom cache directory', () => {
    const [ds] = synth((chart) => new KmodDaemonSet(chart, 'k', {
      namespace: 'n', group: 'g', nodeSelector: { a: 'b' }, kernel, kmodVersion: '2021.05-20', registry: 'mirror.example.com/auristor',
      clientConfig: { configMap: 'yfs', keytabHostPath: '/etc/yfs-keytabs', cacheHostPath: '/scratch/yfs' },
    }));
    expect(containers(ds).kmod.image).toBe('mirror.example.com/auristor/auristor-kmod-2021.05-20:4.18.0-305.el8.x86_64');
    expect(ds.spec.template.spec.volumes).toEqual([
      { name: 'yfs-cache', hostPath: { path: '/scratch/yfs', type: 'DirectoryOrCreate' } },
      { name: 'etc-yfs', configMap: { name: 'yfs' } },
      { name: 'etc-yfs-keytabs', hostPath: { path: '/etc/yfs-keytabs', type: 'Directory' } },
    ]);
  });
});

describe('CSI node plugin', () => {
  it('registers with the kubelet, propagates mounts both ways and waits for yfs', async () => {
    const objects = synth((chart) => new CsiNode(chart, 'n', {
      namespace: 'ns', csiVersion: '2022.09-1', group: 'group-1', nodeSelector: { 'auristor.com/auristorfs-group': 'group-1' },
      waitForKernelModule: 'yfs', settings: { seLinuxMountOptions: selinux, logLevel: CsiLogLevel.WARNING, afsRootDir: '/afs' },
    }));
    const ds = find(objects, 'DaemonSet', 'auristorfs-csi-node', 'ns');
    const pod = ds.spec.template.spec;
    expect(pod.serviceAccountName).toBe('auristorfs-csi');
    expect(pod.priorityClassName).toBe('system-cluster-critical');
    expect(pod.nodeSelector).toEqual({ 'auristor.com/auristorfs-group': 'group-1' });
    expect(pod.containers.some((container: any) => container.lifecycle !== undefined)).toBe(false);
    expect(pod.initContainers).toEqual([{
      name: 'wait-for-kmod', image: 'ghcr.io/auristor/auristorfs-csi:2022.09-1', imagePullPolicy: 'IfNotPresent',
      command: ['/bin/sh', '-c', 'until grep -q \'^yfs \' /proc/modules; do echo "waiting for kernel module yfs"; sleep 5; done'],
      resources: { requests: { cpu: '10m', memory: '32Mi' } },
    }]);
    const c = containers(ds);
    expect(Object.keys(c)).toEqual(['node', 'node-driver-registrar', 'liveness-probe']);
    expect(c.node.env).toEqual([
      { name: 'SERVICE_TYPE', value: 'Node' },
      { name: 'KUBERNETES_NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
      { name: 'CSI_DOMAIN_SOCKET', value: '/csi/csi.sock' },
      { name: 'IS_MOUNT_SELINUX', value: 'true' },
      { name: 'AURISTORFS_MOUNT_OPTIONS', value: selinux },
    ]);
    expect(c.node.envFrom).toEqual([{ configMapRef: { name: 'auristorfs-csi-node-config' } }]);
    expect(c.node.volumeMounts).toEqual([
      { name: 'node-socket-dir', mountPath: '/csi' },
      { name: 'volume-mountpoint-dir', mountPath: '/var/lib/kubelet/pods', mountPropagation: 'Bidirectional' },
      { name: 'afs-root', mountPath: '/root/afs' },
      { name: 'app-var', mountPath: '/root/appVar' },
    ]);
    expect(c['node-driver-registrar'].image).toBe('registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.5.1');
    expect(c['node-driver-registrar'].args).toEqual(['--v=5', '--csi-address=/csi/csi.sock',
      '--kubelet-registration-path=/var/lib/kubelet/plugins/csi.auristor.com/csi.sock']);
    // no preStop: node-driver-registrar v2.5.1 is distroless (Dockerfile FROM gcr.io/distroless/static) and removes
    // its own <driver>-reg.sock on SIGTERM (cmd/csi-node-driver-registrar/node_register.go removeRegSocket)
    expect(c['node-driver-registrar'].lifecycle).toBeUndefined();
    expect(c['liveness-probe'].image).toBe('registry.k8s.io/sig-storage/livenessprobe:v2.7.0');
    expect(pod.volumes).toEqual([
      { name: 'registration-dir', hostPath: { path: '/var/lib/kubelet/plugins_registry', type: 'Directory' } },
      { name: 'node-socket-dir', hostPath: { path: '/var/lib/kubelet/plugins/csi.auristor.com', type: 'DirectoryOrCreate' } },
      { name: 'volume-mountpoint-dir', hostPath: { path: '/var/lib/kubelet/pods', type: 'Directory' } },
      { name: 'afs-root', hostPath: { path: '/afs', type: 'Directory' } },
      { name: 'app-var', configMap: { name: 'auristorfs-csi-node-config' } },
    ]);
    expect(find(objects, 'ConfigMap', 'auristorfs-csi-node-config').data).toEqual({
      externalVolumeManagerURL: 'http://auristorfs-volume-manager', defaultCacheManager: 'auristor', logLevel: 'WARNING',
      flattenLog: 'false', debugShowCsiRequests: 'false', debugShowMounts: 'false', debugShowExecs: 'false',
    });
    await expectValid(objects);
  });
});

describe('CSI controller and volume manager', () => {
  it('controller: attacher v3.5.0, provisioner v3.2.1, livenessprobe v2.7.0 around the AuriStorFS driver', async () => {
    const objects = synth((chart) => new CsiController(chart, 'c', {
      namespace: 'ns', csiVersion: '2022.08-1', registry: 'mirror.example.com/auristor', sidecarRegistry: 'mirror.example.com/sig-storage',
      settings: { volumeNamePrefix: 'afs', cacheManager: CacheManager.KAFS, debug: true },
      nodeSelectors: [{ 'auristor.com/auristorfs-group': 'group-1' }],
    }));
    // N4: a Deployment (a failed node's pod is replaced), two replicas whose sidecars elect a leader
    const sts = find(objects, 'Deployment', 'auristorfs-csi-controller', 'ns');
    expect(sts.spec.replicas).toBe(2);
    expect(sts.spec.selector).toEqual({ matchLabels: { app: 'auristorfs-csi-controller' } });
    expect(sts.spec.template.spec.nodeSelector).toEqual({ 'auristor.com/auristorfs-group': 'group-1' });
    expect(sts.spec.template.spec.terminationGracePeriodSeconds).toBe(3);
    const c = containers(sts);
    expect(Object.keys(c)).toEqual(['controller', 'csi-attacher', 'csi-provisioner', 'liveness-probe']);
    expect(c.controller.image).toBe('mirror.example.com/auristor/auristorfs-csi:2022.08-1');
    expect(c.controller.env[0]).toEqual({ name: 'SERVICE_TYPE', value: 'Controller' });
    expect(c.controller.env.slice(3)).toEqual([{ name: 'IS_MOUNT_SELINUX', value: 'false' }, { name: 'AURISTORFS_MOUNT_OPTIONS', value: ' ' }]);
    expect(c['csi-attacher'].image).toBe('mirror.example.com/sig-storage/csi-attacher:v3.5.0');
    expect(c['csi-attacher'].args).toEqual(['--v=5', '--csi-address=/csi/csi.sock', '--leader-election']);
    expect(c['csi-provisioner'].image).toBe('mirror.example.com/sig-storage/csi-provisioner:v3.2.1');
    expect(c['csi-provisioner'].args).toEqual(['-v=5', '--csi-address=/csi/csi.sock', '--leader-election', '--volume-name-prefix=afs', '--extra-create-metadata=true']);
    expect(c['csi-provisioner'].securityContext).toBeUndefined();
    expect(c['liveness-probe'].args).toEqual(['--csi-address=/csi/csi.sock', '--probe-timeout=3s', '--health-port=9898']);
    expect(sts.spec.template.spec.volumes).toEqual([
      { name: 'controller-socket-dir', emptyDir: {} },
      { name: 'app-var', configMap: { name: 'auristorfs-csi-node-config' } },
    ]);
    expect(find(objects, 'ConfigMap', 'auristorfs-csi-controller-config').data).toEqual({
      externalVolumeManagerURL: 'http://auristorfs-volume-manager', defaultCacheManager: 'kafs', logLevel: 'INFO', flattenLog: 'false',
      pvUIDLength: '10', debugShowCsiRequests: 'true', debugShowMounts: 'true', debugShowExecs: 'true',
    });
    await expectValid(objects);
  });

  it('volume manager: Service port 80 in front of Deployment auristorfs-api', async () => {
    const objects = synth((chart) => new VolumeManager(chart, 'v', { namespace: 'ns', csiVersion: '2022.09-1' }));
    const service = find(objects, 'Service', 'auristorfs-volume-manager', 'ns');
    expect(service.spec).toEqual({
      type: 'ClusterIP', selector: { app: 'auristorfs-volume-manager' }, ports: [{ name: 'auristorfs-api', port: 80, targetPort: 80 }],
    });
    const sts = find(objects, 'Deployment', 'auristorfs-api', 'ns');
    expect(sts.spec.template.metadata.labels.app).toBe('auristorfs-volume-manager');
    expect([sts.spec.replicas, sts.spec.strategy]).toEqual([1, { type: 'Recreate' }]);
    const vm = containers(sts)['auristorfs-volume-manager'];
    expect(vm.image).toBe('ghcr.io/auristor/auristorfs-csi:2022.09-1');
    expect(vm.env[0]).toEqual({ name: 'VOLUME_MANAGER', value: 'true' });
    expect(vm.envFrom).toEqual([{ configMapRef: { name: 'auristorfs-volume-manager-config' } }]);
    expect(find(objects, 'ConfigMap', 'auristorfs-volume-manager-config').data).toEqual({
      defaultCacheManager: 'auristor', apiServerPort: '80', logLevel: 'INFO', flattenLog: 'false', debugShowMounts: 'false', debugShowExecs: 'false',
    });
    await expectValid(objects);
  });

  it('follows a kubelet with another root directory', async () => {
    const objects = synth((chart) => new CsiNode(chart, 'n', { namespace: 'ns', csiVersion: '2022.09-1', kubeletDir: '/data/kubelet' }));
    const ds = find(objects, 'DaemonSet', 'auristorfs-csi-node', 'ns');
    const c = containers(ds);
    // the kubelet hands the driver host paths under its root: mounted at the same path in the container
    expect(c.node.volumeMounts).toContainEqual({ name: 'volume-mountpoint-dir', mountPath: '/data/kubelet/pods', mountPropagation: 'Bidirectional' });
    expect(c['node-driver-registrar'].args).toContain('--kubelet-registration-path=/data/kubelet/plugins/csi.auristor.com/csi.sock');
    expect(ds.spec.template.spec.volumes.slice(0, 3)).toEqual([
      { name: 'registration-dir', hostPath: { path: '/data/kubelet/plugins_registry', type: 'Directory' } },
      { name: 'node-socket-dir', hostPath: { path: '/data/kubelet/plugins/csi.auristor.com', type: 'DirectoryOrCreate' } },
      { name: 'volume-mountpoint-dir', hostPath: { path: '/data/kubelet/pods', type: 'Directory' } },
    ]);
    await expectValid(objects);
  });
});

describe('CSI RBAC and CSIDriver', () => {
  it('names cluster roles as AuriStor\'s chart, binds them to every listed namespace\'s ServiceAccount, leader-election Roles only', async () => {
    const objects = synth((chart) => new CsiRbac(chart, 'r', { namespace: 'auristorfs-csi', serviceAccountNamespaces: ['g1', 'auristorfs-csi', 'g2'] }));
    // the sidecars run with --leader-election (Leases), not --enable-capacity: no csistoragecapacities, pods or
    // replicasets rules (kubernetes-csi external-provisioner v3.2.1 deploy/kubernetes/rbac.yaml)
    expect(ids(objects)).toEqual([
      'ClusterRole auristorfs-csi-external-provisioner-cr-auristorfs-csi',
      'ClusterRoleBinding auristorfs-csi-external-provisioner-crb-auristorfs-csi',
      'ClusterRole auristorfs-csi-external-attacher-cr-auristorfs-csi',
      'ClusterRoleBinding auristorfs-csi-external-attacher-crb-auristorfs-csi',
      'Role auristorfs-csi/auristorfs-csi-external-provisioner-r',
      'RoleBinding auristorfs-csi/auristorfs-csi-external-provisioner-rb',
      'Role auristorfs-csi/auristorfs-csi-external-attacher-r',
      'RoleBinding auristorfs-csi/auristorfs-csi-external-attacher-role-rb',
    ]);
    for (const role of objects.filter((o) => o.kind === 'Role')) {
      expect(role.rules).toEqual([{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'watch', 'list', 'delete', 'update', 'create'] }]);
    }
    expect(find(objects, 'ClusterRoleBinding', 'auristorfs-csi-external-attacher-crb-auristorfs-csi').subjects.map((s: any) => s.namespace))
      .toEqual(['auristorfs-csi', 'g1', 'g2']);
    expect(find(objects, 'ClusterRole', 'auristorfs-csi-external-attacher-cr-auristorfs-csi').rules).toContainEqual(
      { apiGroups: ['storage.k8s.io'], resources: ['volumeattachments/status'], verbs: ['patch'] });
    await expectValid(objects);
  });

  it('CSIDriver auristorfs.csi.auristor.com: persistent and ephemeral, pod info, attach required', async () => {
    const objects = synth((chart) => new AuristorCsiDriver(chart, 'd'));
    const driver = find(objects, 'CSIDriver', 'auristorfs.csi.auristor.com');
    expect(driver.spec).toEqual({ attachRequired: true, podInfoOnMount: true, volumeLifecycleModes: ['Persistent', 'Ephemeral'] });
    expect(driver.metadata.labels!['security.openshift.io/csi-ephemeral-volume-profile']).toBeUndefined();
    await expectValid(objects);
  });

  it('CSIDriver: OpenShift\'s inline-volume profile label when asked', async () => {
    // OpenShift >= 4.13 CSI Volume Admission: a driver without the label counts as privileged
    const objects = synth((chart) => new AuristorCsiDriver(chart, 'd', { ephemeralVolumeProfile: CsiEphemeralVolumeProfile.BASELINE }));
    expect(find(objects, 'CSIDriver', 'auristorfs.csi.auristor.com').metadata.labels!['security.openshift.io/csi-ephemeral-volume-profile'])
      .toBe('baseline');
    await expectValid(objects);
  });
});

describe('static delivery, composed', () => {
  const groups = [
    { ...group, nodes: ['cpu01', 'cpu02'] },
    { name: 'group-2', nodeSelector: { 'example.com/rack': 'r2' }, kmodVersion: '2021.05-15', csiVersion: '2022.02-2',
      kernels: ['4.18.0-305.49.1.el8_4.x86_64', '4.18.0-305.57.1.el8_4.x86_64'] },
  ];

  it('group: one kmod DaemonSet per kernel, CSI node plugin gated on yfs, pointing at the shared volume manager', async () => {
    const objects = synth((chart) => new AuristorGroupResources(chart, 'g', { delivery: KmodDelivery.STATIC, group: groups[1], csiNamespace: 'afs-csi' }));
    expect(ids(objects)).toEqual([
      'Namespace auristorfs-group-2',
      'ServiceAccount auristorfs-group-2/auristorfs-kmod',
      'DaemonSet auristorfs-group-2/auristorfs-kmod-4-18-0-305-49-1-el8-4-x86-64',
      'DaemonSet auristorfs-group-2/auristorfs-kmod-4-18-0-305-57-1-el8-4-x86-64',
      'ServiceAccount auristorfs-group-2/auristorfs-csi-node',
      'ConfigMap auristorfs-group-2/auristorfs-csi-node-config',
      'DaemonSet auristorfs-group-2/auristorfs-csi-node',
    ]);
    const second = find(objects, 'DaemonSet', 'auristorfs-kmod-4-18-0-305-57-1-el8-4-x86-64');
    expect(containers(second).kmod.image).toBe('ghcr.io/auristor/auristor-kmod-2021.05-15:4.18.0-305.el8.x86_64');
    expect(second.spec.template.spec.nodeSelector).toEqual({
      'example.com/rack': 'r2', 'feature.node.kubernetes.io/kernel-version.full': '4.18.0-305.57.1.el8_4.x86_64',
    });
    const node = find(objects, 'DaemonSet', 'auristorfs-csi-node');
    expect(node.spec.template.spec.nodeSelector).toEqual({ 'example.com/rack': 'r2' });
    // its own ServiceAccount, bound to no role: the controller's PV/PVC/VolumeAttachment rights stay with the controller
    expect(node.spec.template.spec.serviceAccountName).toBe('auristorfs-csi-node');
    expect(objects.filter((o) => /Role/.test(o.kind))).toEqual([]);
    expect(node.spec.template.spec.initContainers[0].name).toBe('wait-for-kmod');
    expect(find(objects, 'ConfigMap', 'auristorfs-csi-node-config').data.externalVolumeManagerURL)
      .toBe('http://auristorfs-volume-manager.afs-csi.svc');
    await expectValid(objects);
  });

  it('cluster: one CSI controller and volume manager for all groups, on any group node', async () => {
    let cluster!: AuristorClusterResources;
    const objects = synth((chart) => {
      cluster = new AuristorClusterResources(chart, 'c', { delivery: KmodDelivery.STATIC, groups, csiControllerVersion: '2022.09-1' });
    });
    expect(cluster.csiController!.image).toBe('ghcr.io/auristor/auristorfs-csi:2022.09-1');
    expect(cluster.volumeManager!.image).toBe('ghcr.io/auristor/auristorfs-csi:2022.09-1');
    expect(ids(objects).filter((id) => !id.startsWith('Cluster') && !id.startsWith('Role'))).toEqual([
      'CSIDriver auristorfs.csi.auristor.com',
      'Namespace auristorfs-csi',
      'ServiceAccount auristorfs-csi/auristorfs-csi',
      'ConfigMap auristorfs-csi/auristorfs-csi-node-config',
      'ConfigMap auristorfs-csi/auristorfs-csi-controller-config',
      'Deployment auristorfs-csi/auristorfs-csi-controller',
      'ConfigMap auristorfs-csi/auristorfs-volume-manager-config',
      'Service auristorfs-csi/auristorfs-volume-manager',
      'Deployment auristorfs-csi/auristorfs-api',
    ]);
    const affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchExpressions: [{ key: 'auristor.com/auristorfs-group', operator: 'In', values: ['group-1'] }] },
            { matchExpressions: [{ key: 'example.com/rack', operator: 'In', values: ['r2'] }] },
          ],
        },
      },
    };
    expect(find(objects, 'Deployment', 'auristorfs-csi-controller').spec.template.spec.affinity.nodeAffinity).toEqual(affinity.nodeAffinity);
    expect(find(objects, 'Deployment', 'auristorfs-api').spec.template.spec.affinity).toEqual(affinity);
    for (const binding of objects.filter((o) => o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding')) {
      expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'auristorfs-csi', namespace: 'auristorfs-csi' }]);
    }
    await expectValid(objects);
  });

  it('AuristorClient puts everything in one chart; openshift grants the privileged SCC', async () => {
    const objects = synth((chart) => new AuristorClient(chart, 'afs', {
      delivery: KmodDelivery.STATIC, groups: [groups[0]], openshift: true,
    }));
    expect(ids(objects).filter((id) => id.includes('privileged-scc'))).toEqual([
      'Role auristorfs-csi/auristorfs-csi-privileged-scc',
      'RoleBinding auristorfs-csi/auristorfs-csi-privileged-scc',
      'Role auristorfs-group-1/auristorfs-kmod-privileged-scc',
      'RoleBinding auristorfs-group-1/auristorfs-kmod-privileged-scc',
      'Role auristorfs-group-1/auristorfs-csi-privileged-scc',
      'RoleBinding auristorfs-group-1/auristorfs-csi-privileged-scc',
    ]);
    expect(find(objects, 'Role', 'auristorfs-kmod-privileged-scc').rules).toEqual([
      { apiGroups: ['security.openshift.io'], resources: ['securitycontextconstraints'], resourceNames: ['privileged'], verbs: ['use'] },
    ]);
    // a single group sets a plain nodeSelector on the controller
    expect(find(objects, 'Deployment', 'auristorfs-csi-controller').spec.template.spec.nodeSelector)
      .toEqual({ 'auristor.com/auristorfs-group': 'group-1' });
    await expectValid(objects);
  });
});
