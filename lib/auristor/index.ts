// Public API of the AuriStorFS client constructs. Re-exports only.

// L3 and composites
export * from './client';
export * from './client-options';
export * from './cluster-resources';
export * from './group-resources';
export * from './delivery';

// node groups, names, images
export * from './group';
export * from './names';
export * from './kernel-image';
export * from './csi-images';
export * from './client-config';

// kmod delivery
export * from './special-resource';
export * from './sro-permissions';
export * from './kmm-module';
export * from './kmm-labels';
export * from './kmod-daemonset';
export * from './namespace';
export * from './node-labels';
export * from './openshift-scc';
export * from './service-account';

// CSI driver
export * from './csi-settings';
export * from './csi-pod';
export * from './csi-workload';
export * from './csi-config-map';
export * from './csi-controller';
export * from './csi-node';
export * from './volume-manager';
export * from './csi-rbac';
export * from './csi-driver';

// storage helpers
export * from './mount';
export * from './storage-class';
export * from './persistent-volume';
export * from './inline-volume';

// config mapping and upgrade safety
export * from './from-config';
export * from './kmod-changes';
