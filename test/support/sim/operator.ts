/**
 * The AIS operator (ais-k8s 8bb21bf = 3.4.0) as far as the runbooks meet it. Filled in with operator mode.
 */
import { World } from './world';

export function operatorController(world: World): void {
  void world;
}
