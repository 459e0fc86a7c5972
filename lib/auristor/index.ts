// Public API of the AuriStorFS client constructs. Re-exports only.

// L3 and composites
export * from './client';
export * from './client-props';
export * from './client-checks';
export * from './cluster-resources';
export * from './group-resources';
export * from './kmod/delivery';

// node groups, names, images
export * from './group';
export * from './names';
export * from './kmod/kernel-image';
export * from './csi/csi-images';
export * from './client-config';

// kmod delivery
export * from './kmod/special-resource';
export * from './kmod/sro-permissions';
export * from './kmod/kmm-module';
export * from './kmod/kmm-labels';
export * from './kmod/kmod-daemonset';
export * from './namespace';
export * from './node-labels';
export * from './kmod/openshift-scc';
export * from './service-account';

// CSI driver
export * from './csi/csi-settings';
export * from './csi/csi-pod';
export * from './csi/csi-workload';
export * from './csi/csi-config-map';
export * from './csi/csi-controller';
export * from './csi/csi-node';
export * from './csi/volume-manager';
export * from './csi/csi-rbac';
export * from './csi/csi-driver';

// storage helpers
export * from './storage/mount';
export * from './storage/storage-class';
export * from './storage/persistent-volume';
export * from './storage/inline-volume';

// config mapping and upgrade safety
