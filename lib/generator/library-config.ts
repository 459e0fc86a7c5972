/**
 * A whole cluster from a config file, for library users: what the generator does, as functions.
 * The parsed config is opaque in the public types ({@link LoadedConfig}): the package's .d.ts
 * never reach the config schema or its validation library, and compile in a stock
 * `cdk8s init typescript-app` (no `esModuleInterop`, no `skipLibCheck`).
 */
import type { App } from 'cdk8s';
import type { Prerequisite } from '../k8s/prerequisite';
import type { AdaptedConfig } from '../from-config/check';
import * as load from '../from-config/load';
import * as build from './build';
import * as prerequisites from './prerequisites';

declare const parsed: unique symbol;

/**
 * A cluster config file, parsed and checked: what {@link loadConfigFile} returns and
 * {@link buildApp} builds. Its keys are the config file's (docs/config-reference.md); to change
 * the cluster, change the file or use the constructs.
 */
export interface LoadedConfig {
  /** marks a config only {@link loadConfigFile} and {@link parseConfig} make */
  readonly [parsed]: true;
}

// the config as the adapters built it (the props are built once, for buildApp and configPrerequisites alike)
const loadedConfig = (config: AdaptedConfig): LoadedConfig => config as unknown as LoadedConfig;
const adaptedConfig = (config: LoadedConfig): AdaptedConfig => config as unknown as AdaptedConfig;

/**
 * Reads, parses and checks a cluster config file.
 * @throws ConfigError listing every problem with file, line, column and key path
 */
export function loadConfigFile(file: string): LoadedConfig {
  return loadedConfig(load.loadConfig(file).adapted);
}

/**
 * Parses and checks cluster config text.
 * @param file the name problems are reported under
 * @throws ConfigError listing every problem with file, line, column and key path
 */
export function parseConfig(text: string, file: string): LoadedConfig {
  return loadedConfig(load.parseConfigText(text, file).adapted);
}

/**
 * The generator's cdk8s app for a config: every chart, then the GitOps policy (see `applyGitOps`).
 * @param app the app to add the charts to; default a new cdk8s `App`
 */
export function buildApp(config: LoadedConfig, app?: App): App {
  return build.buildApp(adaptedConfig(config), app);
}

/** What the config's output needs in the cluster and does not create (Secrets, ConfigMaps, issuers, stores, controllers), in the order to create them. */
export function configPrerequisites(config: LoadedConfig): Prerequisite[] {
  return prerequisites.configPrerequisites(adaptedConfig(config));
}
