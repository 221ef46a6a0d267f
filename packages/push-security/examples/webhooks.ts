// Verify a Push Security webhook with push.webhooks.unwrap (X-Signature: t=…,v1=HMAC-SHA256 of "t.body").
import { PushSecurity, WebhookVerificationError } from '@quiver/push-security';

const secret = process.env.PUSH_WEBHOOK_SECRET ?? 'example-webhook-secret';
const push = new PushSecurity({ apiKey: process.env.PUSH_SECURITY_API_KEY ?? 'example-key' }); // unwrap sends nothing

// Sign a delivery the way Push does, to test your own receiver (the testing entry has no helper for this).
const enc = new TextEncoder();
const hmac = { name: 'HMAC', hash: 'SHA-256' };
const key = await crypto.subtle.importKey('raw', enc.encode(secret), hmac, false, ['sign']);
async function sign(body: string, t = Math.floor(Date.now() / 1000)): Promise<Record<string, string>> {
  const mac = await crypto.subtle.sign('HMAC', key, enc.encode(`${t}.${body}`));
  return {
    'content-type': 'application/json',
    'x-signature': `t=${t},v1=${Buffer.from(mac).toString('hex')}`,
  };
}

const id = crypto.randomUUID();
const body = JSON.stringify({ id, version: '1', category: 'ENTITY', type: 'CREATE', object: 'ACCOUNT' });
const headers = await sign(body);

const event = await push.webhooks.unwrap(body, headers, secret); // the raw body, exactly as received
console.log(`${event.category} ${event.type} ${event.object} (dedupe on ${event.id})`);

try {
  await push.webhooks.unwrap(body.replace('CREATE', 'DELETE'), headers, secret); // a tampered body
} catch (err) {
  if (err instanceof WebhookVerificationError) console.log(`tampered: rejected (${err.reason})`);
  else throw err;
}
try {
  await push.webhooks.unwrap(body, await sign(body, 1_700_000_000), secret); // a replay from 2023
} catch (err) {
  if (err instanceof WebhookVerificationError) console.log(`stale: rejected (${err.reason})`);
  else throw err;
}
