import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as main from '../src/index.js';
import * as testing from '../src/testing/index.js';

const SRC = join(import.meta.dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('package entries', () => {
  it('the main entry imports no node: module and never the fake server (Deno/edge safe)', () => {
    for (const file of files(SRC).filter((f) => !f.includes(`${join('src', 'testing')}`))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from ['"]node:/);
      expect(text, file).not.toMatch(/from ['"]\.{1,2}\/(\.\.\/)?testing/);
    }
  });

  it('exports the client, helpers and core errors by name', () => {
    for (const name of [
      'Puck',
      'verifyPuckSignature',
      'generatePuckSignatureHeader',
      'unwrapPuckWebhook',
      'parsePuckError',
      'puckIssues',
      'APIError',
      'RateLimitError',
      'WaitTimeoutError',
      'WebhookVerificationError',
      'InvalidInputError',
      'ConfigurationError',
      'InvestigationSchema',
      'VERSION',
    ]) {
      expect(main, name).toHaveProperty(name);
    }
    expect(main).not.toHaveProperty('startFakePuck');
    for (const name of [
      'startFakePuck',
      'FakePuck',
      'FAKE_PUCK_API_KEY',
      'signPuckPayload',
      'buildPuckEvent',
    ]) {
      expect(testing, name).toHaveProperty(name);
    }
  });
});
