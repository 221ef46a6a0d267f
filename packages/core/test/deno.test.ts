import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json, startServer } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, '..');
const deno = resolve(pkg, '../../node_modules/.bin/deno');
const run = promisify(execFile);

describe('Deno 2', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    server = await startServer((req, res) => {
      if (req.url === '/v1/items/1' && req.headers.authorization === 'Bearer smoke-key')
        json(res, 200, { id: '1', extra: true });
      else json(res, 404, { error: 'not found' });
    });
    // A project that resolves `npm:@quiver/core` from a local node_modules holding the built package.
    dir = await mkdtemp(join(tmpdir(), 'quiver-deno-'));
    await mkdir(join(dir, 'node_modules/@quiver'), { recursive: true });
    await symlink(pkg, join(dir, 'node_modules/@quiver/core'), 'dir');
    await symlink(resolve(pkg, 'node_modules/valibot'), join(dir, 'node_modules/valibot'), 'dir');
    await writeFile(
      join(dir, 'package.json'),
      JSON.stringify({ type: 'module', dependencies: { '@quiver/core': '*', valibot: '*' } }),
    );
    await writeFile(join(dir, 'deno.json'), JSON.stringify({ nodeModulesDir: 'manual' }));
  });

  afterAll(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('runs the built ESM through an npm: import, without --allow-env', async () => {
    const { stdout } = await run(
      deno,
      [
        'run',
        '--no-prompt',
        '--allow-net=127.0.0.1',
        '--allow-read',
        join(here, 'deno/smoke.ts'),
        server.url,
      ],
      { cwd: dir, env: { ...process.env, DENO_NO_UPDATE_CHECK: '1' }, timeout: 60_000 },
    );
    expect(JSON.parse(stdout)).toEqual({
      item: { id: '1', extra: true },
      env: null,
      notFound: true,
      message: `Smoke GET ${new URL(server.url).host}/v1/items/missing → 404: not found`,
    });
  });
});
