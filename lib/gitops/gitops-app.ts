import { App } from 'cdk8s';
import { synthesize } from '../generator/synthesize';
import { writeOutputDir } from '../generator/write-dir';
import { toYamlStream } from '../output/yaml';
import { applyGitOps } from './apply';

/**
 * A cdk8s `App` that writes what the generator writes: use it in place of `App` when the output
 * goes to Argo CD. `synth()` first applies the GitOps policy ({@link applyGitOps}): the label-only
 * Nodes of every construct that labels a node merge into one object per node (an AIS cluster and an
 * AuriStorFS group on the same machines), no object may be emitted twice, and every object gets
 * its sync wave and sync options. Then it writes one file per chart that holds objects, named by
 * the chart's path (`ais/config` → `ais-config.yaml`, no empty files, no hashes), into `outdir`,
 * replacing its previous output atomically as `npm run synth` does; the constructs' validations
 * run first, and a failure leaves `outdir` as it was.
 *
 * Argo CD Applications (charts written beside the output) are the generator's; add your own
 * `ArgoApplication` to a chart of your GitOps repo instead.
 */
export class GitOpsApp extends App {
  /** Applies the GitOps policy (idempotent: merged Nodes stay merged, waves are set again) and writes `outdir`. */
  public override synth(): void {
    const output = this.synthesizeOutput();
    writeOutputDir(this.outdir, output.files);
  }

  /** The whole output as one YAML stream, after the GitOps policy, chart by chart. */
  public override synthYaml(): string {
    return toYamlStream([...this.synthesizeOutput().manifests]);
  }

  private synthesizeOutput(): ReturnType<typeof synthesize> {
    applyGitOps(this);
    const output = synthesize(this);
    if (output.beside.size > 0) {
      throw new Error(`GitOpsApp writes only the synced output, not ${[...output.beside.keys()].join(', ')}: `
        + 'put Argo CD Applications in a chart of their own app');
    }
    return output;
  }
}
