import {
  type FakeAnswer,
  type FakeFault,
  type FakeFile,
  type FakeHandlerRequest,
  type FakeRequest,
  HttpError,
  IdempotencyStore,
  offsetPage,
  randomId,
  startFakeServer,
} from '@quiver/core/testing';
import { createDefaultSeed, type FakePuffleData, type FakeRecord } from './seed.js';

/**
 * The fake Puffle: an in-process HTTP server on the kit of `@quiver/core/testing`, restating Puffle's
 * API reference (paths under `/api`, Bearer `pk_live_` keys, `{ error: { code, message } }` errors,
 * 201 on creation, the per-endpoint pagination styles, 402 `{ required, balance }` on enrichment,
 * idempotent enrichment by body `idempotencyKey`, 409 conflicts, async work that advances one step per
 * poll). Written independently of the client's endpoint rows, so a wrong row fails a test.
 */

/** The default key of the fake. */
export const FAKE_PUFFLE_API_KEY = 'pk_live_fake0000000000000000000000000000';

/** The error codes the fake answers, by status (Puffle's API basics: an open set). */
export const FAKE_ERROR_CODES: Readonly<Record<number, string>> = {
  400: 'invalid_request',
  401: 'unauthorized',
  402: 'insufficient_credits',
  403: 'forbidden',
  404: 'not_found',
  405: 'invalid_request',
  409: 'conflict',
  422: 'invalid_request',
  429: 'rate_limited',
  500: 'internal_error',
};

/** Options of `startFakePuffle`. */
export interface FakePuffleOptions {
  /** Accepted Bearer keys. Default `[FAKE_PUFFLE_API_KEY]`; two may be live at once (rotation). */
  apiKeys?: readonly string[];
  /** Seed data; each part given replaces the default one (see `createDefaultSeed`). */
  seed?: Partial<FakePuffleData>;
  /** Starting credit balance. Default `100`. */
  credits?: number;
  /**
   * How many polls an async task (lead search, enrichment run, signal search, campaign launch) takes
   * per status step: `1` (default) moves `pending → running → completed` on successive reads.
   */
  pollsPerStep?: number;
  /** Faults armed at start. */
  faults?: FakeFault[];
  /** Port on 127.0.0.1. Default `0` (a free port). */
  port?: number;
}

/** A running fake Puffle. */
export interface FakePuffle {
  /** `http://127.0.0.1:PORT`: pass it as `baseURL` (paths carry `/api`). */
  readonly url: string;
  /** The default key. */
  readonly apiKey: string;
  /** Every request received (credentials never recorded), oldest first. */
  readonly requests: FakeRequest[];
  /** The live data. */
  readonly data: FakePuffleData;
  /** The credit balance (also `data.credits`). */
  readonly credits: number;
  /** Sets the credit balance (e.g. `0` to see 402s). */
  setCredits(balance: number): void;
  /** Arms a fault (the kit's `FakeFault`). */
  fault(fault: FakeFault): void;
  /** Disarms every fault. */
  clearFaults(): void;
  /** Forgets requests, faults and idempotency keys, and restores the seed and balance. */
  reset(): void;
  /** Stops the server. */
  close(): Promise<void>;
}

type Req = FakeHandlerRequest;
const now = () => new Date().toISOString();
const clone = <T>(x: T): T => structuredClone(x);
const created = (body: unknown): FakeAnswer => ({ status: 201, body });
const ok = (body: unknown): FakeAnswer => ({ status: 200, body });

