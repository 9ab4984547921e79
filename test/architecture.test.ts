import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layering of docs/architecture.md is enforced by eslint.config.js; these cases prove the lint bites.
const eslint = new ESLint({ cwd: process.cwd() });

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('dependencies point one way', () => {
  it.each([
    ['src/render/x.ts', "import { RULES } from '../rules/index.js';\nexport const n = RULES.length;\n"],
    ['src/rules/x.ts', "import { analyze } from '../engine/analyze.js';\nexport const f = analyze;\n"],
    ['src/domain/x.ts', "import { FORMATS } from '../formats/index.js';\nexport const f = FORMATS;\n"],
    ['src/model/x.ts', "import { classify } from '../domain/classify.js';\nexport const f = classify;\n"],
    ['src/formats/x/extract.ts', "import { RULES } from '../../rules/index.js';\nexport const f = RULES;\n"],
    ['src/engine/x.ts', "import { toSarif } from '../render/sarif.js';\nexport const f = toSarif;\n"],
    ['src/github/x.ts', "import { run } from '../action/main.js';\nexport const f = run;\n"],
    ['src/cli/x.ts', "import { app } from '../app/index.js';\nexport const f = app;\n"],
    ['src/inventory/x.ts', "import { octokitPort } from '../github/octokit.js';\nexport const f = octokitPort;\n"],
    ['src/inventory/x.ts', "import { RULES } from '../rules/index.js';\nexport const n = RULES.length;\n"],
    ['src/inventory/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
    ['src/render/x.ts', "import { buildInventory } from '../inventory/fold.js';\nexport const f = buildInventory;\n"],
    ['src/worker/x.ts', "import { main } from '../cli/main.js';\nexport const f = main;\n"],
    [
      'src/engine/x.ts',
      "import { createAnalysisPool } from '../worker/pool.js';\nexport const f = createAnalysisPool;\n",
    ],
    ['src/inventory/x.ts', "import { octokitPort } from '../github/octokit.js';\nexport const f = octokitPort;\n"],
    ['src/inventory/x.ts', "import { RULES } from '../rules/index.js';\nexport const n = RULES.length;\n"],
    ['src/inventory/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
    ['src/render/x.ts', "import { buildInventory } from '../inventory/fold.js';\nexport const f = buildInventory;\n"],
    [
      'src/rules/x.ts',
      "import { kubenetRetirement } from './kubenet-retirement.js';\nexport const f = kubenetRetirement;\n",
    ],
    ['src/engine/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
    ['src/render/x.ts', "import { Octokit } from '@octokit/core';\nexport const f = Octokit;\n"],
    ['src/github/x.ts', "import * as core from '@actions/core';\nexport const f = core;\n"],
    [
      'src/formats/azure-powershell/x.ts',
      "import { readAzCommand } from '../azure-cli/az.js';\nexport const f = readAzCommand;\n",
    ],
    ['src/formats/azure-cli/x.ts', "import { parse } from '../azure-powershell/parse.js';\nexport const f = parse;\n"],
    ['src/formats/terraform/x.ts', "import { parse } from '../terraform-plan/parse.js';\nexport const f = parse;\n"],
    [
      'src/formats/shared/script/x.ts',
      "import { extract } from '../../azure-cli/extract.js';\nexport const f = extract;\n",
    ],
    ['src/formats/bicep/x.ts', "import { RULES } from '../../rules/index.js';\nexport const f = RULES;\n"],
    ['src/formats/shared/x.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;\n"],
  ])('%s may not import that', async (file, code) => {
    expect(await restricted(file, code)).not.toEqual([]);
  });

  it.each([
    [
      'src/rules/x.ts',
      "import { classify } from '../domain/classify.js';\nimport { fillCommand } from '../domain/commands.js';\nimport { createRule } from './rule.js';\nimport { isAzurermCluster } from './support/terraform-changes.js';\nexport const f = [classify, fillCommand, createRule, isAzurermCluster];\n",
    ],
    ['src/render/x.ts', "import type { Report } from '../model/index.js';\nexport type R = Report;\n"],
    [
      'src/github/x.ts',
      "import { analyze } from '../engine/analyze.js';\nimport { renderMarkdown } from '../render/markdown.js';\nexport const f = [analyze, renderMarkdown];\n",
    ],
    [
      'src/inventory/x.ts',
      "import { escapeMarkdown } from '../render/escape.js';\nimport { daysBetween } from '../domain/dates.js';\nexport const f = [escapeMarkdown, daysBetween];\n",
    ],
    ['src/github/x.ts', "import { buildInventory } from '../inventory/fold.js';\nexport const f = buildInventory;\n"],
    [
      'src/worker/x.ts',
      "import { Worker } from 'node:worker_threads';\nimport { analyze } from '../engine/analyze.js';\nexport const f = [Worker, analyze];\n",
    ],
    ['src/cli/x.ts', "import { createAnalysisPool } from '../worker/pool.js';\nexport const f = createAnalysisPool;\n"],
    [
      'src/inventory/x.ts',
      "import { escapeMarkdown } from '../render/escape.js';\nimport { daysBetween } from '../domain/dates.js';\nexport const f = [escapeMarkdown, daysBetween];\n",
    ],
    ['src/github/x.ts', "import { buildInventory } from '../inventory/fold.js';\nexport const f = buildInventory;\n"],
    [
      'src/action/x.ts',
      "import { Octokit } from '@octokit/rest';\nimport { walk } from '../fs/walk.js';\nexport const f = [Octokit, walk];\n",
    ],
    [
      'src/formats/azure-powershell/x.ts',
      "import { readPowerShell } from '../shared/script/pwsh.js';\nimport { MAX_YAML_NESTING } from '../nesting.js';\nimport type { Cluster } from '../../model/index.js';\nexport const f = [readPowerShell, MAX_YAML_NESTING];\nexport type C = Cluster;\n",
    ],
    [
      'src/formats/shared/az/x.ts',
      "import { plainSource } from '../script/words.js';\nimport { classify } from '../../../domain/classify.js';\nexport const f = [plainSource, classify];\n",
    ],
  ])('%s may import that', async (file, code) => {
    expect(await restricted(file, code)).toEqual([]);
  });
});
