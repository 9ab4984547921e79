import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze, formatFor, isContextFile, isRelevant } from '../../src/engine/analyze.js';
import type { AnalyzeInput } from '../../src/engine/analyze.js';
import { defaultConfig } from '../../src/engine/config.js';
import { collect } from '../../src/fs/walk.js';
import type * as PoolModule from '../../src/worker/pool.js';

/**
 * The pool runs the compiled worker (`lib/worker/analyze-worker.js`), as the CLI and the App do: it needs
 * `lib/` built (npm test builds it first).
 */
const { createAnalysisPool } = (await import(
  new URL('../../lib/worker/pool.js', import.meta.url).href
)) as typeof PoolModule;

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const config = defaultConfig('2026-12-05');

async function read(folder: string): Promise<AnalyzeInput> {
  const collected = await collect([folder], {
    cwd: repoRoot,
    maxFileBytes: config.maxFileBytes,
    isRelevant: (file) => isRelevant(file),
    isTarget: (file) => formatFor(file) !== undefined,
    isContext: (file) => isContextFile(file),
  });
  return { files: collected.files, targets: collected.targets };
}

const KUBENET_TF = {
  path: 'main.tf',
  content: 'resource "azurerm_kubernetes_cluster" "a" {\n  network_profile {\n    network_plugin = "kubenet"\n  }\n}\n',
};

describe('the analysis pool', () => {
  const pool = createAnalysisPool({ size: 2 });
  afterAll(() => pool.close());

  it('is sized as asked', () => {
    expect(pool.size).toEqual(2);
  });

  it.each([
    'examples/legacy-kubenet',
    'examples/platform-cilium',
    'examples/registry-module',
    'examples/variable-driven',
    'examples',
    'test/corpus',
  ])('gives the in-process report for %s', async (folder) => {
    const input = await read(folder);

    const [pooled, inProcess] = await Promise.all([pool.analyze(input, config), analyze(input, config)]);

    expect(inProcess.clusters.length).toBeGreaterThan(0);
    expect(pooled).toEqual(inProcess);
  });

  it('gives the in-process report with a base', async () => {
    const input: AnalyzeInput = { files: [KUBENET_TF], base: { files: [{ path: 'main.tf', content: '' }] } };

    expect(await pool.analyze(input, config)).toEqual(await analyze(input, config));
  });

  it('rejects only the call whose analysis throws, and keeps serving', async () => {
    const broken = { ...config, rules: null as unknown as Record<string, never> };

    const outcomes = await Promise.allSettled([
      pool.analyze({ files: [KUBENET_TF] }, broken),
      pool.analyze({ files: [KUBENET_TF] }, config),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled']);
    expect(String((outcomes[0] as PromiseRejectedResult).reason)).toMatch(/^Error: analysis failed in worker: /);
    expect((await pool.analyze({ files: [KUBENET_TF] }, config)).clusters.length).toEqual(1);
  });

  it('rejects a call whose input cannot be sent to a worker', async () => {
    const input = { files: [{ path: 'main.tf', content: KUBENET_TF.content, extra: () => 1 }] };

    await expect(pool.analyze(input as AnalyzeInput, config)).rejects.toThrow(/cannot be sent to a worker/);
    expect((await pool.analyze({ files: [KUBENET_TF] }, config)).clusters.length).toEqual(1);
  });

  it('rejects the call whose worker dies and replaces the worker', async () => {
    const tight = createAnalysisPool({ size: 1, resourceLimits: { maxOldGenerationSizeMb: 32 } });
    const files = Array.from({ length: 200_000 }, (_, i) => ({
      path: `d${i}/main.tf`,
      content: `variable "v${i}" {}\n`,
    }));

    try {
      await expect(tight.analyze({ files }, config)).rejects.toThrow(/^analysis worker crashed \(.*memory limit/);
      expect((await tight.analyze({ files: [KUBENET_TF] }, config)).clusters.length).toEqual(1);
    } finally {
      await tight.close();
    }
  });

  it('rejects work after close', async () => {
    const closing = createAnalysisPool({ size: 1 });

    await closing.close();

    await expect(closing.analyze({ files: [KUBENET_TF] }, config)).rejects.toThrow('the analysis pool is closed');
  });
});
