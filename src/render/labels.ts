import type { ClusterReport } from '../model/index.js';
import { MODELS } from '../knowledge/index.js';
import type { NetworkModel } from '../model/index.js';

/** A model as people name it, e.g. "Azure CNI Overlay". */
export function modelLabel(model: NetworkModel): string {
  if (model === 'platform-default') return 'not set (AKS default)';
  if (model === 'unresolved') return 'unknown (unresolved value)';
  return MODELS[model].name;
}

/** The model with what AKS would pick when nothing is set. */
export function describeModel({ classification }: ClusterReport): string {
  const label = modelLabel(classification.model);
  const picked = classification.platformDefault;
  if (picked === undefined) return label;
  return `${label}: ${MODELS[picked.model].name} (${picked.basis})`;
}
