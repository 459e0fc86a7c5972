// The generator run by cdk8s-cli (`npx cdk8s synth`, cdk8s.yaml): cdk8s-cli deletes its output
// folder ($CDK8S_OUTDIR) before it starts the app (cdk8s-cli lib/cli/cmds/synth.js, handler:
// fs.rmSync(outdir) before synthApp), so that folder only ever gets a copy of the output.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isWithin } from '../output/ownership';
import { shellWord } from './invocation';

/** Scratch folders to suggest for cdk8s-cli's --output (the project's cdk8s.yaml uses cdk8s.out), the first that is not the output. */
const SCRATCH_CANDIDATES = ['cdk8s.out', '.cdk8s.out'];

/**
 * Under `cdk8s synth`, cdk8s-cli deletes $CDK8S_OUTDIR before it starts the generator. That folder
 * is a scratch copy (cdk8s.yaml: output); when it is the real output, the previous output is gone
 * and the change review cannot protect it: refuse, with one line naming the two commands that work:
 * the generator itself as cdk8s-cli started it (`synth`, without cdk8s-cli nothing is deleted), and
 * cdk8s-cli with an explicit scratch `--output` (cdk8s.yaml without `output:` means dist/).
 */
export function cdk8sScratchProblem(scratch: string, out: string, configFile: string, synth: string): string | undefined {
  const overlapsOutput = (folder: string) => {
    const dir = path.resolve(folder);
    return [path.resolve(out), path.resolve(configFile)].some((p) => isWithin(p, dir) || isWithin(dir, p));
  };
  if (!overlapsOutput(scratch)) return undefined;
  const safeScratch = SCRATCH_CANDIDATES.find((folder) => !overlapsOutput(folder) && !isWithin(process.cwd(), path.resolve(folder)));
  return `error: cdk8s synth --output ${scratch} deleted ${scratch}/ before starting the generator, so the change review cannot see the previous output; `
    + `nothing was written: restore it (\`git checkout -- ${shellWord(scratch)}\`) and run \`${synth}\``
    + (safeScratch ? ` (or \`npx cdk8s synth --output ${safeScratch}\`: cdk8s-cli deletes its --output folder, so give it a scratch one)` : '');
}

/** Copies the YAML of the output to cdk8s-cli's scratch folder, for its listing, --stdout and validation plugins. */
export function copyToCdk8sScratch(scratch: string, files: ReadonlyMap<string, string>): void {
  fs.mkdirSync(scratch, { recursive: true });
  for (const [name, text] of files) if (name.endsWith('.yaml')) fs.writeFileSync(path.join(scratch, name), text);
}
