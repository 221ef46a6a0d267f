// Handle Push Security's typed errors with a switch: not found, refused locally, rate limited.
import { InvalidInputError, NotFoundError, PushSecurity, RateLimitError } from '@quiver/push-security';
import { FAKE_FULL_ACCESS_KEY, startFakePushSecurity } from '@quiver/push-security/testing';

const fake = process.env.PUSH_SECURITY_API_KEY ? undefined : await startFakePushSecurity();
const options = fake ? { apiKey: FAKE_FULL_ACCESS_KEY, baseURL: fake.url, maxRetries: 0 } : { maxRetries: 0 };
const push = new PushSecurity(options);
const readOnly = new PushSecurity({ ...options, readOnly: true }); // refuses writes before sending

async function attempt(what: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
    console.log(`${what}: ok`);
  } catch (error) {
    switch (true) {
      case error instanceof NotFoundError:
        console.log(`${what}: not found (${error.status})`);
        break;
      case error instanceof InvalidInputError:
        console.log(`${what}: refused before sending: ${error.message}`);
        break;
      case error instanceof RateLimitError:
        console.log(`${what}: rate limited (429)`);
        break;
      default:
        throw error;
    }
  }
}

try {
  await attempt('retrieve', () => push.detections.retrieve('00000000-0000-4000-8000-000000000000'));
  await attempt('update', () => readOnly.apps.update('any-app-id', { notes: 'Reviewed' }));
  fake?.fault({ path: '/v1/findings', status: 429 }); // the fake answers the next list with a 429
  if (fake) await attempt('list', () => push.findings.list().firstPage());
} finally {
  await fake?.close();
}
