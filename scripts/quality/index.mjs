// The quality gates, run by `pnpm run check` after build/typecheck/test/publint/attw
// (`pnpm run check:quality`). Every gate discovers the packages under packages/* on its own: a new
// package is checked as soon as it builds (and needs only scripts/matrix/<folder>.json).
//
//   node scripts/quality/index.mjs [conventions] [size] [matrix] [docs] [release]
//
//   exports      every target of every package's exports map exists after the build (a build that
//                races its own output — the ./testing types once vanished every other run — fails)
//   reference    every vendor package's api.md is current (scripts/api-reference.mjs --check)
//   examples     every package's examples/ typecheck and run against its fake (scripts/examples.mjs)
//   conventions  every package keeps the scripts turbo runs in CI (build, typecheck, test, publint,
//                attw), the exports map and `sideEffects: false`; vendor packages export ./testing
//   size         bundle-size budgets (scripts/quality/size.mjs)
//   matrix       runtime matrix: Node ESM/CJS, tsc node16/bundler, Deno 2 (scripts/quality/matrix.mjs)
//   docs         TypeDoc site in docs/api, every exported symbol documented (scripts/quality/docs.mjs)
//   release      changeset version + pnpm pack dry run, tarball contents (scripts/quality/release.mjs)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { docsGate } from './docs.mjs';
import { discoverPackages, root, seconds, table } from './lib.mjs';
import { matrixGate } from './matrix.mjs';
import { releaseGate } from './release.mjs';
import { sizeGate } from './size.mjs';

const REQUIRED_SCRIPTS = ['build', 'typecheck', 'test', 'publint', 'attw'];

async function conventionsGate({ log = console.log } = {}) {
  const { packages, skipped } = await discoverPackages();
  const failures = [];
  for (const pkg of packages) {
    const m = pkg.manifest;
    const problems = [];
    for (const script of REQUIRED_SCRIPTS) {
      if (!m.scripts?.[script])
        problems.push(`no "${script}" script (turbo runs it in CI for every package)`);
    }
    if (m.scripts?.publint && !m.scripts.publint.includes('--strict'))
      problems.push('publint without --strict');
    if (m.sideEffects !== false) problems.push('"sideEffects": false is missing (tree-shaking)');
    if (m.type !== 'module') problems.push('"type": "module" is missing');
    if (!m.exports?.['.']) problems.push('no exports["."]');
    // A vendor package (it has a client) ships its fake server as ./testing.
    const vendor = existsSync(join(pkg.dir, 'src/client.ts')) && !pkg.isCore;
    if (vendor && !m.exports?.['./testing']) problems.push('no exports["./testing"] (the fake server)');
    if (!m.files?.includes('dist')) problems.push('"files" does not list dist');
    if (!existsSync(join(root, 'scripts/matrix', `${pkg.dirName}.json`))) {
      problems.push(`no runtime-matrix spec scripts/matrix/${pkg.dirName}.json`);
    }
    if (problems.length) failures.push(`${pkg.name}: ${problems.join('; ')}`);
  }
  for (const dir of skipped)
    failures.push(`packages/${dir} has no dist/: it is not built, so no gate checks it`);
  log(`${packages.length} packages: ${packages.map((p) => p.name).join(', ')}`);
  return { failures };
}

function exportTargets(node, out = []) {
  if (typeof node === 'string') out.push(node);
  else if (node && typeof node === 'object')
    for (const value of Object.values(node)) exportTargets(value, out);
  return out;
}

async function exportsGate({ log = console.log } = {}) {
  const { packages } = await discoverPackages();
  const failures = [];
  let count = 0;
  for (const pkg of packages) {
    const m = pkg.manifest;
    const targets = [...exportTargets(m.exports), m.main, m.module, m.types].filter(Boolean);
    for (const [, paths] of Object.entries(m.typesVersions?.['*'] ?? {})) targets.push(...paths);
    for (const target of new Set(targets)) {
      count += 1;
      if (!existsSync(join(pkg.dir, target)))
        failures.push(`${pkg.name}: ${target} is missing after the build`);
    }
  }
  log(`${count} export targets in ${packages.length} packages`);
  return { failures };
}

async function referenceGate({ log = console.log } = {}) {
  const { spawnSync } = await import('node:child_process');
  const run = spawnSync(process.execPath, [join(root, 'scripts/api-reference.mjs'), '--check'], {
    encoding: 'utf8',
  });
  log((run.stdout || '').trim());
  return { failures: run.status === 0 ? [] : [(run.stderr || 'api-reference --check failed').trim()] };
}

async function examplesGate({ log = console.log } = {}) {
  const { spawnSync } = await import('node:child_process');
  const run = spawnSync(process.execPath, [join(root, 'scripts/examples.mjs')], { encoding: 'utf8' });
  log((run.stdout || '').trim());
  return {
    failures: run.status === 0 ? [] : [`examples failed:\n${(run.stderr || run.stdout || '').trim()}`],
  };
}

const GATES = {
  exports: exportsGate,
  reference: referenceGate,
  examples: examplesGate,
  conventions: conventionsGate,
  size: sizeGate,
  matrix: matrixGate,
  docs: docsGate,
  release: releaseGate,
};

const requested = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const unknown = requested.filter((name) => !(name in GATES));
if (unknown.length) {
  console.error(`unknown gate(s): ${unknown.join(', ')}; known: ${Object.keys(GATES).join(', ')}`);
  process.exit(2);
}
const names = requested.length ? requested : Object.keys(GATES);
const summary = [];
let failed = 0;
const started = performance.now();
for (const name of names) {
  console.log(`\n── ${name} ${'─'.repeat(Math.max(0, 70 - name.length))}`);
  const t0 = performance.now();
  let failures;
  try {
    ({ failures } = await GATES[name]());
  } catch (error) {
    failures = [error.stack ?? String(error)];
  }
  const ms = performance.now() - t0;
  if (failures.length) {
    failed += 1;
    console.error(`\n${name}: ${failures.length} problem(s):\n- ${failures.join('\n- ')}`);
  }
  summary.push([name, failures.length ? `FAIL (${failures.length})` : 'ok', seconds(ms)]);
}
console.log(`\n── quality gates ${'─'.repeat(58)}`);
console.log(table(['gate', 'result', 'time'], summary));
console.log(`total ${seconds(performance.now() - started)}`);
if (failed) process.exitCode = 1;
