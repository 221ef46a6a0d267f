import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConflictError, Puck, WebhookVerificationError } from '@quiver/puck';
import { FAKE_PUCK_API_KEY, startFakePuck } from '@quiver/puck/testing';
import type { DemoContext, Step } from '../context.ts';

declare module '../context.ts' {
  interface DemoState {
    /** The Puck investigation opened for the worst finding. */
    investigation?: { id: string; status: string; severity?: string | null };
  }
}

interface Delivery {
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A webhook receiver on loopback: keeps the raw body, as signature verification needs it. */
async function startReceiver(ctx: DemoContext) {
  let resolveFirst!: (d: Delivery) => void;
  const first = new Promise<Delivery>((resolve) => {
    resolveFirst = resolve;
  });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(204).end();
      resolveFirst({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  ctx.onCleanup(() => new Promise((resolve) => server.close(resolve)));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/puck/events`, first };
}

async function connect(ctx: DemoContext): Promise<{ puck: Puck; live: boolean }> {
  const hooks = {
    // Show the SDK's retry of a rate-limited trigger: the same Idempotency-Key goes out again.
    afterResponse: (info: { status: number; headers: Record<string, string> }) => {
      if (info.status === 429) {
        ctx.handled(
          `Puck answered 429 (Retry-After ${info.headers['retry-after'] ?? '?'} s): the SDK waits, then retries with the same Idempotency-Key`,
        );
      }
    },
  };
  const apiKey = ctx.env.PUCK_API_KEY;
  if (apiKey) {
    ctx.info('using your Puck brain');
    return { puck: new Puck({ apiKey, baseURL: ctx.env.PUCK_BASE_URL, hooks }), live: true };
  }
  const fake = await startFakePuck({
    apiKeys: { [FAKE_PUCK_API_KEY]: { tier: 'pro' } },
    lifecycle: { stepMs: 250 },
    // The first trigger meets the tier limit, as a busy brain would answer.
    faults: [
      { method: 'POST', path: '/v1/investigations', status: 429, headers: { 'retry-after': '1' }, times: 1 },
    ],
  });
  ctx.fakes.puck = fake;
  ctx.onCleanup(() => fake.close());
  ctx.info(`fake Puck brain on ${fake.url} (set PUCK_API_KEY and PUCK_BASE_URL to use yours)`);
  return {
    puck: new Puck({ apiKey: FAKE_PUCK_API_KEY, baseURL: fake.url, tier: 'pro', hooks }),
    live: false,
  };
}

const step: Step = {
  vendor: 'Puck',
  title: 'investigate the finding on the endpoints, wait for the report, verify the webhook',
  async run(ctx) {
    const finding = ctx.state.worstFinding;
    if (!finding) {
      ctx.info('no finding to investigate');
      return;
    }
    const { puck, live } = await connect(ctx);

    // Webhooks need a URL the brain can reach: a loopback receiver for the fake, skipped for a real brain.
    const receiver = live ? undefined : await startReceiver(ctx);
    let secret: string | undefined;
    if (receiver) {
      const subscription = await puck.webhooks.subscriptions.create({
        url: receiver.url,
        events: ['investigation.completed'],
      });
      secret = subscription.secret ?? undefined;
      ctx.done(`subscribed ${receiver.url} to investigation.completed (${subscription.id})`);
    }

    // One investigation per finding: the finding id makes the idempotency key, so re-running the
    // automation within 24 h cannot start a second one, and the SDK's retries never do either.
    const queued = await puck.investigations.create(
      {
        query: `Look for signs of credential theft on ${finding.email}'s devices: ${finding.type} on ${finding.app}`,
        depth: 'standard',
        scope: { type: 'fleet' },
      },
      { idempotencyKey: `push-finding-${finding.id}` },
    );
    const id = queued.id ?? queued.investigation_id ?? '';
    ctx.done(`triggered investigation ${id} (Idempotency-Key push-finding-${finding.id.slice(0, 8)}…)`);

    // On purpose: the report is not there until the investigation completes; Puck says 409.
    try {
      await puck.investigations.report.retrieve(id);
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      ctx.handled(
        `report asked for too early: ConflictError ${error.status} "${error.message.split(': ').pop()}", handled`,
      );
      ctx.record('Puck', 'early report request', `ConflictError ${error.status}, handled`);
    }

    const started = Date.now();
    const investigation = await puck.investigations.waitForCompletion(id, {
      pollInterval: 1_000,
      timeout: live ? 15 * 60_000 : 30_000,
      onStatus: (status) =>
        ctx.progress(`${id}: ${status} (${((Date.now() - started) / 1000).toFixed(1)} s)`),
    });
    ctx.state.investigation = {
      id,
      status: investigation.status ?? 'unknown',
      severity: investigation.severity,
    };
    ctx.done(`investigation ${investigation.status} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    ctx.record('Puck', 'investigation', `${id} ${investigation.status}`);

    const report = await puck.investigations.report.retrieve(id);
    const findings = report.findings_summary?.length ?? 0;
    const actions = report.recommended_actions?.length ?? 0;
    ctx.done(
      `report: severity ${report.severity ?? 'n/a'}, ${findings} findings, ${actions} recommended actions`,
    );
    ctx.record('Puck', 'report', `severity ${report.severity ?? 'n/a'}`);

    if (receiver && secret) {
      const delivery = await Promise.race([
        receiver.first,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('no webhook within 10 s')), 10_000),
        ),
      ]);
      const event = await puck.webhooks.unwrap(delivery.body, delivery.headers, secret);
      ctx.done(`verified signed webhook ${event.event_type} (event ${event.event_id})`);
      try {
        await puck.webhooks.unwrap(delivery.body.replace('"v1"', '"v2"'), delivery.headers, secret);
      } catch (error) {
        if (!(error instanceof WebhookVerificationError)) throw error;
        ctx.handled('a tampered copy of it is rejected (WebhookVerificationError)');
      }
      ctx.record('Puck', 'webhook', `${event.event_type}, signature verified`);
    }
  },
};

export default step;
