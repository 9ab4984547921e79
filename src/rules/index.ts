import { basicLoadBalancer } from './basic-load-balancer.js';
import { cidrOverlap } from './cidr-overlap.js';
import { clusterReplacement } from './cluster-replacement.js';
import { dnsServiceIp } from './dns-service-ip.js';
import { driftTrap } from './drift-trap.js';
import { kubenetNodeLimit } from './kubenet-node-limit.js';
import { kubenetRetirement } from './kubenet-retirement.js';
import { legacyNodeSubnet } from './legacy-node-subnet.js';
import { maxPodsRange } from './max-pods-range.js';
import { networkMigration } from './network-migration.js';
import { notAnalyzed } from './not-analyzed.js';
import { npmRetirement } from './npm-retirement.js';
import { parseError } from './parse-error.js';
import { platformDefault } from './platform-default.js';
import { podCidrCapacity } from './pod-cidr-capacity.js';
import { removedSetting } from './removed-setting.js';
import { reservedRange } from './reserved-range.js';
import type { Rule } from './rule.js';
import { subnetCapacity } from './subnet-capacity.js';
import { unresolvedSetting } from './unresolved-setting.js';
import { unsupportedCombination } from './unsupported-combination.js';
import { windowsNodePool } from './windows-node-pool.js';

/** Every rule, sorted by id. A test keeps this list, the files in this folder and `docs/rules/` equal. */
export const RULES: readonly Rule[] = [
  basicLoadBalancer,
  cidrOverlap,
  clusterReplacement,
  dnsServiceIp,
  driftTrap,
  kubenetNodeLimit,
  kubenetRetirement,
  legacyNodeSubnet,
  maxPodsRange,
  networkMigration,
  notAnalyzed,
  npmRetirement,
  parseError,
  platformDefault,
  podCidrCapacity,
  removedSetting,
  reservedRange,
  subnetCapacity,
  unresolvedSetting,
  unsupportedCombination,
  windowsNodePool,
];

export type { AnalyzedCluster, PoolSubnets, Rule, ReportDescriptor } from './rule.js';
export { docsUrl, formatMessage } from './rule.js';
