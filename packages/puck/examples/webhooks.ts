// Verify a Puck webhook delivery with puck.webhooks.unwrap, and reject one with a bad signature.
import { Puck, WebhookVerificationError } from '@quiver/puck';
import { buildPuckEvent, signPuckPayload } from '@quiver/puck/testing';

// unwrap needs no server: the secret is the whsec_… you got when you created the subscription.
const secret = process.env.PUCK_WEBHOOK_SECRET ?? 'whsec_example';
const puck = new Puck({ apiKey: process.env.PUCK_API_KEY ?? 'pck_test_example' });

// What Puck would POST to your receiver: the raw body and its X-Puck-Signature header.
const event = buildPuckEvent('investigation.completed', {
  investigation_id: 'inv_1',
  severity: 'high',
  finding_count: 2,
});
const { body, headers } = await signPuckPayload(event, secret);

const verified = await puck.webhooks.unwrap(body, headers, secret); // pass the raw body, not parsed JSON
if (verified.event_type === 'investigation.completed') {
  console.log(
    verified.event_id,
    verified.data.investigation_id,
    verified.data.severity,
    verified.data.finding_count,
  );
}

try {
  await puck.webhooks.unwrap(body, headers, 'whsec_wrong');
} catch (err) {
  if (err instanceof WebhookVerificationError) console.log('rejected:', err.reason);
  else throw err;
}
