import type { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import * as ais from '../../../imports/ais.nvidia.com';
import { retainOnDelete } from '../../argo/argo-annotations';
import { assertNoProblems } from '../../props/problems';
import { DEFAULT_NAMESPACE, DEFAULT_PRIVILEGED, DEFAULT_STATE_PATH, DEFAULT_TRACING_TOKEN_KEY } from '../defaults';
import { TRACING_TOKEN_MOUNT_PATH } from '../security/credentials';
import { DEFAULT_AISNODE_REQUESTS } from '../workloads/daemon-pod';
import { AisResources } from '../workloads/pod-inputs';
import { targetMaxUnavailable } from '../workloads/disruption-budget';
import { AisComponent, aisLabels } from '../labels';
import { ResolvedAisPorts, resolvePorts } from '../network/ports';
import { AisStateStorage } from './options';
import { AiStoreResourceProps } from './aistore-props';
import { aiStoreResourceProblems } from './cluster-checks';
import { TARGET_STARTUP_FAILURE_THRESHOLD } from './defaults';

export { AiStoreClusterOptions, AiStoreOptions, AiStoreResourceProps, PublicNetDnsMode, ScaleDownMode } from './aistore-props';

function fromPorts<P, D, C, S>(publicPort: number, ports: ResolvedAisPorts,
  types: { p: { fromNumber(n: number): P }; d: { fromNumber(n: number): D }; c: { fromNumber(n: number): C }; s: { fromNumber(n: number): S } }) {
  return {
    servicePort: types.s.fromNumber(publicPort),
    portPublic: types.p.fromNumber(publicPort),
    portIntraControl: types.c.fromNumber(ports.intraControl),
    portIntraData: types.d.fromNumber(ports.intraData),
  };
}

function quantities<T>(values: Record<string, string> | undefined, type: { fromString(s: string): T }): Record<string, T> | undefined {
  return values ? Object.fromEntries(Object.entries(values).map(([name, value]) => [name, type.fromString(value)])) : undefined;
}

function annotated(enabled: boolean, annotations?: Record<string, string>) {
  if (!enabled) return undefined;
  return { annotations: annotations && Object.keys(annotations).length ? { ...annotations } : undefined };
}

/**
 * The `AIStore` resource (ais.nvidia.com/v1beta1) the AIS operator turns into a cluster:
 * sizes, node selectors, ports, mounts, state storage, images, external access, HTTPS, cloud
 * credentials, auth, tracing and the admin client. Holds data: Argo CD never prunes or deletes
 * it (deleting it decommissions the cluster).
 */
export class AiStoreResource extends Construct {
  /** the L1 object (escape hatch: `apiObject.addJsonPatch(...)`) */
  public readonly apiObject: ApiObject;
  public readonly name: string;
  public readonly namespace: string;
  public readonly ports: ResolvedAisPorts;
  /** whether the cluster serves HTTPS */
  public readonly useHttps: boolean;

  constructor(scope: Construct, id: string, props: AiStoreResourceProps) {
    super(scope, id);
    assertNoProblems('AiStoreResource', aiStoreResourceProblems(props), this);
    this.name = props.name;
    this.namespace = props.namespace ?? DEFAULT_NAMESPACE;
    this.ports = resolvePorts(props.ports);
    this.useHttps = props.tls !== undefined;
    const privileged = (props.privileged ?? DEFAULT_PRIVILEGED) ? { privileged: true } : undefined;
    const sameSize = props.proxyReplicas === props.targetReplicas;
    const proxyResources: AisResources = props.proxyResources ?? { requests: DEFAULT_AISNODE_REQUESTS };
    const targetResources: AisResources = props.targetResources ?? { requests: DEFAULT_AISNODE_REQUESTS };
    const max = props.pdb && (props.pdb.enabled ?? true) ? targetMaxUnavailable(props.pdb) : undefined;
    const pdb = max === undefined ? undefined : {
      enabled: true,
      maxUnavailable: typeof max === 'number'
        ? ais.AiStoreSpecTargetSpecPdbMaxUnavailable.fromNumber(max) : ais.AiStoreSpecTargetSpecPdbMaxUnavailable.fromString(max),
    };

    this.apiObject = new ais.AiStore(this, 'Resource', {
      metadata: { name: this.name, namespace: this.namespace, labels: aisLabels(this.name, AisComponent.CLUSTER) },
      spec: {
        size: sameSize ? props.proxyReplicas : undefined,
        nodeImage: props.images.aisnode,
        initImage: props.images.init,
        imagePullSecrets: props.images.pullSecrets?.length ? props.images.pullSecrets.map((name) => ({ name })) : undefined,
        proxySpec: {
          size: sameSize ? undefined : props.proxyReplicas,
          ...fromPorts(this.ports.proxy, this.ports, {
            s: ais.AiStoreSpecProxySpecServicePort, p: ais.AiStoreSpecProxySpecPortPublic,
            c: ais.AiStoreSpecProxySpecPortIntraControl, d: ais.AiStoreSpecProxySpecPortIntraData,
          }),
          nodeSelector: props.proxyNodeSelector,
          aisContainerSecurityContext: privileged,
          resources: {
            requests: quantities(proxyResources.requests, ais.AiStoreSpecProxySpecResourcesRequests),
            limits: quantities(proxyResources.limits, ais.AiStoreSpecProxySpecResourcesLimits),
          },
          externalAccess: annotated(props.gatewayLoadBalancer ?? true, props.gatewayAnnotations),
          hostPort: (props.proxyHostPort ?? true) ? this.ports.proxy : undefined,
        },
        targetSpec: {
          size: sameSize ? undefined : props.targetReplicas,
          ...fromPorts(this.ports.target, this.ports, {
            s: ais.AiStoreSpecTargetSpecServicePort, p: ais.AiStoreSpecTargetSpecPortPublic,
            c: ais.AiStoreSpecTargetSpecPortIntraControl, d: ais.AiStoreSpecTargetSpecPortIntraData,
          }),
          hostPort: this.ports.target,
          hostNetwork: props.targetHostNetwork || undefined,
          nodeSelector: props.targetNodeSelector,
          aisContainerSecurityContext: privileged,
          resources: {
            requests: quantities(targetResources.requests, ais.AiStoreSpecTargetSpecResourcesRequests),
            limits: quantities(targetResources.limits, ais.AiStoreSpecTargetSpecResourcesLimits),
          },
          mounts: props.mounts.map((m) => ({
            path: m.path,
            label: m.label,
            useHostPath: m.useHostPath ? true : undefined,
            size: m.useHostPath || !m.size ? undefined : ais.AiStoreSpecTargetSpecMountsSize.fromString(m.size),
            storageClass: m.useHostPath ? undefined : m.storageClass,
            selector: !m.useHostPath && m.selector ? { matchLabels: { ...m.selector } } : undefined,
          })),
          disablePodAntiAffinity: props.disablePodAntiAffinity,
          probes: { startup: { failureThreshold: TARGET_STARTUP_FAILURE_THRESHOLD } },
          pdb,
          scaleDownMode: props.scaleDownMode as string as ais.AiStoreSpecTargetSpecScaleDownMode | undefined,
          externalAccess: annotated(props.targetLoadBalancers ?? false, props.targetLoadBalancerAnnotations),
        },
        stateStorage: (props.stateStorage ?? AisStateStorage.hostPath(DEFAULT_STATE_PATH))._toSpec(),
        logsDir: props.logsDir,
        clusterDomain: props.clusterDomain,
        publicNetDnsMode: props.publicNetDnsMode as string as ais.AiStoreSpecPublicNetDnsMode | undefined,
        hostnameMap: props.hostnameMap && Object.keys(props.hostnameMap).length ? { ...props.hostnameMap } : undefined,
        networkAttachment: props.networkAttachments?.length ? props.networkAttachments.join(',') : undefined,
        cleanupMetadata: props.cleanupMetadata,
        cleanupData: props.cleanupData,
        tls: props.tls?._toSpec(),
        operatorSkipVerifyCrt: props.operatorSkipVerifyCert,
        awsSecretName: props.awsSecretName,
        gcpSecretName: props.gcpSecretName,
        ociSecretName: props.ociSecretName,
        auth: props.auth && {
          profileRef: props.auth.profileName ? { name: props.auth.profileName } : undefined,
          serviceUrl: props.auth.serviceUrl,
          usernamePassword: props.auth.usernamePasswordSecret
            ? { secretName: props.auth.usernamePasswordSecret, secretNamespace: props.auth.usernamePasswordSecretNamespace }
            : undefined,
          tls: props.auth.caCertPath ? { caCertPath: props.auth.caCertPath } : undefined,
        },
        authNSecretName: props.authNSecretName,
        tracingTokenSecretName: props.tracing?.tokenSecretName,
        adminClient: props.adminClient && {
          image: props.adminClient.image,
          caConfigMap: props.adminClient.caConfigMap ? { name: props.adminClient.caConfigMap, key: props.adminClient.caKey } : undefined,
        },
        configToUpdate: this.configToUpdate(props),
      },
    });
    retainOnDelete(this.apiObject);
  }

  /** `net.http` for HTTPS (the operator writes the certificate paths) and `tracing`. */
  private configToUpdate(props: AiStoreResourceProps): ais.AiStoreSpecConfigToUpdate | undefined {
    const tracing = props.tracing;
    if (!props.tls && !tracing) return undefined;
    return {
      net: props.tls ? { http: { useHttps: true, skipVerify: props.skipVerify ?? false, clientAuthTls: props.clientAuthTls ?? 0 } } : undefined,
      tracing: tracing && {
        enabled: true,
        exporterEndpoint: tracing.exporterEndpoint,
        exporterAuth: tracing.tokenSecretName
          ? { tokenFile: `${TRACING_TOKEN_MOUNT_PATH}/${tracing.tokenKey ?? DEFAULT_TRACING_TOKEN_KEY}`, tokenHeader: tracing.tokenHeader }
          : undefined,
        samplerProbability: tracing.samplerProbability,
        serviceNamePrefix: tracing.serviceNamePrefix,
        skipVerify: tracing.skipVerify,
      },
    };
  }
}
