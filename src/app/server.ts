/**
 * `npm run app`: the app as a plain Node HTTP server. Probot reads APP_ID, PRIVATE_KEY (or
 * PRIVATE_KEY_PATH), WEBHOOK_SECRET, WEBHOOK_PATH, GHE_HOST/GHE_PROTOCOL and LOG_LEVEL from the
 * environment; PORT (default 3000) and HOST (default 0.0.0.0) choose where to listen.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ProbotOctokit, createNodeMiddleware, createProbot } from 'probot';
import app from './index.js';

// Probot's request throttling spaces every write (and GraphQL query) 1 s apart and comments 3 s apart,
// for the whole process: safe against secondary rate limits, slow for a busy app. NETGUIDE_THROTTLE=off
// turns it off (the local fake, benchmarks); with REDIS_URL it is shared by all instances.
// (Probot merges its own throttle options over `Octokit.defaults`, so the switch sits in the constructor.)
class UnthrottledOctokit extends ProbotOctokit {
  constructor(options: ConstructorParameters<typeof ProbotOctokit>[0] = {}) {
    super({ ...options, throttle: { ...options.throttle, enabled: false } });
  }
}
const probot =
  process.env.NETGUIDE_THROTTLE === 'off'
    ? createProbot({ overrides: { Octokit: UnthrottledOctokit } })
    : createProbot();
const middleware = await createNodeMiddleware(app, { probot });
const server = createServer((request, response) => {
  void middleware(request, response, () => {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
  });
});
server.listen(Number(process.env.PORT ?? '3000'), process.env.HOST ?? '0.0.0.0', () => {
  const { address, port } = server.address() as AddressInfo;
  // One line on stdout with the address: the end-to-end test reads the port from it (PORT=0).
  process.stdout.write(`aks-netguide app listening on http://${address}:${port}${probot.webhookPath}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
