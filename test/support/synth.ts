import { parseConfigText } from '../../lib/from-config/load';
import { buildApp } from '../../lib/generator/build';
import { Manifest } from '../../lib/k8s/manifest';
import { synthesize, SynthOutput } from '../../lib/gitops/synthesize';
import { planReport } from '../../lib/report/plan';
import { planSubjects } from '../../lib/report/subjects';

/** Synthesizes config text in memory (no files), from the props the loader built (as the generator does). */
export function synthConfig(text: string, file = 'test.yaml'): SynthOutput {
  return synthesize(buildApp(parseConfigText(text, file).adapted));
}

/** The objects a config text produces. */
export function manifestsOf(text: string): readonly Manifest[] {
  return synthConfig(text).manifests;
}

/** PLAN.md of config text as synth writes it (from the built constructs and their objects), naming the config `source`. */
export function planOf(text: string, source = 'test.yaml'): string {
  const { config, adapted } = parseConfigText(text, source);
  const app = buildApp(adapted);
  return planReport({ release: config.name, namespace: config.namespace, source }, planSubjects(app), synthesize(app).manifests);
}
