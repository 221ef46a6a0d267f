// Runs every package's examples against its fake server (`node scripts/examples.mjs [vendor…]`).
//
// 1. Typechecks each `packages/<pkg>/examples` folder (`tsc -p`, its own tsconfig.json).
// 2. Runs each `examples/*.ts` that is not a `.test.ts` with this Node (type stripping), cwd the
//    package folder, 60 s each, two at a time, with every `<VENDOR>_*` variable removed so that the
//    examples start their fakes instead of using a real account.
// 3. Runs each folder's `*.test.ts` with vitest (`--root <pkg>/examples`; the package's own vitest
//    config, which includes only test/**, is not used).
//
// The examples import `@quiver/<vendor>` by name: Node and vitest resolve a package's own name from
// inside it through its `exports` map (self-reference), so the packages must be built first
// (`pnpm run build`). One line per example; exits 1 if anything failed.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const TIMEOUT_MS = 60_000;
const CONCURRENCY = 2;
const TSC = join(root, 'node_modules/typescript/bin/tsc');
const VITEST = join(root, 'node_modules/vitest/vitest.mjs');

const only = process.argv.slice(2);
const packages = readdirSync(join(root, 'packages'))
  .filter((name) => existsSync(join(root, 'packages', name, 'examples')))
  .filter((name) => only.length === 0 || only.includes(name))
  .map((name) => ({
    name,
    dir: join(root, 'packages', name),
    examples: join(root, 'packages', name, 'examples'),
  }));

// No vendor credentials or endpoints: every example must run against its fake.
const VENDOR_VARS = /^(PUCK|PUFFLE|PUSH_SECURITY|PUSH|PWNBOOK|PIKARC)_/;
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !VENDOR_VARS.test(key)));
env.NO_COLOR = '1';

function run(args, cwd) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\n(timed out after ${TIMEOUT_MS / 1000} s)`;
      child.kill('SIGKILL');
    }, TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        ok: code === 0,
        code: code ?? signal,
        output,
        seconds: (performance.now() - started) / 1000,
      });
    });
  });
}

const failures = [];
function report(label, result) {
  const status = result.ok ? 'ok  ' : 'FAIL';
  console.log(`${status} ${label.padEnd(58)} ${result.seconds.toFixed(1).padStart(5)} s`);
  if (!result.ok) failures.push({ label, result });
}

async function pool(jobs) {
  const queue = [...jobs];
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) report(job.label, await run(job.args, job.cwd));
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

// The examples run the built dist: a dist older than its src (or than core's) gives false failures.
const builtAt = (dir) =>
  existsSync(join(dir, 'dist/index.js')) ? statSync(join(dir, 'dist/index.js')).mtimeMs : 0;
const newestSrc = (dir) =>
  Math.max(
    ...readdirSync(join(dir, 'src'), { recursive: true }).map((f) => statSync(join(dir, 'src', f)).mtimeMs),
  );
const core = join(root, 'packages/core');
for (const p of packages) {
  const built = builtAt(p.dir);
  if (built < newestSrc(p.dir) || built < builtAt(core)) {
    console.log(`warning: packages/${p.name}/dist is older than its src or than core's dist: build first`);
  }
}

const started = performance.now();
const rel = (path) => relative(root, path);

await pool(
  packages.map((p) => ({ label: `tsc -p ${rel(p.examples)}`, args: [TSC, '-p', p.examples], cwd: root })),
);

const scripts = packages.flatMap((p) =>
  readdirSync(p.examples)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .sort()
    .map((file) => ({ label: rel(join(p.examples, file)), args: [join(p.examples, file)], cwd: p.dir })),
);
await pool(scripts);

await pool(
  packages
    .filter((p) => readdirSync(p.examples).some((file) => file.endsWith('.test.ts')))
    .map((p) => ({
      label: `vitest ${rel(p.examples)}`,
      args: [VITEST, 'run', '--root', p.examples, '--reporter=dot'],
      cwd: p.dir,
    })),
);

for (const { label, result } of failures) {
  console.log(
    `\n--- ${label} (exit ${result.code})\n${result.output.trim().split('\n').slice(-40).join('\n')}`,
  );
}
const total = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `\nexamples: ${failures.length === 0 ? 'all passed' : `${failures.length} failed`} in ${total} s`,
);
if (failures.length > 0) process.exitCode = 1;
