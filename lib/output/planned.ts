import type { Manifest } from '../k8s/manifest';

/** Everything one synth would write, in memory. */
export interface PlannedOutput {
  /** the synced output dir: file name -> text */
  readonly files: ReadonlyMap<string, string>;
  /** files beside it (Argo CD Applications, the node label script), keyed by a '/'-path relative to the output dir */
  readonly beside: ReadonlyMap<string, string>;
  /**
   * the objects each YAML file was rendered from, in document order, when known (saves parsing)
   * @default - none: the texts are parsed
   */
  readonly objects?: ReadonlyMap<string, readonly Manifest[]>;
}
