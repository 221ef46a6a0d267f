// Runs under Deno 2 against the built ESM of @quiver/core, resolved as `npm:@quiver/core`.
// No --allow-env: reading the environment must not crash.
import { bearerAuth, NotFoundError, QuiverClient, readEnv } from 'npm:@quiver/core';
import * as v from 'npm:valibot';

class Smoke extends QuiverClient {
  constructor(baseURL: string) {
    super(
      { maxRetries: 0 },
      { name: 'Smoke', sdk: 'quiver-smoke', version: '0.0.0', baseURL, auth: bearerAuth('smoke-key') },
    );
  }
}

const client = new Smoke(Deno.args[0] ?? '');
const item = await client.request({
  method: 'GET',
  path: '/v1/items/1',
  schema: v.looseObject({ id: v.string() }),
});
const error = await client.request({ method: 'GET', path: '/v1/items/missing' }).catch((e: unknown) => e);
console.log(
  JSON.stringify({
    item,
    env: readEnv('HOME') ?? null,
    notFound: error instanceof NotFoundError,
    message: (error as Error).message,
  }),
);