function obj(req: Req): Record<string, unknown> {
  if (req.body === undefined) return {};
  if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) {
    throw new HttpError(400, 'body must be a JSON object');
  }
  return req.body as Record<string, unknown>;
}
function str(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw new HttpError(400, `${name} is required`);
  return value;
}
function arr(value: unknown, name: string, min: number, max: number): unknown[] {
  if (!Array.isArray(value) || value.length < min || value.length > max) {
    throw new HttpError(400, `${name} must have between ${min} and ${max} items`);
  }
  return value;
}
function intParam(q: URLSearchParams, name: string, def: number, min: number, max: number): number {
  const raw = q.get(name);
  if (raw === null || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new HttpError(400, `${name} must be between ${min} and ${max}`);
  return n;
}
function find(list: FakeRecord[], id: string | undefined, what: string): FakeRecord {
  const found = list.find((r) => r.id === id);
  if (!found) throw new HttpError(404, `${what} not found`);
  return found;
}
function patch(target: FakeRecord, body: Record<string, unknown>, keys: readonly string[]): void {
  for (const k of keys) if (body[k] !== undefined) target[k] = body[k];
  if ('updatedAt' in target) target.updatedAt = now();
  if ('updated_at' in target) target.updated_at = now();
}

/**
 * Cursor pages as Puffle documents them: the cursor is the id of the last item of the previous page;
 * the last page has a null cursor and `hasMore: false`.
 */
function idCursor(items: FakeRecord[], q: URLSearchParams, def: number, max: number) {
  const limit = intParam(q, 'limit', def, 1, max);
  const cursor = q.get('cursor');
  let start = 0;
  if (cursor) {
    const at = items.findIndex((i) => i.id === cursor);
    if (at < 0) throw new HttpError(400, 'cursor is not an id of this list');
    start = at + 1;
  }
  const page = items.slice(start, start + limit);
  const hasMore = start + limit < items.length;
  return { page, hasMore, cursor: hasMore ? (page.at(-1)?.id ?? null) : null };
}

function numbered(items: FakeRecord[], q: URLSearchParams, def: number, max: number) {
  const page = intParam(q, 'page', 1, 1, Number.MAX_SAFE_INTEGER);
  const limit = intParam(q, 'limit', def, 1, max);
  return { items: items.slice((page - 1) * limit, page * limit), total: items.length, page, limit };
}

const LEAD_FIELDS = [
  'name',
  'title',
  'company',
  'location',
  'socials',
  'contacts',
  'domain',
  'industry',
  'size',
  'attributes',
  'raw',
] as const;
const RUN_STEPS = ['pending', 'running', 'completed'];

/** Starts a fake Puffle on a free loopback port. */
export async function startFakePuffle(options: FakePuffleOptions = {}): Promise<FakePuffle> {
  const keys = new Set(options.apiKeys ?? [FAKE_PUFFLE_API_KEY]);
  const pollsPerStep = Math.max(1, options.pollsPerStep ?? 1);
  const fresh = (): FakePuffleData => {
    const seed = { ...createDefaultSeed(), ...clone(options.seed ?? {}) };
    if (options.credits !== undefined) seed.credits = options.credits;
    return seed;
  };
  let data = fresh();
  const idem = new IdempotencyStore();
  /** Polls seen per async record id: each `pollsPerStep` reads advance one status step. */
  const polls = new Map<string, number>();

  const server = await startFakeServer({
    name: 'Puffle',
    port: options.port ?? 0,
    errorBody: (status, message) => ({
      error: { code: FAKE_ERROR_CODES[status] ?? 'internal_error', message },
    }),
    describeAuth: (req) => {
      const auth = req.headers.authorization;
      if (!auth) return 'missing';
      return keys.has(auth.replace(/^Bearer /, '')) ? 'valid' : 'invalid';
    },
    faults: options.faults,
  });

  server.use((req) => {
    const auth = req.headers.authorization ?? '';
    const match = /^Bearer (\S+)$/.exec(auth);
    if (!match || !keys.has(match[1] as string)) {
      throw new HttpError(401, 'Missing or invalid authentication credentials');
    }
    return undefined;
  });

  /** Advances an async record one step per `pollsPerStep` reads, calling `onStep` on each change. */
  const advance = (rec: FakeRecord, steps: readonly string[], onStep?: (status: string) => void) => {
    const n = (polls.get(rec.id) ?? 0) + 1;
    polls.set(rec.id, n);
    const at = steps.indexOf(String(rec.status));
    if (at >= 0 && at < steps.length - 1 && n % pollsPerStep === 0) {
      rec.status = steps[at + 1];
      onStep?.(rec.status as string);
    }
  };
  const listView = (l: FakeRecord) => {
    const { leadIds, ...rest } = l;
    const ids = leadIds as string[];
    const members = data.leads.filter((x) => ids.includes(x.id));
    return {
      ...clone(rest),
      leadCount: ids.length,
      personCount: members.filter((m) => m.type === 'person').length,
      companyCount: members.filter((m) => m.type === 'company').length,
    };
  };
  const leadView = (lead: FakeRecord) => ({
    ...clone(lead),
    lists: data.lists
      .filter((l) => (l.leadIds as string[]).includes(lead.id))
      .map((l) => ({ id: l.id, name: l.name })),
  });
  const r = (method: string, path: string, handler: (req: Req) => FakeAnswer) =>
    server.route(method, path, handler);

  // ---- account, context, credits -------------------------------------------------------------
  r('GET', '/api/account', () => ok(clone(data.account)));
  r('PATCH', '/api/account', (req) => {
    const b = obj(req);
    if (!['email', 'password', 'firstName', 'lastName'].some((k) => b[k] !== undefined))
      throw new HttpError(400, 'at least one field is required');
    if (b.email !== undefined && b.password !== undefined)
      throw new HttpError(400, 'email and password cannot change together');
    if ((b.email !== undefined || b.password !== undefined) && !data.account.canManageAuth)
      throw new HttpError(403, 'auth fields need a signed-in user');
    const profile = data.account.profile as Record<string, unknown>;
    if (b.firstName !== undefined) profile.firstName = b.firstName;
    if (b.lastName !== undefined) profile.lastName = b.lastName;
    return ok({ ...clone(data.account) });
  });
  r('GET', '/api/context', () => ok(clone(data.context)));
  r('PUT', '/api/context', (req) => {
    const b = obj(req);
    if (!('context' in b) || !('profile' in b)) throw new HttpError(400, 'context and profile are required');
    data.context = { context: b.context, profile: b.profile };
    return ok(clone(data.context));
  });
  r('GET', '/api/credits/config', () => ok(clone(data.creditsConfig)));

  // ---- leads ---------------------------------------------------------------------------------
  r('GET', '/api/leads', (req) => {
    const q = req.query;
    let items = data.leads;
    const id = q.get('id');
    if (id) items = items.filter((l) => l.id === id);
    const type = q.get('type');
    if (type) items = items.filter((l) => l.type === type);
    const text = (l: FakeRecord) => JSON.stringify(l).toLowerCase();
    const qq = q.get('q');
    if (qq) items = items.filter((l) => text(l).includes(qq.toLowerCase()));
    const domain = q.get('domain');
    if (domain) items = items.filter((l) => (l.company as { domain?: string } | null)?.domain === domain);
    const companyName = q.get('company');
    if (companyName)
      items = items.filter(
        (l) => (l.company as { name?: string } | null)?.name?.toLowerCase() === companyName.toLowerCase(),
      );
    const { page, cursor } = idCursor(items, q, 25, 100);
    // `{ leads, nextCursor }` only: this route documents no hasMore/total.
    return ok({ leads: page.map(leadView), nextCursor: cursor });
  });
  r('POST', '/api/leads', (req) => {
    const b = obj(req);
    if (b.type !== 'person' && b.type !== 'company')
      throw new HttpError(400, "type must be 'person' or 'company'");
    if (!b.name || typeof b.name !== 'object') throw new HttpError(400, 'name is required');
    const lead: FakeRecord = {
      id: randomId('lead_'),
      type: b.type,
      sources: [],
      socials: [],
      contacts: [],
      attributes: {},
      raw: {},
      createdAt: now(),
      updatedAt: now(),
    };
    patch(lead, b, LEAD_FIELDS);
    data.leads.push(lead);
    for (const listId of (b.listIds as string[] | undefined) ?? [])
      (find(data.lists, listId, 'List').leadIds as string[]).push(lead.id);
    (find(data.lists, 'all', 'List').leadIds as string[]).push(lead.id);
    return created({ lead: leadView(lead) });
  });
  r('PATCH', '/api/leads', (req) => {
    const b = obj(req);
    const lead = find(data.leads, str(b.id, 'id'), 'Lead');
    if (b.type !== undefined) throw new HttpError(400, 'type is not writable');
    patch(lead, b, LEAD_FIELDS);
    return ok({ lead: leadView(lead) });
  });
  r('DELETE', '/api/leads', (req) => {
    const id = str(obj(req).id, 'id');
    find(data.leads, id, 'Lead');
    data.leads = data.leads.filter((l) => l.id !== id);
    for (const l of data.lists) l.leadIds = (l.leadIds as string[]).filter((x) => x !== id);
    return ok({ success: true });
  });

  // ---- lead search (async; results in offset pages) -------------------------------------------
  r('POST', '/api/leads/search', (req) => {
    const b = obj(req);
    const prompt = str(b.prompt, 'prompt');
    if (!Number.isInteger(b.fetch_count) || (b.fetch_count as number) < 1)
      throw new HttpError(400, 'fetch_count must be a positive integer');
    let list = data.lists.find((l) => l.id === b.listId);
    if (
      list &&
      data.searchTasks.some(
        (t) => t.resultListId === list?.id && (t.status === 'pending' || t.status === 'running'),
      )
    ) {
      throw new HttpError(409, 'A lead search is already running for this list');
    }
    if (!list) {
      list = {
        id: typeof b.listId === 'string' ? b.listId : randomId('list_'),
        name: typeof b.listName === 'string' ? b.listName : prompt.slice(0, 40),
        description: null,
        leadType: 'person',
        leadIds: [],
        createdAt: now(),
        updatedAt: now(),
        searchFilters: {},
      };
      data.lists.push(list);
    }
    const task: FakeRecord = {
      id: randomId('task_'),
      type: 'lead_search',
      status: 'pending',
      statusUrl: null,
      resultListId: list.id,
      prompt,
      title: prompt.slice(0, 40),
      filters: {},
      resultCount: 0,
      errorMessage: null,
      createdAt: now(),
      completedAt: null,
      fetchCount: Math.min(b.fetch_count as number, 2500),
    };
    task.statusUrl = `/api/leads/search?taskId=${task.id}`;
    list.activeSearchTaskId = task.id;
    data.searchTasks.unshift(task);
    const { fetchCount: _f, ...wire } = task;
    return created({ task: clone(wire), list: { id: list.id, name: list.name } });
  });
  const taskView = (t: FakeRecord) => {
    const { fetchCount: _f, ...wire } = t;
    return clone(wire);
  };
  r('GET', '/api/leads/search', (req) => {
    const taskId = req.query.get('taskId');
    if (!taskId) return ok({ tasks: data.searchTasks.slice(0, 20).map(taskView) });
    const task = data.searchTasks.find((t) => t.id === taskId);
    if (!task) return ok({ tasks: [] });
    advance(task, RUN_STEPS, (status) => {
      if (status !== 'completed') return;
      // The fake saves min(fetch_count, 12) rows: enough for several offset pages.
      const rows = Array.from({ length: Math.min(task.fetchCount as number, 12) }, (_, i) => ({
        id: `${task.id}_row_${i + 1}`,
        name: `Found person ${i + 1}`,
        company: 'Acme',
        domain: 'acme.com',
      }));
      data.searchResults[task.id] = rows;
      task.resultCount = rows.length;
      task.completedAt = now();
      const list = data.lists.find((l) => l.id === task.resultListId);
      if (list) list.activeSearchTaskId = null;
    });
    return ok({ tasks: [taskView(task)] });
  });
  r('GET', '/api/leads/search/results', (req) => {
    const taskId = str(req.query.get('taskId') ?? undefined, 'taskId');
    if (!data.searchTasks.some((t) => t.id === taskId))
      throw new HttpError(404, 'Lead search task not found');
    const rows = data.searchResults[taskId] ?? [];
    const page = offsetPage(rows, {
      offset: req.query.get('offset'),
      limit: req.query.get('limit'),
      defaultLimit: 5,
      maxLimit: 100,
    });
    return ok({
      results: page.items,
      total: page.total,
      offset: Number(req.query.get('offset') ?? 0),
      limit: Number(req.query.get('limit') ?? 5),
    });
  });

  // ---- lists ---------------------------------------------------------------------------------
  r('GET', '/api/lists', () => ok({ lists: data.lists.map(listView) }));
  r('POST', '/api/lists', (req) => {
    const b = obj(req);
    const list: FakeRecord = {
      id: randomId('list_'),
      name: (b.name as string) ?? 'Untitled List',
      description: b.description ?? null,
      leadType: b.leadType ?? 'person',
      leadIds: [...((b.leadIds as string[]) ?? [])],
      createdAt: now(),
      updatedAt: now(),
      activeSearchTaskId: null,
      searchFilters: {},
    };
    data.lists.push(list);
    return created({ list: listView(list) });
  });
  r('PATCH', '/api/lists', (req) => {
    const b = obj(req);
    const list = find(data.lists, str(b.id, 'id'), 'List');
    if (list.id === 'all') throw new HttpError(400, 'The default list cannot be changed');
    patch(list, b, ['name', 'description', 'leadType']);
    return ok({ list: listView(list) });
  });
  r('DELETE', '/api/lists', (req) => {
    const id = str(obj(req).id, 'id');
    if (id === 'all') throw new HttpError(400, 'The default list cannot be deleted');
    find(data.lists, id, 'List');
    data.lists = data.lists.filter((l) => l.id !== id);
    return ok({ success: true });
  });
  r('GET', '/api/lists/:id/leads', (req) => {
    const list = find(data.lists, req.params.id, 'List');
    const ids = list.leadIds as string[];
    let items = data.leads.filter((l) => ids.includes(l.id));
    const type = req.query.get('type');
    if (type) items = items.filter((l) => l.type === type);
    const { page, hasMore, cursor } = idCursor(items, req.query, 50, 500);
    return ok({ leads: page.map(leadView), total: items.length, hasMore, nextCursor: cursor });
  });
  const leadIds = (req: Req) => arr(obj(req).leadIds, 'leadIds', 1, Number.MAX_SAFE_INTEGER) as string[];
  r('POST', '/api/lists/:id/leads', (req) => {
    const list = find(data.lists, req.params.id, 'List');
    for (const id of leadIds(req)) {
      find(data.leads, id, 'Lead');
      if (!(list.leadIds as string[]).includes(id)) (list.leadIds as string[]).push(id);
    }
    return created({ list: listView(list) });
  });
  r('DELETE', '/api/lists/:id/leads', (req) => {
    const list = find(data.lists, req.params.id, 'List');
    const drop = leadIds(req);
    list.leadIds = (list.leadIds as string[]).filter((x) => !drop.includes(x));
    return ok({ list: listView(list) });
  });
  r('POST', '/api/lists/import', (req) => {
    const b = obj(req);
    const leads = arr(b.leads, 'leads', 1, 500) as Record<string, unknown>[];
    const personCount = leads.filter((l) => l.type === 'person').length;
    const counts = { leadCount: leads.length, personCount, companyCount: leads.length - personCount };
    if (b.preview === true) return ok({ preview: counts });
    const list = b.listId ? find(data.lists, b.listId as string, 'List') : undefined;
    const ids = leads.map((l) => {
      const lead: FakeRecord = {
        id: randomId('lead_'),
        type: l.type ?? 'person',
        createdAt: now(),
        updatedAt: now(),
      };
      patch(lead, l, LEAD_FIELDS);
      data.leads.push(lead);
      (find(data.lists, 'all', 'List').leadIds as string[]).push(lead.id);
      if (list) (list.leadIds as string[]).push(lead.id);
      return lead.id;
    });
    return created({ imported: ids.length, leadIds: ids, ...counts });
  });

  // ---- enrichment (credits, 402, idempotency key in the body, async runs) ---------------------
  r('GET', '/api/enrichments', (req) => {
    const id = req.query.get('id');
    const q = req.query.get('q')?.toLowerCase();
    let items = data.enrichments;
    if (id) items = items.filter((e) => e.slug === id);
    if (q) items = items.filter((e) => JSON.stringify(e).toLowerCase().includes(q));
    return ok({ enrichments: clone(items) });
  });
  const opCost = (enrichment: FakeRecord): number => {
    const action = (enrichment.costModel as { creditAction?: string }).creditAction ?? '';
    const op = (data.creditsConfig.operations as Record<string, { credits: number }>)[action];
    return op?.credits ?? 1;
  };
  r('POST', '/api/enrichment', (req) => {
    const b = obj(req);
    const key = typeof b.idempotencyKey === 'string' ? b.idempotencyKey : undefined;
    if (key) {
      const seen = idem.check(key, b);
      if (seen.kind === 'replay') {
        return { ...seen.answer, body: { ...(seen.answer.body as object), reusedExistingRun: true } };
      }
      if (seen.kind === 'conflict') throw new HttpError(409, 'idempotencyKey was used with a different body');
    }
    const enrichment = data.enrichments.find((e) => e.slug === b.enrichmentId);
    if (!enrichment) throw new HttpError(404, `Enrichment ${String(b.enrichmentId)} not found`);
    const scope = (b.scope ?? {}) as Record<string, unknown>;
    let ids: string[];
    if (scope.type === 'explicit_leads') ids = arr(scope.leadIds, 'scope.leadIds', 1, 10_000) as string[];
    else if (scope.type === 'list')
      ids = [...(find(data.lists, scope.listId as string, 'List').leadIds as string[])];
    else if (scope.type === 'filtered_list')
      throw new HttpError(400, 'filtered_list scope is not yet supported');
    else throw new HttpError(400, "scope.type must be 'explicit_leads', 'list' or 'filtered_list'");
    const required = ids.length * opCost(enrichment);
    const mode = b.mode === 'preview' ? 'preview' : 'persisted';
    if (mode === 'persisted' && required > data.credits) {
      return {
        status: 402,
        body: {
          error: { code: 'insufficient_credits', message: 'Not enough credits for this enrichment' },
          required,
          balance: data.credits,
        },
      };
    }
    const run: FakeRecord = {
      id: randomId('run_'),
      status: mode === 'preview' ? 'completed' : 'pending',
      mode,
      enrichment: { id: enrichment.id, slug: enrichment.slug, version: 1, snapshot: null },
      scope: {
        type: scope.type,
        listId: scope.listId ?? null,
        requested: scope,
        resolvedCount: ids.length,
        counts: { pending: ids.length, running: 0, completed: 0, skipped: 0, failed: 0 },
      },
      output: {
        target: 'attribute',
        attributeKey: (enrichment.defaultOutput as { attributeKey: string }).attributeKey,
        writePolicy: b.writePolicy ?? null,
        persistResults: mode === 'persisted',
      },
      cost: { preview: required, actual: mode === 'persisted' ? required : 0 },
      trigger: { correlationId: key ?? null, triggerRunId: randomId('trg_'), dispatchMetadata: null },
      error: null,
      timing: { startedAt: null, completedAt: null, cancelledAt: null, createdAt: now(), updatedAt: now() },
    };
    if (mode === 'persisted') {
      data.credits -= required;
      data.runs.push(run);
      data.runItems[run.id] = ids.map((leadId, i) => ({
        id: `${run.id}_item_${String(i + 1).padStart(3, '0')}`,
        runId: run.id,
        leadId,
        listId: (scope.listId as string) ?? null,
        membershipId: null,
        status: 'pending',
        result: null,
        skippedReason: null,
        error: null,
        attempts: 0,
        metadata: null,
        timing: { createdAt: now() },
      }));
    }
    const answer: FakeAnswer = created({
      enrichmentRunId: run.id,
      runId: run.id,
      status: run.status,
      leadCount: ids.length,
      triggerRunId: (run.trigger as { triggerRunId: string }).triggerRunId,
      reusedExistingRun: false,
    });
    if (key) idem.save(key, b, answer);
    return answer;
  });
  r('GET', '/api/enrichment/:id', (req) => {
    const run = find(data.runs, req.params.id, 'Enrichment run');
    advance(run, RUN_STEPS, (status) => {
      const items = data.runItems[run.id] ?? [];
      const counts = (run.scope as { counts: Record<string, number> }).counts;
      for (const item of items) {
        if (item.status !== 'pending' && item.status !== 'running') continue;
        item.status = status === 'completed' ? 'completed' : 'running';
        if (status === 'completed') {
          const lead = data.leads.find((l) => l.id === item.leadId);
          const first = ((lead?.name as { first?: string } | undefined)?.first ?? 'someone').toLowerCase();
          const domain = (lead?.company as { domain?: string } | undefined)?.domain ?? 'example.com';
          item.result = { value: `${first}@${domain}` };
          if (lead)
            (lead.attributes as Record<string, unknown>) = {
              ...(lead.attributes as object),
              [(run.output as { attributeKey: string }).attributeKey]: `${first}@${domain}`,
            };
        }
      }
      counts.pending = items.filter((i) => i.status === 'pending').length;
      counts.running = items.filter((i) => i.status === 'running').length;
      counts.completed = items.filter((i) => i.status === 'completed').length;
      const timing = run.timing as Record<string, unknown>;
      if (status === 'running') timing.startedAt = now();
      if (status === 'completed') timing.completedAt = now();
    });
    return ok({ run: clone(run) });
  });
  r('GET', '/api/enrichment/:id/items', (req) => {
    find(data.runs, req.params.id, 'Enrichment run');
    let items = data.runItems[req.params.id as string] ?? [];
    const status = req.query.get('status');
    if (status) items = items.filter((i) => i.status === status);
    const leadId = req.query.get('leadId');
    if (leadId) items = items.filter((i) => i.leadId === leadId);
    const { page, hasMore, cursor } = idCursor(items, req.query, 50, 100);
    return ok({
      items: clone(page),
      page: { limit: intParam(req.query, 'limit', 50, 1, 100), nextCursor: cursor, hasMore },
    });
  });
  r('POST', '/api/enrichment/:id/cancel', (req) => {
    const run = find(data.runs, req.params.id, 'Enrichment run');
    if (run.status !== 'pending' && run.status !== 'running') {
      return {
        status: 409,
        body: { error: { code: 'run_not_cancellable', message: `Run is already ${String(run.status)}` } },
      };
    }
    run.status = 'cancelled';
    (run.timing as Record<string, unknown>).cancelledAt = now();
    for (const item of data.runItems[run.id] ?? [])
      if (item.status === 'pending')
        Object.assign(item, { status: 'skipped', skippedReason: 'run_cancelled' });
    return ok({
      run: {
        id: run.id,
        status: 'cancelled',
        cancelledAt: (run.timing as Record<string, unknown>).cancelledAt,
      },
    });
  });

  // ---- signals (cursor: pagination object) ----------------------------------------------------
  const paginated = (key: string, items: FakeRecord[], q: URLSearchParams, max = 100) => {
    const { page, hasMore, cursor } = idCursor(items, q, 20, max);
    return ok({ [key]: clone(page), pagination: { cursor, hasMore, count: page.length } });
  };
  const idsFilter = (items: FakeRecord[], q: URLSearchParams) => {
    const ids = q.get('ids');
    return ids ? items.filter((i) => ids.split(',').includes(i.id)) : items;
  };
  r('GET', '/api/signals', (req) => {
    let items = idsFilter(data.signals, req.query);
    if (req.query.get('includeDismissed') !== 'true') items = items.filter((s) => s.status !== 'dismissed');
    const minScore = req.query.get('minScore');
    if (minScore) items = items.filter((s) => (s.score as number) >= Number(minScore));
    return paginated('signals', items, req.query);
  });
  const batchUpdate = (items: unknown[], list: FakeRecord[], idKey: string, keys: readonly string[]) => {
    const updated: string[] = [];
    const errors: { id: string; error: string }[] = [];
    for (const raw of items as Record<string, unknown>[]) {
      const id = String(raw[idKey]);
      const rec = list.find((x) => x.id === id);
      if (!rec) errors.push({ id, error: 'not_found' });
      else {
        patch(rec, raw, keys);
        updated.push(id);
      }
    }
    return ok({ updated, errors });
  };
  r('PATCH', '/api/signals', (req) =>
    batchUpdate(arr(obj(req).items, 'items', 1, 200), data.signals, 'id', [
      'vote',
      'comment',
      'dmText',
      'commentText',
      'status',
    ]),
  );
  const inFlight = new Set<string>();
  r('POST', '/api/signals/generate', (req) => {
    const items = arr(obj(req).items, 'items', 1, 20) as Record<string, unknown>[];
    return ok({
      results: items.map((it) => {
        const signal = data.signals.find((s) => s.id === it.id);
        if (!signal) return { id: it.id, error: 'not_found' };
        const key = `${signal.id}:${it.dm ? 'dm' : 'comment'}`;
        if (inFlight.has(key)) return { id: it.id, error: 'already_in_flight' };
        const out: Record<string, unknown> = { id: signal.id };
        if (it.dm) out.dm = { text: `Hi, saw ${String(signal.title)}`, profileUrl: null, messagingUrl: null };
        if (it.comment) out.comment = { text: 'Congrats!', sourceUrl: signal.url };
        if (it.dm) signal.dmText = (out.dm as { text: string }).text;
        if (it.comment) signal.commentText = 'Congrats!';
        return out;
      }),
    });
  });
  r('GET', '/api/signals/leads', (req) => {
    const groupBy = req.query.get('groupBy') ?? 'person';
    const items = idsFilter(data.signalLeads, req.query).filter((l) =>
      groupBy === 'company' ? l.person === null : l.person !== null,
    );
    return paginated('leads', items, req.query);
  });
  r('PATCH', '/api/signals/leads', (req) => {
    const items = arr(obj(req).items, 'items', 1, 200) as Record<string, unknown>[];
    for (const it of items)
      if (!['new', 'contacted', 'dismissed'].includes(String(it.status)))
        throw new HttpError(400, 'status must be new, contacted or dismissed');
    return batchUpdate(items, data.signalLeads, 'entityId', ['status']);
  });
  r('GET', '/api/signals/types', (req) =>
    ok({
      types: clone(idsFilter(data.signalTypes, req.query)).sort(
        (a, b) => (a.position as number) - (b.position as number),
      ),
    }),
  );
  r('POST', '/api/signals/types', (req) => {
    const b = obj(req);
    const label = str(b.label, 'label');
    if (data.signalTypes.some((t) => t.label === label))
      throw new HttpError(409, `A signal type named ${label} already exists`);
    if (data.signalTypes.length >= 20) throw new HttpError(400, 'At most 20 signal types per account');
    const type: FakeRecord = {
      id: randomId('sigtype_'),
      label,
      description: b.description ?? null,
      builtIn: false,
      enabled: true,
      position: data.signalTypes.length,
      color: 'gray',
      keywords: b.keywords ?? [],
      prompt: b.prompt ?? null,
      exampleSignals: [],
      structuredConfig: {},
      allowedSources: b.allowedSources ?? [
        'linkedin_posts',
        'linkedin_jobs',
        'news',
        'hiring_cafe',
        'reddit',
        'hacker_news',
        'x_twitter',
      ],
      sourceOverrides: b.sourceOverrides ?? [],
    };
    data.signalTypes.push(type);
    return created({ type: clone(type) });
  });
  r('PATCH', '/api/signals/types', (req) =>
    batchUpdate(arr(obj(req).items, 'items', 1, 50), data.signalTypes, 'id', [
      'label',
      'description',
      'keywords',
      'prompt',
      'enabled',
      'position',
      'allowedSources',
      'structuredConfig',
      'sourceOverrides',
    ]),
  );
  r('DELETE', '/api/signals/types', (req) => {
    const ids = arr(obj(req).ids, 'ids', 1, 50) as string[];
    const deleted: string[] = [];
    const errors: { id: string; error: string }[] = [];
    for (const id of ids) {
      const t = data.signalTypes.find((x) => x.id === id);
      if (!t) errors.push({ id, error: 'not_found' });
      else if (t.builtIn) errors.push({ id, error: 'built_in' });
      else {
        data.signalTypes = data.signalTypes.filter((x) => x.id !== id);
        deleted.push(id);
      }
    }
    return ok({ deleted, errors });
  });
  r('POST', '/api/signals/search', (req) => {
    const b = obj(req);
    const query = str(b.query, 'query');
    if (query.length > 500) throw new HttpError(400, 'query must be 1-500 characters');
    if (data.signalSearches.some((s) => s.status === 'pending' || s.status === 'running'))
      throw new HttpError(409, 'A search is already in progress');
    const search: FakeRecord = {
      id: randomId('ss_'),
      query,
      filterPrompt: b.filterPrompt ?? null,
      status: 'pending',
      progress: { fetched: 0, filtered: 0, total: 0 },
      createdAt: now(),
      completedAt: null,
    };
    data.signalSearches.unshift(search);
    return created({ id: search.id, status: 'pending' });
  });
  r('GET', '/api/signals/search', (req) => {
    const ids = req.query.get('ids');
    if (!ids) return paginated('searches', data.signalSearches, req.query);
    const found = idsFilter(data.signalSearches, req.query);
    for (const s of found) {
      advance(s, RUN_STEPS, (status) => {
        if (status !== 'completed') return;
        s.completedAt = now();
        s.progress = { fetched: 3, filtered: 2, total: 3 };
        s.results = data.signals
          .slice(0, 2)
          .map((sig, i) => ({ id: `${s.id}_r${i}`, signalId: sig.id, relevant: true, reason: 'matches' }));
      });
    }
    return ok({ searches: clone(found), pagination: { cursor: null, hasMore: false, count: found.length } });
  });
  r('GET', '/api/signals/settings', () => ok(clone(data.signalSettings)));
  r('PATCH', '/api/signals/settings', (req) => {
    const b = obj(req);
    if (b.scanTimeUtc !== undefined && !/^([01]\d|2[0-3]):(00|15|30|45)$/.test(String(b.scanTimeUtc)))
      throw new HttpError(400, 'scanTimeUtc must be on a 15-minute boundary');
    if (b.paused !== undefined) data.signalSettings.paused = b.paused;
    if (b.scanTimeUtc !== undefined) data.signalSettings.scanTimeUtc = b.scanTimeUtc;
    return ok(clone(data.signalSettings));
  });

  // ---- campaigns (page numbers for the roster) -------------------------------------------------
  const campaignView = (c: FakeRecord) => {
    const ps = data.prospects[c.id] ?? [];
    const count = (s: string) => ps.filter((p) => p.status === s).length;
    return {
      ...clone(c),
      stats: {
        total: ps.length,
        sent: count('sent'),
        replied: count('replied'),
        bounced: count('bounced'),
        completed: count('completed'),
        timed_out: 0,
        connection_sent: 0,
        connected: 0,
        message_sent: 0,
        contacted: ps.length - count('pending'),
      },
    };
  };
  const draft = (c: FakeRecord) => {
    if (c.status !== 'draft') throw new HttpError(400, 'Only draft campaigns can be changed');
  };
  r('GET', '/api/campaigns', () =>
    ok({
      campaigns: data.campaigns.map((c) => ({
        ...campaignView(c),
        node_count: (data.sequenceNodes[c.id] ?? []).length,
      })),
    }),
  );
  r('POST', '/api/campaigns', (req) => {
    const b = obj(req);
    if (typeof b.name === 'string' && data.campaigns.some((c) => c.name === b.name))
      throw new HttpError(409, 'A campaign with this name already exists');
    const type = b.type === 'email' ? 'email' : 'linkedin';
    const c: FakeRecord = {
      id: randomId('camp_'),
      user_id: 'usr_1',
      name: b.name ?? 'Untitled campaign',
      type,
      status: 'draft',
      daily_limit: b.daily_limit ?? 30,
      sender_accounts: data.senders
        .filter((s) => ((b.sender_account_ids as string[]) ?? []).includes(s.id))
        .map(clone),
      operating_hours: b.operating_hours ?? {},
      created_at: now(),
      updated_at: now(),
    };
    data.campaigns.push(c);
    data.sequenceNodes[c.id] = [
      {
        id: randomId('node_'),
        campaign_id: c.id,
        position: 0,
        type: type === 'email' ? 'email' : 'connection_request',
        subject: '',
        body: '',
      },
      { id: randomId('node_'), campaign_id: c.id, position: 1, type: 'end' },
    ];
    data.prospects[c.id] = [];
    return created({ campaign: { ...campaignView(c), sequence_nodes: clone(data.sequenceNodes[c.id]) } });
  });
  r('GET', '/api/campaigns/settings', () =>
    ok({
      accounts: data.senders.map((s) => ({
        ...clone(s),
        weekly_stats: { connections_sent: 0, messages_sent: 0 },
        limits: { weekly_connection_limit: 100, weekly_message_limit: 150 },
        daily_stats: { sent: 0, daily_limit: s.daily_limit },
      })),
      schedules: [],
      weekly_stats: [],
    }),
  );
  r('GET', '/api/campaigns/:id', (req) => {
    const c = find(data.campaigns, req.params.id, 'Campaign');
    // A launch moves `launching → active` on the next read (async sending).
    if (c.status === 'launching') advance(c, ['launching', 'active']);
    const ps = data.prospects[c.id] ?? [];
    const byStatus: Record<string, number> = {};
    for (const p of ps) byStatus[p.status as string] = (byStatus[p.status as string] ?? 0) + 1;
    return ok({
      campaign: campaignView(c),
      sequence_nodes: clone(data.sequenceNodes[c.id] ?? []),
      prospects_by_status: byStatus,
      prospects_by_node: { __none__: byStatus },
    });
  });
  r('PATCH', '/api/campaigns/:id', (req) => {
    const c = find(data.campaigns, req.params.id, 'Campaign');
    const b = obj(req);
    if (typeof b.name === 'string' && data.campaigns.some((x) => x.name === b.name && x.id !== c.id))
      throw new HttpError(409, 'A campaign with this name already exists');
    patch(
      c,
      b,
      c.status === 'draft'
        ? [
            'name',
            'operating_hours',
            'daily_limit',
            'skip_other_campaigns',
            'stop_on_reply',
            'open_tracking',
            'signature',
          ]
        : ['name', 'operating_hours', 'daily_limit'],
    );
    if (c.status === 'draft' && Array.isArray(b.sequence_nodes)) {
      data.sequenceNodes[c.id] = (b.sequence_nodes as Record<string, unknown>[]).map((n, i) => ({
        id: (n.id as string) ?? randomId('node_'),
        ...n,
        campaign_id: c.id,
        position: i,
      }));
    }
    return ok({ campaign: campaignView(c) });
  });
  r('DELETE', '/api/campaigns/:id', (req) => {
    find(data.campaigns, req.params.id, 'Campaign');
    data.campaigns = data.campaigns.filter((c) => c.id !== req.params.id);
    return { status: 204 };
  });
  const launchedAt = new Map<string, number>();
  r('POST', '/api/campaigns/:id/launch', (req) => {
    const c = find(data.campaigns, req.params.id, 'Campaign');
    const last = launchedAt.get(c.id);
    if (
      c.status === 'launching' ||
      (last !== undefined && Date.now() - last < 120_000 && c.status !== 'draft')
    )
      throw new HttpError(409, 'A launch is already in progress');
    draft(c);
    const pending = (data.prospects[c.id] ?? []).filter((p) => p.status === 'pending');
    if (pending.length === 0) throw new HttpError(400, 'No pending leads to launch');
    c.status = 'launching';
    launchedAt.set(c.id, Date.now());
    return ok({
      success: true,
      message: 'Campaign launching',
      runId: randomId('launch_'),
      prospectsToProcess: pending.length,
      warning: null,
      skippedProspects: [],
      skippedCount: 0,
    });
  });
  r('POST', '/api/campaigns/:id/pause', (req) => {
    const c = find(data.campaigns, req.params.id, 'Campaign');
    if (c.status !== 'active') throw new HttpError(400, 'Only active campaigns can be paused');
    c.status = 'paused';
    return ok({ campaign: campaignView(c) });
  });
  r('POST', '/api/campaigns/:id/resume', (req) => {
    const c = find(data.campaigns, req.params.id, 'Campaign');
    if (c.status !== 'paused') throw new HttpError(400, 'Only paused campaigns can be resumed');
    c.status = 'active';
    return ok({ campaign: campaignView(c) });
  });
  r('GET', '/api/campaigns/:id/leads', (req) => {
    const c = find(data.campaigns, req.params.id, 'Campaign');
    let items = data.prospects[c.id] ?? [];
    const status = req.query.get('status');
    if (status) items = items.filter((p) => p.status === status);
    const page = numbered(items, req.query, 100, 100);
    return ok({ prospects: clone(page.items), total: page.total, page: page.page, limit: page.limit });
  });
  r('POST', '/api/campaigns/:id/leads', (req) => {
    const c = find(data.campaigns, req.params.id, 'Campaign');
    draft(c);
    const incoming = arr(obj(req).prospects, 'prospects', 1, 1000) as Record<string, unknown>[];
    const list = data.prospects[c.id] ?? [];
    const identity = (p: Record<string, unknown>) =>
      c.type === 'email'
        ? String(p.email ?? '').toLowerCase()
        : String(p.linkedin_url ?? '').replace(/[/?].*$|\/$/, '');
    let imported = 0;
    let duplicates = 0;
    incoming.forEach((p, i) => {
      if (!identity(p))
        throw new HttpError(400, `prospects[${i}] needs ${c.type === 'email' ? 'email' : 'linkedin_url'}`);
      if (list.some((x) => identity(x) === identity(p))) duplicates += 1;
      else {
        list.push({
          id: randomId('pros_'),
          campaign_id: c.id,
          user_id: 'usr_1',
          status: 'pending',
          ...p,
          created_at: now(),
          updated_at: now(),
        });
        imported += 1;
      }
    });
    data.prospects[c.id] = list;
    return created({ imported, duplicates });
  });
  r('PATCH', '/api/campaigns/:id/leads', (req) => {
    const c = find(data.campaigns, req.params.id, 'Campaign');
    draft(c);
    const b = obj(req);
    const p = find(data.prospects[c.id] ?? [], str(b.prospect_id, 'prospect_id'), 'Campaign lead');
    if (!b.updates || typeof b.updates !== 'object') throw new HttpError(400, 'updates is required');
    patch(p, b.updates as Record<string, unknown>, [
      'email',
      'linkedin_url',
      'first_name',
      'last_name',
      'name',
      'company',
      'position',
      'headline',
    ]);
    return ok({ prospect: clone(p) });
  });
  r('DELETE', '/api/campaigns/:id/leads', (req) => {
    const c = find(data.campaigns, req.params.id, 'Campaign');
    draft(c);
    const b = obj(req);
    const list = data.prospects[c.id] ?? [];
    if (b.all === true) {
      data.prospects[c.id] = [];
      return ok({ deleted: list.length });
    }
    const ids = arr(b.prospect_ids, 'prospect_ids', 1, 500) as string[];
    data.prospects[c.id] = list.filter((p) => !ids.includes(p.id));
    return ok({ deleted: list.length - (data.prospects[c.id] as FakeRecord[]).length });
  });
  r('POST', '/api/campaigns/:id/leads/import-from-list', (req) => {
    const c = find(data.campaigns, req.params.id, 'Campaign');
    const b = obj(req);
    const list = find(data.lists, str(b.listId, 'listId'), 'List');
    const leads = data.leads.filter((l) => (list.leadIds as string[]).includes(l.id) && l.type === 'person');
    const existing = data.prospects[c.id] ?? [];
    let imported = 0;
    let duplicates = 0;
    let invalid = 0;
    for (const l of leads) {
      const url = (l.socials as { url?: string }[] | undefined)?.[0]?.url;
      const email = (l.attributes as Record<string, unknown> | undefined)?.workEmail as string | undefined;
      const key = c.type === 'email' ? email : url;
      if (!key) invalid += 1;
      else if (existing.some((p) => p.linkedin_url === key || p.email === key)) duplicates += 1;
      else {
        const name = l.name as { first?: string; last?: string; full?: string };
        existing.push({
          id: randomId('pros_'),
          campaign_id: c.id,
          status: 'pending',
          email: email ?? null,
          linkedin_url: url ?? null,
          first_name: name.first,
          last_name: name.last,
          name: name.full,
          company: (l.company as { name?: string }).name,
          source: 'list',
          source_ref: list.id,
        });
        imported += 1;
      }
    }
    data.prospects[c.id] = existing;
    const body = { imported, duplicates, invalid, errors: [], total: leads.length, partial: false };
    if (imported === 0 && leads.length > 0 && duplicates === 0)
      return {
        status: 422,
        body: { error: { code: 'invalid_request', message: 'Nothing importable' }, ...body },
      };
    return ok(body);
  });
  r('GET', '/api/campaigns/:id/senders', (req) => {
    const c = find(data.campaigns, req.params.id, 'Campaign');
    const ids = (c.sender_accounts as { id: string }[]).map((s) => s.id);
    return ok({
      senders: data.senders
        .filter((s) => ids.includes(s.id))
        .map((s) => ({
          account_id: s.id,
          display_name: s.display_name,
          email_address: s.email_address ?? null,
          status: s.status,
          is_premium: s.is_premium ?? false,
          daily_limit: s.daily_limit,
          weekly_connections_sent: 0,
          weekly_messages_sent: 0,
          committed_count: 0,
          today_sent: 0,
          campaign_messages_sent: null,
        })),
      campaign_total_sent: 0,
      campaign_total_replies: 0,
      campaign_total_bounced: 0,
      campaign_total_completed: 0,
      campaign_total_committed: 0,
      campaignStatsByStatus: {},
      campaignSenderStatsByStatus: {},
      campaignSenderTodayStatsByStatus: {},
      campaignActiveProspectsCount: (data.prospects[c.id] ?? []).length,
    });
  });

  // ---- unibox (page numbers) -------------------------------------------------------------------
  r('GET', '/api/threads', (req) => {
    let items = data.threads;
    const q = req.query;
    for (const key of ['status', 'inbox_state']) {
      const v = q.get(key);
      if (v) items = items.filter((t) => v.split(',').includes(String(t[key])));
    }
    const channel = q.get('channel');
    if (channel) items = items.filter((t) => t.channel === channel);
    if (q.get('unread') === 'true') items = items.filter((t) => (t.unread_count as number) > 0);
    const page = numbered(items, q, 50, 100);
    return ok({ threads: clone(page.items), total: page.total, page: page.page, limit: page.limit });
  });
  const dupCheck = (email: unknown, accountId: unknown, except?: string) => {
    const existing = data.threads.filter(
      (t) =>
        t.id !== except &&
        t.participant_email === String(email ?? '').toLowerCase() &&
        t.account_id === accountId &&
        t.status !== 'archived' &&
        t.status !== 'warmup',
    );
    if (email && existing.length > 0) {
      return {
        status: 409,
        body: {
          error: { code: 'conflict', message: 'A thread with this recipient already exists' },
          existing_thread: clone(existing[0]),
          existing_threads: clone(existing),
        },
      };
    }
    return undefined;
  };
  r('POST', '/api/threads', (req) => {
    const b = obj(req);
    const dup = dupCheck(b.participant_email, b.account_id);
    if (dup) return dup;
    const t: FakeRecord = {
      id: randomId('thr_'),
      channel: 'email',
      status: 'draft',
      inbox_state: 'draft',
      unread_count: 0,
      participant_email: typeof b.participant_email === 'string' ? b.participant_email.toLowerCase() : null,
      participant_name: b.participant_name ?? null,
      account_id: b.account_id ?? null,
      draft_subject: b.draft_subject ?? null,
      draft_body_text: b.draft_body_text ?? null,
      draft_attachments: b.draft_attachments ?? [],
    };
    data.threads.push(t);
    data.messages[t.id] = [];
    return created({ thread: clone(t) });
  });
  r('GET', '/api/threads/:id', (req) => {
    const t = find(data.threads, req.params.id, 'Thread');
    t.unread_count = 0;
    const sender = data.senders.find((s) => s.id === t.account_id);
    return ok({
      thread: clone(t),
      messages: clone(data.messages[t.id] ?? []),
      participantDetails: { company: null, position: null, headline: null },
      senderDisconnected: !sender,
      senderAccount: sender ? { display_name: sender.display_name, status: sender.status } : null,
    });
  });
  r('PATCH', '/api/threads/:id', (req) => {
    const t = find(data.threads, req.params.id, 'Thread');
    const b = obj(req);
    if (b.account_id !== undefined) {
      const dup = dupCheck(t.participant_email, b.account_id, t.id);
      if (dup) return dup;
    }
    if (b.status !== undefined && b.status !== 'active' && b.status !== 'archived') delete b.status;
    patch(t, b, [
      'status',
      'unread_count',
      'account_id',
      'participant_email',
      'participant_name',
      'draft_subject',
      'draft_body_text',
      'draft_body_html',
      'draft_cc',
      'draft_bcc',
      'draft_attachments',
    ]);
    if (b.status === 'archived') t.inbox_state = 'archived';
    return ok({ thread: clone(t) });
  });
  r('GET', '/api/threads/:id/messages', (req) => {
    const t = find(data.threads, req.params.id, 'Thread');
    const page = numbered(data.messages[t.id] ?? [], req.query, 50, 200);
    return ok({ messages: clone(page.items), total: page.total, page: page.page, limit: page.limit });
  });
  r('POST', '/api/threads/:id/messages', (req) => {
    const t = find(data.threads, req.params.id, 'Thread');
    const b = obj(req);
    const text = str(b.body_text, 'body_text');
    if (t.status === 'archived') throw new HttpError(422, 'This thread cannot send');
    const message = {
      id: randomId('msg_'),
      conversation_id: t.id,
      direction: 'outbound',
      subject: b.subject ?? t.draft_subject ?? null,
      body_text: text,
      sent_at: now(),
    };
    data.messages[t.id] = [...(data.messages[t.id] ?? []), message];
    if (t.status === 'draft')
      Object.assign(t, {
        status: 'active',
        inbox_state: 'sent_one_off',
        draft_subject: null,
        draft_body_text: null,
      });
    return created({ message, thread: clone(t) });
  });
  r('POST', '/api/threads/:id/attachments', (req) => {
    const t = find(data.threads, req.params.id, 'Thread');
    if (t.channel !== 'email') throw new HttpError(404, 'Thread not found');
    const parts = (req.body as { files?: Record<string, FakeFile | FakeFile[]> } | undefined)?.files?.file;
    const file = Array.isArray(parts) ? parts[0] : parts;
    if (!file) throw new HttpError(400, 'file is required');
    if (file.size > 10 * 1024 * 1024) throw new HttpError(400, 'file must be at most 10 MB');
    if (t.status !== 'draft') throw new HttpError(400, 'Only draft threads take attachments');
    const path = `${t.id}/${randomId()}-${file.filename}`;
    return created({
      attachment: {
        name: file.filename,
        bucket: 'attachments',
        path,
        mime_type: file.type,
        size: file.size,
        content_disposition: 'attachment',
        url: `https://storage.example.com/${path}?sig=fake`,
      },
    });
  });

  // ---- senders, email, unipile -----------------------------------------------------------------
  r('GET', '/api/senders', (req) => {
    const type = req.query.get('type');
    return ok({ accounts: clone(type ? data.senders.filter((s) => s.type === type) : data.senders) });
  });
  r('GET', '/api/senders/:id', (req) => {
    const s = find(data.senders, req.params.id, 'Sender');
    const campaigns = data.campaigns.filter((c) =>
      (c.sender_accounts as { id: string }[]).some((a) => a.id === s.id),
    );
    return ok({
      account: { ...clone(s), stats: { today_sent: 0, today_committed: 0 } },
      campaigns: campaigns.map((c) => ({
        id: c.id,
        name: c.name,
        status: c.status,
        daily_limit: c.daily_limit,
        type: c.type,
        stats: {},
        operating_hours: c.operating_hours,
        sequence_nodes: clone(data.sequenceNodes[c.id] ?? []),
      })),
      mappings: campaigns.map((c) => ({ campaign_id: c.id, account_id: s.id })),
      campaignStatsByStatus: {},
      campaignSenderStatsByStatus: {},
      campaignSenderTodayStatsByStatus: {},
      campaignActiveProspectsCount: 0,
    });
  });
  r('GET', '/api/senders/:id/schedule', (req) => {
    find(data.senders, req.params.id, 'Sender');
    return ok({ schedule: { '2026-12-07': { capacity: 30, committed: 4 } } });
  });
  const inboxes = () => data.senders.filter((s) => s.type === 'email');
  r('GET', '/api/email/accounts/warmup-analytics', () => {
    const analytics: Record<string, unknown> = {};
    for (const s of inboxes())
      if (['warming', 'warmed', 'active'].includes(String(s.warmup_status)))
        analytics[s.id] = {
          email: s.email_address,
          total_sent: 240,
          total_received: 230,
          health_score: 96,
          health_score_label: 'Excellent',
          warmup_reputation: 96,
          instantly_warmup_status: 1,
          daily_data: [{ date: '2026-12-05', sent: 20, received: 19 }],
        };
    return ok({ analytics, transitions: {} });
  });
  r('GET', '/api/email/accounts', () => ok({ accounts: clone(inboxes()).reverse() }));
  r('POST', '/api/email/accounts', (req) => {
    const b = obj(req);
    const username = str(b.username, 'username').toLowerCase();
    if (!/^[a-z0-9._-]+$/.test(username)) throw new HttpError(400, 'username may only use a-z 0-9 . - _');
    const domain = find(data.domains, str(b.domain_id, 'domain_id'), 'Domain');
    if (domain.status !== 'verified') throw new HttpError(400, 'The domain must be verified');
    const email = `${username}@${String(domain.domain)}`;
    if (data.senders.some((s) => s.email_address === email))
      throw new HttpError(409, 'This inbox already exists');
    const account: FakeRecord = {
      id: randomId('snd_'),
      user_id: 'usr_1',
      type: 'email',
      domain_id: domain.id,
      email_address: email,
      display_name: b.display_name ?? null,
      first_name: b.first_name ?? null,
      last_name: b.last_name ?? null,
      signature: null,
      status: 'warming',
      warmup_status: 'warming',
      created_at: now(),
      updated_at: now(),
      email_domains: { id: domain.id, domain: domain.domain },
    };
    data.senders.push(account);
    return created({ account: clone(account) });
  });
  r('PATCH', '/api/email/accounts/:id', (req) => {
    const s = find(inboxes(), req.params.id, 'Email account');
    const b = obj(req);
    if (typeof b.signature !== 'string') throw new HttpError(400, 'signature is required');
    s.signature = b.signature;
    s.updated_at = now();
    return ok({ account: clone(s) });
  });
  r('DELETE', '/api/email/accounts/:id', (req) => {
    find(inboxes(), req.params.id, 'Email account');
    data.senders = data.senders.filter((s) => s.id !== req.params.id);
    return ok({ success: true });
  });
  r('PATCH', '/api/email/accounts/:id/retry-warmup', (req) => {
    const s = find(inboxes(), req.params.id, 'Email account');
    if (s.status === 'warming' && s.warmup_status === 'warming') return ok({ account: clone(s) });
    if (s.status !== 'pending' || s.warmup_status !== 'not_started')
      throw new HttpError(409, 'Warmup can only be retried for pending accounts that have not started');
    Object.assign(s, { status: 'warming', warmup_status: 'warming' });
    return ok({ account: clone(s) });
  });
  r('GET', '/api/email/domains', () => ok({ domains: clone(data.domains) }));
  r('POST', '/api/email/domains', (req) => {
    const domain = str(obj(req).domain, 'domain').toLowerCase();
    if (data.domains.some((d) => d.domain === domain))
      throw new HttpError(409, 'This domain is already registered');
    const d: FakeRecord = {
      id: randomId('dom_'),
      user_id: 'usr_1',
      domain,
      status: 'pending',
      agentmail_domain_id: null,
      dns_records: [{ type: 'TXT', name: '@', value: 'v=spf1 ~all', priority: null }],
      verified_at: null,
      created_at: now(),
      updated_at: now(),
    };
    data.domains.push(d);
    return created({ domain: clone(d) });
  });
  r('POST', '/api/email/domains/:id/verify', (req) => {
    const d = find(data.domains, req.params.id, 'Domain');
    if (req.query.get('poll') === 'true')
      advance(d, ['verifying', 'verified'], () => {
        d.verified_at = now();
      });
    else if (d.status === 'pending' || d.status === 'failed') d.status = 'verifying';
    return ok({ domain: clone(d) });
  });
  r('GET', '/api/email/domains/:id/dns-records', (req) => {
    const d = find(data.domains, req.params.id, 'Domain');
    return ok({
      domain: { id: d.id, domain: d.domain, status: d.status },
      cloudflare: { checked: false, zoneId: null, zoneName: null, error: 'No DNS provider connected' },
      records: (d.dns_records as Record<string, unknown>[]).map((rec, i) => ({
        id: `${d.id}_dns_${i}`,
        ttl: 3600,
        proxied: false,
        ...rec,
      })),
    });
  });
  r('PATCH', '/api/email/domains/:id', (req) => {
    const d = find(data.domains, req.params.id, 'Domain');
    const status = obj(req).status;
    if (!['pending', 'verifying', 'failed'].includes(String(status)))
      throw new HttpError(400, 'status must be pending, verifying or failed');
    d.status = status;
    return ok({ domain: clone(d) });
  });
  r('DELETE', '/api/email/domains/:id', (req) => {
    find(data.domains, req.params.id, 'Domain');
    data.domains = data.domains.filter((d) => d.id !== req.params.id);
    data.senders = data.senders.filter((s) => s.domain_id !== req.params.id);
    return { status: 204 };
  });
  r('POST', '/api/unipile/connect', () =>
    ok({ url: `https://account.unipile.example/connect/${randomId()}` }),
  );

  return {
    url: server.url,
    apiKey: FAKE_PUFFLE_API_KEY,
    get requests() {
      return server.requests;
    },
    get data() {
      return data;
    },
    get credits() {
      return data.credits;
    },
    setCredits(balance: number) {
      data.credits = balance;
    },
    fault: (f) => server.fault(f),
    clearFaults: () => server.clearFaults(),
    reset() {
      server.reset();
      idem.clear();
      polls.clear();
      launchedAt.clear();
      inFlight.clear();
      data = fresh();
    },
    close: () => server.close(),
  };
}
