import type { AnalyzeInput, Report } from '../engine/analyze.js';
import type { AnalyzeConfig } from '../engine/config.js';

/** One analysis asked of a worker. */
export interface PoolRequest {
  id: number;
  input: AnalyzeInput;
  config: AnalyzeConfig;
}

/** A worker's answer: the report, or why the analysis threw. */
export type PoolReply =
  { id: number; ok: true; report: Report } | { id: number; ok: false; message: string; stack?: string };
