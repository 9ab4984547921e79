import { HttpRequest, InvocationContext } from '@azure/functions';
import { Probot } from 'probot';
import { describe, expect, it } from 'vitest';
import { createAzureHandler } from '../../src/app/azure-function.js';
import { signWebhook, webhookPayload } from '../fake-github/webhooks.js';
import { appKeys } from './harness.js';

const SECRET = 'azure-secret';

/** A Probot whose app records what it receives; the handler under test is the HTTP layer around it. */
function handlerWithRecorder() {
  const received: string[] = [];
  const probot = new Probot({ appId: 1, privateKey: appKeys().privateKeyPem, secret: SECRET, logLevel: 'fatal' });
  const handler = createAzureHandler({
    probot,
    appFn: (app) => {
      app.on('issue_comment.created', (context) => {
        received.push(`${context.name}.${context.payload.action} ${context.id}`);
      });
    },
  });
  return { handler, received };
}

/** A request as the Functions runtime builds it for an HTTP trigger. */
function request(body: string, headers: Record<string, string>): HttpRequest {
  return new HttpRequest({
    method: 'POST',
    url: 'https://netguide.azurewebsites.net/api/github-webhooks',
    headers: { 'content-type': 'application/json', ...headers },
    body: { string: body },
  });
}

describe('the Azure Functions handler (v4 programming model)', () => {
  const body = JSON.stringify(webhookPayload('issue_comment', 'created', { repo: 'contoso/infra', number: 1 }));

  it('verifies a signed delivery and hands it to the app: 200', async () => {
    const { handler, received } = handlerWithRecorder();

    const response = await handler(
      request(body, {
        'x-github-event': 'issue_comment',
        'x-github-delivery': 'd-1',
        'x-hub-signature-256': await signWebhook(SECRET, body),
      }),
      new InvocationContext({ functionName: 'github-webhooks', invocationId: 'i-1' }),
    );

    expect(response.status).toBe(200);
    expect(received).toEqual(['issue_comment.created d-1']);
  });

  it.each([
    { name: 'a forged signature', signature: async () => `sha256=${'f'.repeat(64)}` },
    { name: 'a signature with another secret', signature: () => signWebhook('other', body) },
    { name: 'a signature of another body', signature: () => signWebhook(SECRET, `${body} `) },
  ])('refuses $name with 400 and runs nothing', async ({ signature }) => {
    const { handler, received } = handlerWithRecorder();

    const response = await handler(
      request(body, {
        'x-github-event': 'issue_comment',
        'x-github-delivery': 'd-2',
        'x-hub-signature-256': await signature(),
      }),
      new InvocationContext({ functionName: 'github-webhooks', invocationId: 'i-2' }),
    );

    expect(response.status).toBe(400);
    expect(received).toEqual([]);
  });

  it('refuses a request without the webhook headers with 400', async () => {
    const { handler, received } = handlerWithRecorder();

    const response = await handler(
      request(body, { 'x-github-event': 'issue_comment' }),
      new InvocationContext({ functionName: 'github-webhooks', invocationId: 'i-3' }),
    );

    expect(response).toMatchObject({ status: 400, jsonBody: { error: expect.stringMatching(/x-github-delivery/) } });
    expect(received).toEqual([]);
  });

  it('refuses a body over 25 MB with 413, declared or streamed, before buffering it, and logs no payload', async () => {
    const { handler, received } = handlerWithRecorder();
    const logged: string[] = [];
    const context = () =>
      new InvocationContext({
        functionName: 'github-webhooks',
        invocationId: 'i-4',
        logHandler: (_level, ...args) => logged.push(args.map(String).join(' ')),
      });
    const headers = {
      'x-github-event': 'issue_comment',
      'x-github-delivery': 'd-4',
      'x-hub-signature-256': 'sha256=0',
    };
    let pulled = 0;
    const huge = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1024 * 1024;
        controller.enqueue(new TextEncoder().encode(`"PAYLOAD-MARK"${'x'.repeat(1024 * 1024 - 14)}`));
        if (pulled > 200 * 1024 * 1024) controller.close();
      },
    });
    // The streaming path (HTTP streams enabled): the Functions runtime wraps a fetch Request.
    const streamed = new HttpRequest({
      nativeRequest: new Request('https://netguide.azurewebsites.net/api/github-webhooks', {
        method: 'POST',
        headers,
        body: huge,
        duplex: 'half',
      } as RequestInit),
    } as ConstructorParameters<typeof HttpRequest>[0]);
    const declared = request('{}', { ...headers, 'content-length': String(100 * 1024 * 1024) });

    const responses = [await handler(streamed, context()), await handler(declared, context())];

    expect(responses.map((r) => r.status)).toEqual([413, 413]);
    expect(pulled).toBeLessThan(30 * 1024 * 1024);
    expect(received).toEqual([]);
    expect(logged.join('\n')).not.toMatch(/PAYLOAD-MARK/);
  });

  it('a refused signature is logged by delivery id and reason, never with the payload', async () => {
    const { handler } = handlerWithRecorder();
    const logged: string[] = [];
    const marked = body.replace('"created"', '"created","x":"PAYLOAD-MARK"');
    const response = await handler(
      request(marked, {
        'x-github-event': 'issue_comment',
        'x-github-delivery': 'd-5',
        'x-hub-signature-256': `sha256=${'f'.repeat(64)}`,
      }),
      new InvocationContext({
        functionName: 'github-webhooks',
        invocationId: 'i-5',
        logHandler: (_level, ...args) => logged.push(args.map(String).join(' ')),
      }),
    );
    expect(response.status).toBe(400);
    expect(logged).toEqual([
      expect.stringMatching(/^webhook d-5 \(issue_comment\) refused: the signature does not match$/),
    ]);
  });

  it('the same signed body replayed under a fresh delivery id runs once', async () => {
    const { handler, received } = handlerWithRecorder();
    const signature = await signWebhook(SECRET, body);
    const statuses: number[] = [];
    for (const id of ['d-6', 'd-7', 'd-8']) {
      const response = await handler(
        request(body, { 'x-github-event': 'issue_comment', 'x-github-delivery': id, 'x-hub-signature-256': signature }),
        new InvocationContext({ functionName: 'github-webhooks', invocationId: id }),
      );
      statuses.push(response.status ?? 0);
    }
    expect(statuses).toEqual([200, 200, 200]);
    expect(received).toEqual(['issue_comment.created d-6']);
  });
});
