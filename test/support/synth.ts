import { parseConfig } from '../../lib/config/load';
import { buildApp } from '../../lib/generator/build';
import { Manifest } from '../../lib/k8s/manifest';
import { synthesize, SynthOutput } from '../../lib/gitops/synthesize';

/** Synthesizes config text in memory (no files). */
export function synthConfig(text: string, file = 'test.yaml'): SynthOutput {
  return synthesize(buildApp(parseConfig(text, file)));
}

/** The objects a config text produces. */
export function manifestsOf(text: string): readonly Manifest[] {
  return synthConfig(text).manifests;
}
