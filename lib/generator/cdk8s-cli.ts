// The generator run by cdk8s-cli (`npx cdk8s synth`, cdk8s.yaml): cdk8s-cli deletes its output
// folder ($CDK8S_OUTDIR) before it starts the app (cdk8s-cli lib/cli/cmds/synth.js, handler:
// fs.rmSync(outdir) before synthApp), so that folder only ever gets a copy of the output.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isWithin } from '../output/ownership';

/**
 * Under `cdk8s synth`, cdk8s-cli deletes $CDK8S_OUTDIR before it starts the generator. That folder
 * is a scratch copy (cdk8s.yaml: output); when it is the real output, the previous output is gone
 * and the change review cannot protect it: refuse, with one line.
 */
export function cdk8sScratchProblem(scratch: string, out: string, configFile: string): string | undefined {
  const dir = path.resolve(scratch);
  const overlaps = [path.resolve(out), path.resolve(configFile)].some((p) => isWithin(p, dir) || isWithin(dir, p));
  if (!overlaps) return undefined;
  return `error: cdk8s synth --output ${scratch} deleted ${scratch}/ before starting the generator, so the change review cannot see the previous output; `
    + `nothing was written: restore it (git checkout -- ${scratch}) and run \`npm run synth\` (plain \`npx cdk8s synth\` writes its copy to a scratch folder and is safe)`;
}

/** Copies the YAML of the output to cdk8s-cli's scratch folder, for its listing, --stdout and validation plugins. */
export function copyToCdk8sScratch(scratch: string, files: ReadonlyMap<string, string>): void {
  fs.mkdirSync(scratch, { recursive: true });
  for (const [name, text] of files) if (name.endsWith('.yaml')) fs.writeFileSync(path.join(scratch, name), text);
}
