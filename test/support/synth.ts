import { parseConfigText } from '../../lib/from-config/load';
import { buildApp } from '../../lib/generator/build';
import { Manifest } from '../../lib/k8s/manifest';
import { synthesize, SynthOutput } from '../../lib/gitops/synthesize';

/** Synthesizes config text in memory (no files), from the props the loader built (as the generator does). */
export function synthConfig(text: string, file = 'test.yaml'): SynthOutput {
  return synthesize(buildApp(parseConfigText(text, file).adapted));
}

/** The objects a config text produces. */
export function manifestsOf(text: string): readonly Manifest[] {
  return synthConfig(text).manifests;
}
