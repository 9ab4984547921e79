// Summarizes a V8 `.cpuprofile` (from `node --cpu-prof`): self time by function and by area of the code.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  where: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  functions: SelfTime[];
  areas: SelfTime[];
}

/** `root` is cut from file URLs so they read as repository paths. */
export function summarizeProfile(file: string, root: string, top = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  for (const [index, id] of profile.samples.entries()) {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  }
  const totalUs = profile.endTime - profile.startTime;
  const functions = new Map<string, SelfTime>();
  const areas = new Map<string, SelfTime>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (node === undefined) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = shorten(url, root);
    const name = functionName === '' ? '(anonymous)' : functionName;
    const key = `${name} ${where}:${lineNumber + 1}`;
    const entry = functions.get(key) ?? {
      name,
      where: url === '' ? '' : `${where}:${lineNumber + 1}`,
      ms: 0,
      share: 0,
    };
    entry.ms += us / 1000;
    functions.set(key, entry);
    const area = areaOf(name, where);
    const areaEntry = areas.get(area) ?? { name: area, where: '', ms: 0, share: 0 };
    areaEntry.ms += us / 1000;
    areas.set(area, areaEntry);
  }
  const finish = (entries: Iterable<SelfTime>, limit: number) =>
    [...entries]
      .map((entry) => ({ ...entry, ms: round(entry.ms), share: round((entry.ms * 1000) / totalUs, 3) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, limit);
  return {
    totalMs: round(totalUs / 1000),
    functions: finish(functions.values(), top),
    areas: finish(areas.values(), 12),
  };
}

function shorten(url: string, root: string): string {
  const path = url.replace(/^file:\/\//, '');
  return path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path;
}

/** Where time goes, coarsely: a format, the engine, a dependency, Node's own I/O, the GC. */
function areaOf(name: string, where: string): string {
  if (where === '') return name.startsWith('(') ? name : '(native)';
  const format = /(?:lib|src)\/formats\/(?<id>[^/]+)\//.exec(where)?.groups?.id;
  if (format !== undefined) return `formats/${format}`;
  const layer = /(?:lib|src)\/(?<layer>[^/]+)\//.exec(where)?.groups?.layer;
  if (layer !== undefined) return layer;
  const dependency = /node_modules\/(?<name>@[^/]+\/[^/]+|[^/]+)\//.exec(where)?.groups?.name;
  if (dependency !== undefined) return dependency;
  if (where.startsWith('node:')) return 'node internals';
  return where;
}

function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
