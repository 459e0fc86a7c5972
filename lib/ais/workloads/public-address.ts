/**
 * What a proxy and a target advertise as their public address (without per-node `public` lists):
 * clients are redirected to `<scheme>://<address>:<target port>` for every object, the `ais` CLI and
 * the other proxies dial `<scheme>://<address>:<proxy port>` of the primary, so with HTTPS the
 * certificate must name that address for whoever verifies it (see lib/ais/network/addressing.ts).
 */
export enum AisPublicAddress {
  /** the node IP (`status.hostIP`): ais-init's default IP mode (aistore cmd/aisinit/main.go, AIS_PUBLIC_HOSTNAME) */
  NODE_IP = 'nodeIP',
  /** the node name (`spec.nodeName`, AIS_PUBLIC_DNS_MODE=Node): node names must resolve for clients */
  NODE_NAME = 'nodeName',
}
