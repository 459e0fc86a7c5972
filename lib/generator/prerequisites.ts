import type { Prerequisite } from '../k8s/prerequisite';
import type { ClusterConfig } from '../config/schema';
import type { AdaptedConfig } from '../from-config/check';
import { planSubjects, subjectPrerequisites } from '../report/subjects';
import { buildApp } from './build';

/**
 * Everything a cluster config's output needs in the cluster and does not create (Secrets, ConfigMaps,
 * issuers, stores, controllers, the AIS operator, AuriStorFS client config): builds the app and asks
 * the constructs (each L3 knows its own prerequisites).
 */
export function configPrerequisites(config: ClusterConfig | AdaptedConfig): Prerequisite[] {
  return subjectPrerequisites(planSubjects(buildApp(config)));
}
