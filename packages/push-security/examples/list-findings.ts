// List Push Security findings with `for await` and count the open ones by type.
import { PushSecurity } from '@quiver/push-security';
import { FAKE_FULL_ACCESS_KEY, startFakePushSecurity } from '@quiver/push-security/testing';

// No PUSH_SECURITY_API_KEY: run against the in-process fake (a small seeded company).
const fake = process.env.PUSH_SECURITY_API_KEY ? undefined : await startFakePushSecurity();
const push = fake
  ? new PushSecurity({ apiKey: FAKE_FULL_ACCESS_KEY, baseURL: fake.url })
  : new PushSecurity();

try {
  const open = new Map<string, number>();
  for await (const finding of push.findings.list({ limit: 200 })) {
    if (finding.state !== 'OPEN') continue;
    open.set(String(finding.type), (open.get(String(finding.type)) ?? 0) + 1);
  }
  for (const [type, count] of open) console.log(`${type.padEnd(28)} ${count}`);

  for await (const account of push.accounts.list()) {
    if (account.mfaRegistered === false) console.log(`no MFA: ${account.email} (${account.appType})`);
  }
} finally {
  await fake?.close();
}
