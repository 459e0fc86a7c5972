/**
 * The naive baseline of `npm run bench`: the same constructs (so the same objects) synthesized
 * the obvious way, with cdk8s's own `App.synth()` (per-chart resolution and YAML through the
 * `yaml` library). Usage: node out/bench-naive.js <config.yaml> <outdir>
 */
import { App, YamlOutputType } from 'cdk8s';
import { loadConfigFile } from '../lib/from-config/load';
import { buildApp } from '../lib/generator/build';

const [config, outdir] = process.argv.slice(2);
const app = buildApp(loadConfigFile(config), new App({ outdir, yamlOutputType: YamlOutputType.FILE_PER_CHART }));
app.synth();
