import { parseConfig } from '../../lib/config/load';
import { buildApp } from '../../lib/generator/build';
import { Manifest } from '../../lib/k8s/manifest';
import { synthesize, SynthOutput } from '../../lib/gitops/synthesize';
import { planReport } from '../../lib/report/plan';
import { planSubjects } from '../../lib/report/subjects';

/** Synthesizes config text in memory (no files). */
export function synthConfig(text: string, file = 'test.yaml'): SynthOutput {
  return synthesize(buildApp(parseConfig(text, file)));
}

/** The objects a config text produces. */
export function manifestsOf(text: string): readonly Manifest[] {
  return synthConfig(text).manifests;
}

/** PLAN.md of config text as synth writes it (from the built constructs and their objects), naming the config `source`. */
export function planOf(text: string, source = 'test.yaml'): string {
  const config = parseConfig(text, source);
  const app = buildApp(config);
  return planReport({ release: config.name, namespace: config.namespace, source }, planSubjects(app), synthesize(app).manifests);
}
