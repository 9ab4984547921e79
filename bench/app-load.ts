// The App under load (issue 14, item 4): 8 installations x 50 PRs delivered in one burst against the local
// fake GitHub (in this process), the app a real child process with its worker pool. Prints p50/p99 webhook
// -> check concluded, the acknowledgement times, and requests per installation; then the acknowledgement
// times of webhooks sent while one PR with a long analysis (BENCH_HEAVY_CLUSTERS clusters in one .tf) runs.
// Run: `npx esbuild bench/app-load.ts --bundle --packages=external
// --platform=node --format=esm --outfile=test/fake-github/.app-load-bench.mjs (next to the fake so its spec and the harness paths resolve)` (see bench/README.md section 5).
import { webhookPayload } from '../test/fake-github/webhooks.js';
import { startFakeGitHub } from '../test/fake-github/server.js';
import {
  appKeys,
  bundleServer,
  cluster,
  deliver,
  percentile,
  removeBundle,
  startAppProcess,
} from '../test/app/harness.js';

const INSTALLATIONS = Number(process.env.BENCH_INSTALLATIONS ?? '8');
const PRS = Number(process.env.BENCH_PRS ?? '50');
const HEAVY = Number(process.env.BENCH_HEAVY_CLUSTERS ?? '20000');
const SECRET = 'bench-secret';
const APP_ID = 5151;

const keys = appKeys();
const fake = await startFakeGitHub();
const ids = Array.from({ length: INSTALLATIONS }, (_, index) => 515100 + index);
fake.registerApp({ id: APP_ID, slug: 'netguide-load', publicKeyPem: keys.publicKeyPem, installationIds: ids });
const script = await bundleServer();
const app = await startAppProcess({
  script,
  githubUrl: fake.url,
  appId: APP_ID,
  privateKeyPem: keys.privateKeyPem,
  secret: SECRET,
  env: { NETGUIDE_THROTTLE: 'off', APP_SLUG: 'netguide-load' },
});

function pull(repo: string, files: Record<string, string>, installation: number) {
  fake.createRepo(repo);
  const base = fake.commit(repo, { 'README.md': '# infra\n' });
  const head = fake.commit(repo, files, base);
  const number = fake.openPull(repo, { base, head, user: 'dev' });
  return webhookPayload('pull_request', 'opened', {
    repo,
    apiUrl: `${fake.url}/api/v3`,
    installationId: installation,
    number,
    headSha: head,
    baseSha: base,
    sender: 'dev',
  });
}

try {
  const work = ids.flatMap((installation, i) =>
    Array.from({ length: PRS }, (_, n) => ({
      installation,
      repo: `org${i}/repo-${n}`,
      payload: pull(`org${i}/repo-${n}`, { 'infra/main.tf': cluster('aks', 'kubenet') }, installation),
    })),
  );
  fake.requests.length = 0;
  const sent = new Map<string, number>();
  const concluded = new Map<string, number>();
  const begin = performance.now();
  const acks = await Promise.all(
    work.map(async (item) => {
      sent.set(item.repo, performance.now());
      return deliver(app.url, SECRET, 'pull_request', item.payload);
    }),
  );
  while (concluded.size < work.length) {
    for (const run of fake.state.checkRuns)
      if (run.status === 'completed' && !concluded.has(run.repo)) concluded.set(run.repo, performance.now());
    if (performance.now() - begin > 600_000) break;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const seconds = (performance.now() - begin) / 1000;
  const latencies = work.map((item) => (concluded.get(item.repo) ?? Number.NaN) - (sent.get(item.repo) ?? 0));
  const perInstallation = new Map<string, number>();
  for (const request of fake.requests) {
    const token = String(request.headers.authorization ?? 'none');
    perInstallation.set(token, (perInstallation.get(token) ?? 0) + 1);
  }
  const counts = [...perInstallation.entries()].filter(([token]) => token !== 'none' && !token.startsWith('bearer'));
  console.log(
    JSON.stringify({
      burst: `${INSTALLATIONS} installations x ${PRS} PRs`,
      failed: acks.filter((ack) => ack.status !== 200).length,
      concluded: concluded.size,
      seconds: Number(seconds.toFixed(1)),
      conclusionP50Ms: Math.round(percentile(latencies, 50)),
      conclusionP99Ms: Math.round(percentile(latencies, 99)),
      ackP50Ms: Math.round(
        percentile(
          acks.map((a) => a.ms),
          50,
        ),
      ),
      ackP99Ms: Math.round(
        percentile(
          acks.map((a) => a.ms),
          99,
        ),
      ),
      ackMaxMs: Math.round(Math.max(...acks.map((a) => a.ms))),
      requestsPerInstallationToken: counts.map(([, count]) => count).sort((a, b) => a - b),
      requestsTotal: fake.requests.length,
    }),
  );

  // One long analysis, then small PRs of another installation delivered one by one while it runs.
  const heavyText = Array.from({ length: HEAVY }, (_, n) => cluster(`c${n}`, 'kubenet')).join('\n');
  const heavy = pull('heavy/repo', { 'infra/main.tf': heavyText }, ids[0] ?? 0);
  const heavyStart = performance.now();
  await deliver(app.url, SECRET, 'pull_request', heavy);
  const during: number[] = [];
  let n = 0;
  while (!fake.state.checkRuns.some((run) => run.repo === 'heavy/repo' && run.status === 'completed')) {
    const small = pull(`light/repo-${n++}`, { 'main.tf': cluster('aks', 'overlay') }, ids[1] ?? 0);
    during.push((await deliver(app.url, SECRET, 'pull_request', small)).ms);
    await new Promise((resolve) => setTimeout(resolve, 200));
    if (performance.now() - heavyStart > 300_000) break;
  }
  console.log(
    JSON.stringify({
      heavyClusters: HEAVY,
      heavyMs: Math.round(performance.now() - heavyStart),
      acksDuring: during.length,
      ackP50Ms: Math.round(percentile(during, 50)),
      ackP99Ms: Math.round(percentile(during, 99)),
      ackMaxMs: Math.round(Math.max(...during)),
    }),
  );
} finally {
  await app.stop();
  await fake.close();
  removeBundle(script);
}
