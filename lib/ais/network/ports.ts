/** The four AIS ports. Host and container ports are kept equal. */
export interface AisPorts {
  /**
   * Proxy (gateway) public port: the port clients use.
   * @default 51080
   */
  readonly proxy?: number;
  /**
   * Target public port, also exposed as hostPort on every target node (clients are redirected there).
   * @default 51081
   */
  readonly target?: number;
  /**
   * Intra-cluster control port (proxies and targets).
   * @default 51082
   */
  readonly intraControl?: number;
  /**
   * Intra-cluster data port (proxies and targets).
   * @default 51083
   */
  readonly intraData?: number;
}

/** AisPorts with every default applied. */
export type ResolvedAisPorts = Required<AisPorts>;

export function resolvePorts(ports: AisPorts = {}): ResolvedAisPorts {
  return {
    proxy: ports.proxy ?? 51080,
    target: ports.target ?? 51081,
    intraControl: ports.intraControl ?? 51082,
    intraData: ports.intraData ?? 51083,
  };
}
