import { k8s } from 'cdk8s-plus-28';

/**
 * What the aisnode container takes beyond its image, in construct-level types (AWS CDK
 * props-no-cfn-types): resources as quantity strings, env values and volumes built by static
 * methods. The Kubernetes (L1) objects they become stay internal.
 */

/** Resource requests and limits as quantity strings, e.g. `{ requests: { cpu: '2', memory: '8Gi' }, limits: { memory: '16Gi' } }`. */
export interface AisResources {
  /**
   * Requests by resource name (`cpu`, `memory`, `ephemeral-storage`, ...).
   * @default - none
   */
  readonly requests?: Readonly<Record<string, string>>;
  /**
   * Limits by resource name.
   * @default - none
   */
  readonly limits?: Readonly<Record<string, string>>;
}

/** The container resources of {@link AisResources}. */
export function kubeResources(resources: AisResources): k8s.ResourceRequirements {
  const quantities = (values?: Readonly<Record<string, string>>) => values
    ? Object.fromEntries(Object.entries(values).map(([name, value]) => [name, k8s.Quantity.fromString(value)]))
    : undefined;
  return { requests: quantities(resources.requests), limits: quantities(resources.limits) };
}

/** The value of an environment variable of the aisnode container. */
export class AisEnvValue {
  /** A literal value. */
  public static fromValue(value: string): AisEnvValue {
    return new AisEnvValue({ value });
  }

  /** The value of one key of a Secret in the cluster's namespace. */
  public static fromSecretKey(secretName: string, key: string): AisEnvValue {
    return new AisEnvValue({ valueFrom: { secretKeyRef: { name: secretName, key } } });
  }

  private readonly source: Omit<k8s.EnvVar, 'name'>;

  private constructor(source: Omit<k8s.EnvVar, 'name'>) {
    this.source = source;
  }

  /** @internal the container env var */
  public _toKube(name: string): k8s.EnvVar {
    return { name, ...this.source };
  }
}

/** Container env vars from a name → value record, in its order. */
export function kubeEnv(env: Readonly<Record<string, AisEnvValue>>): k8s.EnvVar[] {
  return Object.entries(env).map(([name, value]) => value._toKube(name));
}

/** A volume of the AIS pods and where the aisnode container mounts it. */
export class AisVolume {
  /** A Secret, mounted read-only, its files readable by their owner only (mode 0400). */
  public static fromSecret(name: string, secretName: string, mountPath: string): AisVolume {
    return new AisVolume({ name, secret: { secretName, defaultMode: 0o400 } }, { name, mountPath, readOnly: true });
  }

  /** A ConfigMap, mounted read-only (files mode 0644). */
  public static fromConfigMap(name: string, configMapName: string, mountPath: string): AisVolume {
    return new AisVolume({ name, configMap: { name: configMapName, defaultMode: 0o644 } }, { name, mountPath, readOnly: true });
  }

  /** A host directory that must exist, mounted read-only unless `readOnly` is false. */
  public static fromHostPath(name: string, hostPath: string, mountPath: string, options: { readonly readOnly?: boolean } = {}): AisVolume {
    return new AisVolume({ name, hostPath: { path: hostPath, type: 'Directory' } }, { name, mountPath, readOnly: options.readOnly ?? true });
  }

  /** @internal a volume built from its Kubernetes parts (`volume` absent: a volumeClaimTemplate provides it) */
  public static _fromKube(volume: k8s.Volume | undefined, mount: k8s.VolumeMount): AisVolume {
    return new AisVolume(volume, mount);
  }

  /** Name of the pod volume. */
  public readonly name: string;
  /** Where the aisnode container mounts it. */
  public readonly mountPath: string;
  /** @internal */
  public readonly _volume?: k8s.Volume;
  /** @internal */
  public readonly _mount: k8s.VolumeMount;

  private constructor(volume: k8s.Volume | undefined, mount: k8s.VolumeMount) {
    this.name = mount.name;
    this.mountPath = mount.mountPath;
    this._volume = volume;
    this._mount = mount;
  }
}
