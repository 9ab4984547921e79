import { MODELS } from '../knowledge/index.js';
import type { ModelId } from '../knowledge/types.js';

/** A model id as people read it: Microsoft's name, or what the classification says. */
export function modelLabel(model: string): string {
  if (model === 'platform-default') return 'AKS default (not written)';
  if (model === 'unresolved') return 'unresolved';
  return model in MODELS ? MODELS[model as ModelId].name : model;
}
