import { App, AppProps } from 'cdk8s';
import { synthesize } from './synthesize';
import { writeOutputDir } from '../output/write-dir';
import { toYamlStream } from '../output/yaml';
import { applyGitOps } from './apply';

/**
 * Props of a {@link GitOpsApp}: those of cdk8s's `App` (`outdir`, `resolvers`) but the file layout,
 * which is the generator's.
 */
export type GitOpsAppProps = Omit<AppProps, 'yamlOutputType' | 'outputFileExtension' | 'recordConstructMetadata'>;

/**
 * A cdk8s `App` that writes what the generator writes: use it in place of `App` when the output
 * goes to Argo CD. `synth()` first applies the GitOps policy ({@link applyGitOps}): the label-only
 * Nodes of every construct that labels a node merge into one object per node (an AIS cluster and an
 * AuriStorFS group on the same machines), no object may be emitted twice, and every object gets
 * its sync wave and sync options. Then it writes one file per chart that holds objects, named by
 * the chart's path (`ais/config` → `ais-config.yaml`, no empty files, no hashes), into `outdir`,
 * replacing its previous output atomically as `npm run synth` does (only files it wrote: a
 * hand-written file there is refused by name); the constructs' validations run first, and a
 * failure leaves `outdir` as it was.
 *
 * An `ArgoApplication` in an ordinary chart is written like any other object; an
 * `ArgoApplicationChart` (the generator's, meant to sit beside the synced folder) is refused.
 */
export class GitOpsApp extends App {
  constructor(props: GitOpsAppProps = {}) {
    super(props);
  }

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
      throw new Error(`GitOpsApp writes only into ${this.outdir}, not beside it (${[...output.beside.keys()].join(', ')}): `
        + 'put the ArgoApplication in an ordinary Chart');
    }
    return output;
  }
}
