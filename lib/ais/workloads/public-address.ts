/**
 * What a target advertises as its public address: clients are redirected to `<scheme>://<address>:<target port>`
 * for every object, so with HTTPS the certificate must name that address for clients that verify it.
 */
export enum AisPublicAddress {
  /** the node IP (`status.hostIP`): ais-init's default IP mode (aistore cmd/aisinit/main.go, AIS_PUBLIC_HOSTNAME) */
  NODE_IP = 'nodeIP',
  /** the node name (`spec.nodeName`, AIS_PUBLIC_DNS_MODE=Node): node names must resolve for clients */
  NODE_NAME = 'nodeName',
}

/** How the targets' addresses get into the certificate (see {@link targetsWithoutSan}). */
export interface TargetSanOptions {
  readonly targetNodes: readonly string[];
  /** @default AisPublicAddress.NODE_IP */
  readonly publicAddress?: AisPublicAddress;
  /** targets publish their own LoadBalancer IP (which the certificate names) instead */
  readonly externalAccess: boolean;
  /** node name → node IP, put into the certificate */
  readonly nodeIPs: Readonly<Record<string, string>>;
  /** clients verify the AIS certificate */
  readonly clientsVerify: boolean;
}

/**
 * Target nodes whose advertised address a certificate we issue would not name, so that a client
 * verifying the certificate fails on every redirect to them (empty: all covered, or nobody verifies).
 * Node names are always covered (the certificate lists every target node name in nodeName mode).
 */
export function targetsWithoutSan(options: TargetSanOptions): string[] {
  if (!options.clientsVerify || options.externalAccess || options.publicAddress === AisPublicAddress.NODE_NAME) return [];
  return options.targetNodes.filter((node) => options.nodeIPs[node] === undefined);
}

/** The error for {@link targetsWithoutSan}, the same from the config and from the construct. */
export function targetsWithoutSanMessage(missing: readonly string[], targetPort: number): string {
  return `targets advertise https://<node IP>:${targetPort} and clients are redirected there, but the certificate names no IP for `
    + `${missing.join(', ')}: clients that verify it fail. Give every target node's IP in tls.nodeIPs ({node: ip}), or set `
    + 'publicAddress: nodeName (clients resolve node names; the certificate names them), or set tls.clientsVerify: false if no client verifies';
}
