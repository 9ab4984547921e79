// One pull-request review against the fake GitHub through the real Octokit adapter, as the Action builds it
// (`createActionOctokit`: retries, throttling, timeout; GITHUB_API_URL points at the fake). With
// `unthrottled`, the same Octokit without @octokit/plugin-throttling's pacing (it spaces every write and
// every GraphQL query one second apart), to see what the requests themselves cost.
import { defaultConfig } from '../../src/engine/config.js';
import { ActionOctokit, createActionOctokit } from '../../src/action/client.js';
import type { OctokitLike } from '../../src/github/octokit.js';
import { octokitPort } from '../../src/github/octokit.js';
import { reviewPullRequest } from '../../src/github/review.js';
import type { PullReady } from '../fake-host.js';
import { TODAY, elapsed, finish, now } from '../child.js';

const pull = JSON.parse(process.argv[2] ?? '{}') as PullReady;
const mode = process.argv[3] === 'unthrottled' ? 'unthrottled' : 'throttled';

function unthrottledOctokit(token: string): OctokitLike {
  const octokit = new ActionOctokit({
    auth: token,
    baseUrl: process.env['GITHUB_API_URL'],
    retry: { retries: 3 },
    throttle: { enabled: false },
  });
  octokit.hook.wrap('request', (request, options) =>
    request({ ...options, request: { ...options.request, signal: AbortSignal.timeout(30_000) } }),
  );
  return octokit;
}

const start = now();
const octokit =
  mode === 'throttled'
    ? createActionOctokit(pull.token, { timeoutMs: 30_000, retries: 3, log: () => undefined })
    : unthrottledOctokit(pull.token);
const outcome = await reviewPullRequest(
  octokitPort(octokit),
  { owner: pull.owner, repo: pull.repo, number: pull.number },
  {
    config: defaultConfig(TODAY),
    failOn: 'error',
    filterMode: 'added',
    commentMode: 'update',
    reviewComments: true,
    tag: 'aks-netguide',
    botLogin: pull.botLogin,
  },
);
const reviewMs = elapsed(start);

finish({
  mode,
  reviewMs,
  findings: outcome.findings.length,
  newFindings: outcome.findings.filter((entry) => entry.status === 'new').length,
  clusters: outcome.report.clusters.length,
  analyzedFiles: outcome.report.files.length,
  inline: outcome.posted.inline,
  summary: outcome.posted.summary,
  conclusion: outcome.conclusion,
});
