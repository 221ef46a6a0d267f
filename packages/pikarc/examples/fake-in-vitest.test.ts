// Use the Pikarc fake in your own vitest test: prove a DENY stops your agent before the model is called.
import { Pikarc, PikarcBlockedError } from '@quiver/pikarc';
import { FAKE_PIKARC_API_KEY, type FakePikarc, startFakePikarc } from '@quiver/pikarc/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

describe('my support bot', () => {
  let fake: FakePikarc;
  let pikarc: Pikarc;

  beforeAll(async () => {
    fake = await startFakePikarc();
    pikarc = new Pikarc({ apiKey: FAKE_PIKARC_API_KEY, baseURL: fake.url });
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.close());

  const ask = (userId: string, model: () => string) =>
    pikarc.run({ user_id: userId }, (run) => run.modelCall({ fn: model, model: 'gpt-4o' }));

  it('answers when the guardrails allow it', async () => {
    await expect(ask('alice', () => 'hello')).resolves.toBe('hello');
    expect(fake.runs.at(-1)?.status).toBe('COMPLETED');
  });

  it('never calls the model once the kill switch is on', async () => {
    fake.setKillSwitch(true);
    const model = vi.fn(() => 'hello');
    const err = await ask('alice', model).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PikarcBlockedError);
    expect((err as PikarcBlockedError).denyReason).toBe('KILL_SWITCH_ACTIVE');
    expect(model).not.toHaveBeenCalled();
  });
});
