#!/usr/bin/env node
// cdk8s-storage generator: cluster config (YAML) -> Kubernetes YAML in dist/. See `npm run synth -- --help`.
import { run } from './lib/generator/cli';

process.exitCode = run(process.argv.slice(2));
