import type { FakePikarc } from '@quiver/pikarc/testing';
import type { FakePuck } from '@quiver/puck/testing';
import type { FakePuffle } from '@quiver/puffle/testing';
import type { FakePushSecurity } from '@quiver/push-security/testing';
import type { FakePwnbook } from '@quiver/pwnbook/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoContext } from '../src/context.ts';
import { runDemo } from '../src/demo.ts';

describe('the demo against the fake servers', () => {
  const lines: string[] = [];
  let result: { ctx: DemoContext; code: number };

  beforeAll(async () => {
    // No *_API_KEY in this environment: every vendor runs against its fake.
    result = await runDemo({ print: (line) => lines.push(line), env: {} });
  }, 60_000); // the whole workflow: a few seconds idle, more on a loaded machine

  it('prints the whole workflow and exits 0', () => {
    const out = lines.join('\n');
    expect(result.code, out).toBe(0);
    expect(out).toMatch(/▸ Push Security: page through findings/);
    expect(out).toMatch(/✓ paged through 7 findings in 3 pages of up to 3/);
    expect(out).toMatch(/✓ iterated 6 employees/);
    expect(out).toMatch(/✓ worst open finding: STOLEN_CREDENTIALS for \S+@\S+ on ZAPIER/);
    expect(out).toMatch(
      /↻ marking ZAPIER UNDER_REVIEW refused locally \(InvalidInputError: read-only key\), nothing sent/,
    );
    expect(out).toMatch(/▸ Puck: investigate/);
    expect(out).toMatch(
      /↻ Puck answered 429 \(Retry-After 1 s\): the SDK waits, then retries with the same Idempotency-Key/,
    );
    expect(out).toMatch(/↻ report asked for too early: ConflictError 409/);
    expect(out).toMatch(/… inv_\w+: \w+ \(\d+\.\d s\)/);
    expect(out).toMatch(/✓ investigation complete after/);
    expect(out).toMatch(/✓ verified signed webhook investigation\.completed/);
    expect(out).toMatch(/↻ a tampered copy of it is rejected \(WebhookVerificationError\)/);
    expect(out).toMatch(/▸ Pwnbook: open a penetration-test engagement/);
    expect(out).toMatch(/\(apps\/example\/src\/steps\/30-pwnbook\.ts\)/);
    expect(out).toMatch(/✓ engagement eng_\w+ opened: “Retest example\.com — STOLEN_CREDENTIALS/);
    expect(out).toMatch(
      /description records the Puck investigation: .*Puck investigation inv_\w+ ended complete/,
    );
    expect(out).toMatch(/✓ \d+ active engagements in \d+ pages of 2/);
    expect(out).toMatch(/▸ Puffle: find the people at the organization behind the finding/);
    expect(out).toMatch(/✓ 2 people at example\.com in \d+ pages of 1/);
    expect(out).toMatch(/↻ Puffle answered 503: the SDK retries the run with the same body idempotencyKey/);
    expect(out).toMatch(
      /✓ enrichment run run_\w+ completed: Ada Lovelace <ada@example\.com>, Bob Builder <bob@example\.com>/,
    );
    expect(out).toMatch(/✓ credits spent: 4 \(40 → 36\), charged once although the start was retried/);
    expect(out).toMatch(/▸ Pikarc: guard the triage agent/);
    expect(out).toMatch(/✓ model step allowed and reported with its tokens/);
    expect(out).toMatch(/↻ next step denied: KILL_SWITCH_ACTIVE \(PikarcBlockedError at step\)/);
    expect(out).toMatch(/wrapped functions that ran after the DENY: 0/);
    expect(out).toMatch(/Summary\n {2}Vendor +Step +Result/);
  });

  it('recorded the Puck investigation in the Pwnbook engagement', () => {
    const pwnbook = result.ctx.fakes.pwnbook as FakePwnbook;
    const created = pwnbook.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/engagements');
    expect(created).toHaveLength(1);
    const investigation = result.ctx.state.investigation;
    const body = created[0]?.body as { description?: string } | undefined;
    expect(body?.description).toContain(`Puck investigation ${investigation?.id}`);
  });

  it('retried the Puffle enrichment with one idempotency key and charged it once', () => {
    const puffle = result.ctx.fakes.puffle as FakePuffle;
    const starts = puffle.requests.filter((r) => r.method === 'POST' && r.path === '/api/enrichment');
    expect(starts.map((r) => r.status)).toEqual([503, 201]);
    const keys = starts.map((r) => (r.body as { idempotencyKey?: string }).idempotencyKey);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(puffle.credits).toBe(36);
  });

  it('let the Pikarc kill switch stop the agent: the denied step never ran, the run ended FAILED', () => {
    const pikarc = result.ctx.fakes.pikarc as FakePikarc;
    const runs = pikarc.runs;
    expect(runs).toHaveLength(1);
    expect(runs[0]?.status).toBe('FAILED');
    const steps = pikarc.requests.filter((r) => r.method === 'POST' && /\/steps\/?$/.test(r.path));
    expect(steps.map((r) => r.status)).toEqual([201, 201]);
    expect(pikarc.workspace.kill_switch).toBe(false);
  });

  it('created exactly one investigation although the trigger was retried', () => {
    const puck = result.ctx.fakes.puck as FakePuck;
    const triggers = puck.requests.filter((r) => r.method === 'POST' && r.path === '/v1/investigations');
    expect(triggers.map((r) => r.status)).toEqual([429, 202]);
    const finding = result.ctx.state.worstFinding;
    expect(new Set(triggers.map((r) => r.idempotencyKey))).toEqual(new Set([`push-finding-${finding?.id}`]));
    expect(puck.investigations).toHaveLength(1);
    expect(puck.deliveries.filter((d) => d.status === 'delivered')).toHaveLength(1);
  });

  it('sent no write to Push Security and met no 429 there', () => {
    const push = result.ctx.fakes.pushSecurity as FakePushSecurity;
    expect(push.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(push.requests.filter((r) => r.status === 429)).toEqual([]);
    expect(push.requests.every((r) => r.auth === 'readOnly')).toBe(true);
  });
});
