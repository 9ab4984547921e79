// The fake GitHub in a process of its own (so its CPU and memory are not the measured client's), driven
// over IPC by the benchmark: set up a pull request, then report the requests it served.
import { startFakeGitHub } from '../test/fake-github/server.js';
import { pullScenario } from './scenario.js';

export type HostRequest =
  | { type: 'pull'; id: number; files: number; findings: number; seed: number; repo: string }
  | { type: 'app'; id: number; appId: number; slug: string; publicKeyPem: string; installationId: number }
  | { type: 'requests'; id: number }
  | { type: 'close'; id: number };

export interface PullReady {
  url: string;
  owner: string;
  repo: string;
  number: number;
  headSha: string;
  baseSha: string;
  token: string;
  botLogin: string;
}

export interface RequestLog {
  total: number;
  byOperation: Record<string, number>;
  /** Time from the first request to the last answer, by the fake's clock (epoch ms). */
  firstAt: number | undefined;
  lastAt: number | undefined;
}

const fake = await startFakeGitHub();
const TOKEN = 'bench-token';
const BOT = 'github-actions[bot]';
fake.addToken(TOKEN, { login: BOT, type: 'Bot', write: true, appId: 15368 });

function reply(id: number, body: unknown): void {
  process.send?.({ id, body });
}

process.on('message', (message: HostRequest) => {
  switch (message.type) {
    case 'pull': {
      const scenario = pullScenario(message.files, message.findings, message.seed);
      fake.createRepo(message.repo);
      const baseSha = fake.commit(message.repo, scenario.base);
      const headSha = fake.commit(message.repo, scenario.head, baseSha);
      const number = fake.openPull(message.repo, { base: baseSha, head: headSha, user: 'dev' });
      fake.reset();
      const [owner = '', repo = ''] = message.repo.split('/');
      reply(message.id, {
        url: fake.url,
        owner,
        repo,
        number,
        headSha,
        baseSha,
        token: TOKEN,
        botLogin: BOT,
      } satisfies PullReady);
      return;
    }
    case 'app':
      fake.registerApp({
        id: message.appId,
        slug: message.slug,
        publicKeyPem: message.publicKeyPem,
        installationIds: [message.installationId],
      });
      reply(message.id, {});
      return;
    case 'requests': {
      const byOperation: Record<string, number> = {};
      for (const request of fake.requests) {
        const key =
          request.operationId ?? (request.route === '/graphql' ? 'graphql' : `${request.method} ${request.path}`);
        byOperation[key] = (byOperation[key] ?? 0) + 1;
      }
      const log: RequestLog = {
        total: fake.requests.length,
        byOperation,
        firstAt: fake.requests[0]?.at,
        lastAt: fake.requests.at(-1)?.at,
      };
      fake.reset();
      reply(message.id, log);
      return;
    }
    case 'close':
      void fake.close().then(() => {
        reply(message.id, {});
        process.disconnect();
      });
      return;
  }
});
process.send?.({ id: 0, body: { ready: true } });
