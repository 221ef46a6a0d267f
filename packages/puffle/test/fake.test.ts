import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ConflictError,
  InsufficientCreditsError,
  InvalidInputError,
  NotFoundError,
  Puffle,
  UnprocessableEntityError,
  WaitTimeoutError,
} from '../src/index.js';
import { FAKE_PUFFLE_API_KEY, type FakePuffle, SEED_IDS, startFakePuffle } from '../src/testing/index.js';
import { rejection } from './helpers.js';

let fake: FakePuffle;
let puffle: Puffle;
beforeAll(async () => {
  fake = await startFakePuffle();
  puffle = new Puffle({ apiKey: FAKE_PUFFLE_API_KEY, baseURL: fake.url });
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const calls = (path: string) => fake.requests.filter((r) => r.path === path);

describe('the five pagination styles, every item once', () => {
  it('cursor:nextCursor (GET /api/leads) follows nextCursor until it is null', async () => {
    const names = [];
    for await (const lead of puffle.leads.list({ limit: 3 })) names.push(lead.id);
    expect(names).toEqual(fake.data.leads.map((l) => l.id));
    expect(new Set(names).size).toBe(7);
    expect(calls('/api/leads').map((r) => r.query)).toEqual([
      { limit: '3' },
      { limit: '3', cursor: names[2] },
      { limit: '3', cursor: names[5] },
    ]);
  });

  it('cursor:nextCursor with hasMore (GET /api/lists/{id}/leads) stops on hasMore: false', async () => {
    const ids = await puffle.lists.leads.list(SEED_IDS.lists.targets, { limit: 2 }).toArray();
    expect(ids.map((l) => l.id)).toEqual([
      SEED_IDS.leads.adaAcme,
      SEED_IDS.leads.bobAcme,
      SEED_IDS.leads.carolGlobex,
      SEED_IDS.leads.danGlobex,
      SEED_IDS.leads.erinInitech,
    ]);
    expect(calls(`/api/lists/${SEED_IDS.lists.targets}/leads`)).toHaveLength(3);
  });

  it('cursor:pagination (GET /api/signals) sends pagination.cursor back and stops on hasMore: false', async () => {
    const pages = [];
    for await (const page of puffle.signals.list({ limit: 3 }).pages())
      pages.push(page.items.map((s) => s.id));
    expect(pages).toEqual([['sig_01', 'sig_02', 'sig_03'], ['sig_04', 'sig_05', 'sig_06'], ['sig_07']]);
    expect(calls('/api/signals').map((r) => r.query.cursor)).toEqual([undefined, 'sig_03', 'sig_06']);
  });

  it('cursor:page (GET /api/enrichment/{id}/items) follows page.nextCursor', async () => {
    const started = await puffle.enrichment.create({
      enrichmentId: 'work_email',
      scope: { type: 'list', listId: SEED_IDS.lists.targets },
    });
    const items = await puffle.enrichment.items.list(started.runId as string, { limit: 2 }).toArray();
    expect(items).toHaveLength(5);
    expect(new Set(items.map((i) => i.leadId)).size).toBe(5);
    expect(calls(`/api/enrichment/${started.runId}/items`)).toHaveLength(3);
  });

  it('page (GET /api/campaigns/{id}/leads) stops once page × limit reaches total, no extra request', async () => {
    const prospects = await puffle.campaigns.leads.list(SEED_IDS.campaigns.draft, { limit: 2 }).toArray();
    expect(prospects.map((p) => p.id)).toEqual(
      [1, 2, 3, 4, 5].map((i) => `pros_${SEED_IDS.campaigns.draft}_${i}`),
    );
    expect(calls(`/api/campaigns/${SEED_IDS.campaigns.draft}/leads`).map((r) => r.query)).toEqual([
      { limit: '2' },
      { limit: '2', page: '2' },
      { limit: '2', page: '3' },
    ]);
    // Without a limit the page size the body echoes is used: one page of 5, total 5, one request.
    fake.reset();
    await puffle.threads.messages.list(SEED_IDS.threads.reply).toArray();
    expect(calls(`/api/threads/${SEED_IDS.threads.reply}/messages`)).toHaveLength(1);
  });

  it('offset (GET /api/leads/search/results) advances by the items received until total', async () => {
    const { task } = await puffle.leads.search.createAndWait(
      { prompt: 'CTOs', fetch_count: 12 },
      { pollInterval: 1_000 },
    );
    const rows = await puffle.leads.search.results.list({ taskId: task.id, limit: 5 }).toArray();
    expect(rows).toHaveLength(12);
    expect(calls('/api/leads/search/results').map((r) => r.query.offset)).toEqual([undefined, '5', '10']);
  });
});

describe('waiters on core polling', () => {
  it('leads.search.createAndWait reports each status and resolves with the final task and list', async () => {
    const statuses: string[] = [];
    const result = await puffle.leads.search.createAndWait(
      { prompt: 'Heads of security', fetch_count: 3, listName: 'Security leads' },
      { pollInterval: 1_000, onStatus: (s) => statuses.push(s) },
    );
    expect(statuses).toEqual(['running', 'completed']);
    expect(result.task).toMatchObject({ status: 'completed', resultCount: 3 });
    expect(result.list).toMatchObject({ name: 'Security leads' });
    expect(calls('/api/leads/search').filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('enrichment.createAndWait spends credits and writes results onto the Leads', async () => {
    const run = await puffle.enrichment.createAndWait(
      { enrichmentId: 'work_email', scope: { type: 'explicit_leads', leadIds: [SEED_IDS.leads.adaAcme] } },
      { pollInterval: 1_000 },
    );
    expect(run.status).toBe('completed');
    expect(fake.credits).toBe(98);
    const [item] = await puffle.enrichment.items.list(run.id).toArray();
    expect(item?.result).toEqual({ value: 'ada@acme.com' });
    expect((await puffle.leads.retrieve(SEED_IDS.leads.adaAcme)).attributes).toMatchObject({
      workEmail: 'ada@acme.com',
    });
  });

  it("enrichment.createAndWait refuses mode: 'preview' before sending", async () => {
    const err = await rejection(
      puffle.enrichment.createAndWait({
        enrichmentId: 'work_email',
        scope: { type: 'list', listId: 'all' },
        mode: 'preview',
      }),
    );
    expect(err).toBeInstanceOf(InvalidInputError);
    expect(fake.requests).toHaveLength(0);
  });

  it('campaigns.launchAndWait resolves once the campaign left launching', async () => {
    const statuses: string[] = [];
    const { launch, campaign } = await puffle.campaigns.launchAndWait(SEED_IDS.campaigns.draft, {
      pollInterval: 1_000,
      onStatus: (s) => statuses.push(s),
    });
    expect(launch.prospectsToProcess).toBe(5);
    expect(campaign.campaign.status).toBe('active');
    expect(statuses).toEqual(['active']);
  });

  it('times out with WaitTimeoutError carrying the last value, and aborts with the signal reason', async () => {
    const slow = await startFakePuffle({ pollsPerStep: 1_000 });
    try {
      const client = new Puffle({ apiKey: FAKE_PUFFLE_API_KEY, baseURL: slow.url });
      const { runId } = await client.enrichment.create({
        enrichmentId: 'work_email',
        scope: { type: 'list', listId: 'all' },
      });
      const err = await rejection(
        client.enrichment.waitForCompletion(runId as string, { pollInterval: 1_000, timeout: 1_500 }),
      );
      expect(err).toBeInstanceOf(WaitTimeoutError);
      expect(err.lastValue).toMatchObject({ id: runId, status: 'pending' });
      const controller = new AbortController();
      const waiting = client.enrichment.waitForCompletion(runId as string, {
        pollInterval: 1_000,
        signal: controller.signal,
      });
      controller.abort(new Error('stop'));
      expect((await rejection(waiting)).message).toBe('stop');
    } finally {
      await slow.close();
    }
  });
});

describe('credits, conflicts and errors', () => {
  it('402 becomes InsufficientCreditsError with required and balance, and nothing is charged', async () => {
    fake.setCredits(3);
    const err = await rejection(
      puffle.enrichment.create({
        enrichmentId: 'work_email',
        scope: { type: 'list', listId: SEED_IDS.lists.targets },
      }),
    );
    expect(err).toBeInstanceOf(InsufficientCreditsError);
    expect(err).toMatchObject({ status: 402, code: 'insufficient_credits', required: 10, balance: 3 });
    expect(err.message).toMatch(
      /^Puffle POST 127\.0\.0\.1:\d+\/api\/enrichment → 402: Not enough credits for this enrichment$/,
    );
    expect(fake.credits).toBe(3);
    expect(fake.data.runs).toHaveLength(0);
  });

  it('409s keep the code and the extras on err.body', async () => {
    await puffle.signals.search.create({ query: 'SOC 2 audits' });
    const again = await rejection(puffle.signals.search.create({ query: 'again' }));
    expect(again).toBeInstanceOf(ConflictError);
    expect(again.code).toBe('conflict');
    const dup = await rejection(
      puffle.threads.create({
        participant_email: 'ada@acme.com',
        account_id: SEED_IDS.senders.email,
        draft_subject: 'x',
      }),
    );
    expect(dup).toBeInstanceOf(ConflictError);
    expect(dup.body.existing_thread.id).toBe(SEED_IDS.threads.reply);
  });

  it('a second enrichment cancel answers 409 with err.code run_not_cancellable', async () => {
    const { runId } = await puffle.enrichment.create({
      enrichmentId: 'work_email',
      scope: { type: 'list', listId: 'all' },
    });
    expect(await puffle.enrichment.cancel(runId as string)).toMatchObject({ id: runId, status: 'cancelled' });
    const err = await rejection(puffle.enrichment.cancel(runId as string));
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.code).toBe('run_not_cancellable');
  });

  it('a filtered retrieve with no match is NotFoundError; 422 from import-from-list keeps the counts', async () => {
    expect(await rejection(puffle.leads.retrieve('lead_nope'))).toBeInstanceOf(NotFoundError);
    const list = await puffle.lists.create({ name: 'No emails', leadIds: [SEED_IDS.leads.adaAcme] });
    const err = await rejection(
      puffle.campaigns.leads.importFromList(SEED_IDS.campaigns.active, { listId: list.id }),
    );
    expect(err).toBeInstanceOf(UnprocessableEntityError);
    expect(err.body).toMatchObject({ imported: 0, invalid: 1, total: 1 });
  });

  it('uploads a draft attachment as multipart through the fake', async () => {
    const file = new File(['hello'], 'notes.txt', { type: 'text/plain' });
    const attachment = await puffle.threads.attachments.create(SEED_IDS.threads.draft, { file });
    expect(attachment).toMatchObject({
      name: 'notes.txt',
      bucket: 'attachments',
      mime_type: 'text/plain',
      size: 5,
    });
  });

  it('checks documented input limits locally: nothing is sent', async () => {
    const cases: [Promise<unknown>, string][] = [
      [puffle.signals.update({ items: [] }), 'body.items must have between 1 and 200 items'],
      [
        puffle.signals.settings.update({ scanTimeUtc: '07:10' }),
        'body.scanTimeUtc must be HH:MM UTC on a 15-minute boundary (:00, :15, :30, :45)',
      ],
      [
        puffle.enrichment.items.list('r1', { limit: 500 }).toArray(),
        'limit must be between 1 and 100; got 500.',
      ],
      [
        puffle.signals.types.delete({ ids: Array.from({ length: 51 }, (_, i) => `t${i}`) }),
        'body.ids must have between 1 and 50 items',
      ],
      [
        puffle.account.update({ email: 'a@b.co', password: 'longenough' }),
        'body must not change email and password in one request',
      ],
      [
        puffle.threads.attachments.create('t', { file: new Blob([new Uint8Array(10 * 1024 * 1024 + 1)]) }),
        'body.file must be at most 10 MB',
      ],
    ];
    for (const [call, message] of cases) {
      const err = await rejection(call);
      expect(err).toBeInstanceOf(InvalidInputError);
      expect(err.message).toBe(message);
    }
    expect(fake.requests).toHaveLength(0);
  });
});
