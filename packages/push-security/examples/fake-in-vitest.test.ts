// Use the Push Security fake in your own vitest test: seeded data, a Read only key, recorded requests.
import { PermissionDeniedError, PushSecurity } from '@quiver/push-security';
import {
  FAKE_FULL_ACCESS_KEY,
  FAKE_READ_ONLY_KEY,
  type FakePushSecurity,
  SEED_IDS,
  startFakePushSecurity,
} from '@quiver/push-security/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

describe('my app-review job', () => {
  let fake: FakePushSecurity;
  beforeAll(async () => {
    fake = await startFakePushSecurity();
  });
  afterEach(() => fake.reset()); // fresh seed between tests
  afterAll(() => fake.close());

  it('marks an app as under review', async () => {
    const push = new PushSecurity({ apiKey: FAKE_FULL_ACCESS_KEY, baseURL: fake.url });
    const app = await push.apps.update(SEED_IDS.apps.openai, {
      approvalStatus: 'UNDER_REVIEW',
      notes: 'ticket SEC-1',
    });
    expect(app.approvalStatus).toBe('UNDER_REVIEW');
    expect(fake.requests.at(-1)).toMatchObject({ method: 'PATCH', auth: 'full', status: 200 });
  });

  it('surfaces a Read only key as PermissionDeniedError', async () => {
    const push = new PushSecurity({ apiKey: FAKE_READ_ONLY_KEY, baseURL: fake.url });
    await expect(push.apps.update(SEED_IDS.apps.openai, { notes: 'x' })).rejects.toBeInstanceOf(
      PermissionDeniedError,
    );
  });
});
