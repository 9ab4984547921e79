export type * from './cluster.js';
export type * from './finding.js';
export type * from './format.js';
export type * from './source.js';
export type * from './setting.js';
export { settingValue } from './setting.js';
export { severityRank } from './finding.js';
export type * from './report.js';
