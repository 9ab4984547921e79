// How many reads a review costs (bench/README.md, section 3): contents go by pages of files, and a blob that
// is the same at head and base is read once.
import { describe, expect, it } from 'vitest';
import { FakePort } from '../../test/support/fake-port.js';
import { defaultConfig } from '../engine/config.js';
import { BLOBS_PER_QUERY, octokitPort } from './octokit.js';
import type { OctokitLike } from './octokit.js';
import type { FileContent, RepoRef } from './port.js';
import { reviewPullRequest } from './review.js';

const ref = { owner: 'contoso', repo: 'infra', number: 7 };

/** A FakePort that remembers which paths each side read. */
class CountingPort extends FakePort {
  reads: { sha: string; paths: string[] }[] = [];

  override async readFiles(repo: RepoRef, sha: string, paths: readonly string[]): Promise<Map<string, FileContent>> {
    this.reads.push({ sha, paths: [...paths] });
    return super.readFiles(repo, sha, paths);
  }
}

const CLUSTER = (nodes: number) => `resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks"
  location            = "westeurope"
  resource_group_name = "rg"
  dns_prefix          = "aks"

  default_node_pool {
    name       = "system"
    node_count = ${nodes}
    vm_size    = "Standard_D4s_v5"
  }

  network_profile {
    network_plugin = var.plugin
  }
}
`;
const VARIABLES = 'variable "plugin" {\n  type    = string\n  default = "kubenet"\n}\n';

describe('the reads of a review', () => {
  it('reads a blob that is the same at head and base once, and the base still sees it', async () => {
    // Arrange: only main.tf changes; the plugin comes from variables.tf, unchanged context.
    const base = {
      'infra/main.tf': CLUSTER(3),
      'infra/variables.tf': VARIABLES,
      'infra/outputs.tf': 'output "x" {\n  value = 1\n}\n',
    };
    const port = new CountingPort('github-actions[bot]', base, { ...base, 'infra/main.tf': CLUSTER(5) });

    // Act
    const outcome = await reviewPullRequest(port, ref, {
      config: defaultConfig('2026-11-27'),
      failOn: 'error',
      filterMode: 'added',
      commentMode: 'update',
      reviewComments: true,
      tag: 'netguide',
      botLogin: 'github-actions[bot]',
    });

    // Assert: the base read only the changed file; the kubenet finding resolved through the shared
    // variables.tf on both sides, so it is not new.
    expect(port.reads.map((read) => [read.sha, read.paths.sort()])).toEqual([
      ['head', ['infra/main.tf', 'infra/outputs.tf', 'infra/variables.tf']],
      ['base', ['infra/main.tf']],
    ]);
    expect(outcome.findings.map((entry) => [entry.finding.ruleId, entry.status])).toEqual([
      ['kubenet-retirement', 'unchanged'],
    ]);
    expect(outcome.conclusion).toBe('success');
  });
});

describe('octokitPort readFiles', () => {
  it.each([
    [1, 1],
    [100, 1],
    [101, 2],
    [250, 3],
  ])('reads %i files in %i GraphQL queries', async (files, queries) => {
    // Arrange: an Octokit whose GraphQL answers every aliased blob with its path.
    const asked: number[] = [];
    const octokit = {
      graphql: async (query: string) => {
        const aliases = [...query.matchAll(/(?<alias>b\d+): object\(expression: "[^:]+:(?<path>[^"]+)"\)/g)];
        asked.push(aliases.length);
        return {
          repository: Object.fromEntries(
            aliases.map((match) => [
              match.groups?.alias,
              { __typename: 'Blob', text: match.groups?.path, isBinary: false, isTruncated: false },
            ]),
          ),
        };
      },
    } as unknown as OctokitLike;
    const paths = Array.from({ length: files }, (_, index) => `infra/file-${index}.tf`);

    // Act
    const contents = await octokitPort(octokit).readFiles({ owner: 'contoso', repo: 'infra' }, 'abc', paths);

    // Assert
    expect(asked).toHaveLength(queries);
    expect(Math.max(...asked)).toBeLessThanOrEqual(BLOBS_PER_QUERY);
    expect(contents.get(`infra/file-${files - 1}.tf`)).toBe(`infra/file-${files - 1}.tf`);
  });
});
