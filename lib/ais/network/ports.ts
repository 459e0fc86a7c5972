import { DEFAULT_PORTS } from '../defaults';

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
    proxy: ports.proxy ?? DEFAULT_PORTS.proxy,
    target: ports.target ?? DEFAULT_PORTS.target,
    intraControl: ports.intraControl ?? DEFAULT_PORTS.intraControl,
    intraData: ports.intraData ?? DEFAULT_PORTS.intraData,
  };
}
