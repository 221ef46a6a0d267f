// Shared helpers of the quality gates (scripts/quality/*.mjs): package discovery, child processes,
// packing, a small concurrency pool and table printing. Node ≥ 22, no dependencies beyond the root's.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const bin = (name) => join(root, 'node_modules/.bin', name);

/**
 * Every workspace package under packages/* that has been built (has a `dist/` folder). `vendor` is
 * every package except core. Packages without a dist are listed in `skipped` (the gates run after
 * `turbo run build`, so that only happens for a folder that has no build yet).
 */
export async function discoverPackages() {
  const base = join(root, 'packages');
  const packages = [];
  const skipped = [];
  for (const entry of (await readdir(base, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (!entry.isDirectory()) continue;
    const dir = join(base, entry.name);
    const manifestPath = join(dir, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    if (!existsSync(join(dir, 'dist'))) {
      skipped.push(entry.name);
      continue;
    }
    packages.push({
      name: manifest.name,
      dirName: entry.name,
      dir,
      manifest,
      isCore: manifest.name === '@quiver/core',
      subpaths: Object.keys(manifest.exports ?? { '.': null }).filter((k) => k !== './package.json'),
    });
  }
  return { packages, skipped };
}

/** Runs a command; resolves `{ code, stdout, stderr, ms }`, never rejects (check `code`). */
export function run(command, args, { cwd = root, env, timeout = 120_000, input } = {}) {
  const started = performance.now();
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    const timer = setTimeout(() => {
      stderr += `\n[quality] timed out after ${timeout} ms`;
      child.kill('SIGKILL');
    }, timeout);
    child.on('error', (error) => {
      stderr += `\n[quality] ${error.message}`;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? (signal ? 1 : 0), stdout, stderr, ms: performance.now() - started });
    });
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

/** Like `run`, but throws with the command's output when it exits non-zero. */
export async function runOrThrow(command, args, options) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    const where = relative(root, options?.cwd ?? root) || '.';
    throw new Error(
      `\`${[command, ...args].join(' ')}\` (in ${where}) exited with ${result.code}\n${result.stdout}${result.stderr}`,
    );
  }
  return result;
}

/**
 * `pnpm pack`s a package into `destination` (workspace:^ replaced by real ranges, `files` applied):
 * exactly what `pnpm publish` would upload. Returns the tarball path and its file list.
 */
export async function pack(packageDir, destination) {
  await mkdir(destination, { recursive: true });
  const { stdout } = await runOrThrow(bin('pnpm'), ['pack', '--json', '--pack-destination', destination], {
    cwd: packageDir,
  });
  const report = JSON.parse(stdout.slice(stdout.indexOf('{')));
  return { tarball: report.filename, files: report.files.map((f) => f.path), version: report.version };
}

/** Unpacks a tarball's `package/` folder into `destination`. */
export async function unpack(tarball, destination) {
  await mkdir(destination, { recursive: true });
  await runOrThrow('tar', ['-xzf', tarball, '-C', destination, '--strip-components=1']);
}

/** Runs `tasks` (functions returning promises) with at most `limit` at a time; keeps their order. */
export async function pool(tasks, limit = availableParallelism()) {
  const results = new Array(tasks.length);
  let next = 0;
  async function worker() {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]();
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  return results;
}

/** A plain-text table: `rows` are arrays of cells; numbers are right-aligned. */
export function table(header, rows) {
  const cells = [header, ...rows].map((row) => row.map((cell) => String(cell)));
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]?.length ?? 0)));
  const numeric = header.map((_, i) =>
    rows.every((row) => typeof row[i] === 'number' || /^[\d.,]+/.test(row[i])),
  );
  const line = (row) =>
    row.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

export const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
