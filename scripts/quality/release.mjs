// Release dry run. In a temporary copy of the workspace (the repository and its .changeset/ are never
// touched): `changeset version` applies the pending changesets, then `pnpm pack` packs every package
// exactly as `changeset publish` would upload it. The tarballs are then inspected:
//
// - only what users need: package.json, README.md, api.md, CHANGELOG.md, LICENSE and built files under dist/
//   (.js/.cjs/.mjs, .d.ts/.d.cts/.d.mts, .map); no tests, fixtures, sources, configs or build caches;
// - every source map's `sources` are in the tarball (or inlined as `sourcesContent`), every
//   `sourceMappingURL` points at a file in the tarball;
// - every file that `exports`, `main`, `module` and `types` name is in the tarball; README.md is there;
// - no `workspace:` range survives, and each @quiver/* dependency asks for the version just released.
//
//   node scripts/quality/release.mjs [--keep]
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, posix } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bin, discoverPackages, pack, root, runOrThrow, table, unpack } from './lib.mjs';

const ALLOWED = [
  /^package\.json$/,
  /^README\.md$/,
  /^api\.md$/,
  /^CHANGELOG\.md$/,
  /^LICEN[CS]E(\.md|\.txt)?$/,
  /^dist\/.+\.(js|cjs|mjs|d\.ts|d\.cts|d\.mts|map)$/,
];
const FORBIDDEN = [
  [/(^|\/)(test|tests|__tests__|spec|__mocks__)\//, 'a test folder'],
  [/\.(test|spec|bench)\.[cm]?[jt]sx?$/, 'a test file'],
  [/(^|\/)(fixtures?|__fixtures__)(\/|\.json$)/, 'a fixture'],
  [/(^|\/)(src|bench|coverage|node_modules|\.turbo)\//, 'sources or build leftovers'],
  [
    /(^|\/)(tsconfig[^/]*\.json|tsup\.config\.[cm]?[jt]s|vitest\.config\.[cm]?[jt]s|biome\.json)$/,
    'a config file',
  ],
  [/\.tsbuildinfo$|\.tgz$|(^|\/)\.env/, 'a build artefact or secret'],
  [/(?<!\.d)\.(ts|tsx|mts|cts)$/, 'TypeScript source'],
];
const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'];

/** Copies what `changeset version` and `pnpm pack` need; never the repo's node_modules or .git. */
async function copyWorkspace(dest) {
  for (const file of ['package.json', 'pnpm-workspace.yaml', 'pnpm-lock.yaml']) {
    if (existsSync(join(root, file))) await cp(join(root, file), join(dest, file));
  }
  await cp(join(root, '.changeset'), join(dest, '.changeset'), { recursive: true });
  const skip = /(^|\/)(node_modules|\.turbo|coverage)(\/|$)/;
  for (const group of ['packages', 'apps']) {
    if (!existsSync(join(root, group))) continue;
    for (const entry of await readdir(join(root, group), { withFileTypes: true })) {
      if (!entry.isDirectory() || !existsSync(join(root, group, entry.name, 'package.json'))) continue;
      const from = join(root, group, entry.name);
      if (group === 'apps') {
        // Apps are never published: changesets only needs to see them in the workspace.
        await mkdir(join(dest, group, entry.name), { recursive: true });
        await cp(join(from, 'package.json'), join(dest, group, entry.name, 'package.json'));
        continue;
      }
      await cp(from, join(dest, group, entry.name), {
        recursive: true,
        filter: (src) => !skip.test(src.slice(from.length)),
      });
    }
  }
  // `changeset version` loads its changelog generator from the workspace's node_modules.
  await symlink(join(root, 'node_modules'), join(dest, 'node_modules'), 'dir');
  // `pnpm pack` reads a workspace dependency's version from the package's node_modules: link each
  // one to its copy, so the bumped version is the one written into the tarball.
  const byName = new Map();
  for (const entry of await readdir(join(dest, 'packages'))) {
    const manifest = JSON.parse(await readFile(join(dest, 'packages', entry, 'package.json'), 'utf8'));
    byName.set(manifest.name, { dir: join(dest, 'packages', entry), manifest });
  }
  for (const { dir, manifest } of byName.values()) {
    for (const field of [...DEPENDENCY_FIELDS, 'devDependencies']) {
      for (const [name, range] of Object.entries(manifest[field] ?? {})) {
        if (!String(range).startsWith('workspace:') || !byName.has(name)) continue;
        await mkdir(dirname(join(dir, 'node_modules', name)), { recursive: true });
        await symlink(byName.get(name).dir, join(dir, 'node_modules', name), 'dir');
      }
    }
  }
}

function exportTargets(manifest) {
  const targets = new Set();
  const walk = (value) => {
    if (typeof value === 'string') targets.add(value);
    else if (value && typeof value === 'object') for (const v of Object.values(value)) walk(v);
  };
  walk(manifest.exports);
  for (const field of ['main', 'module', 'types', 'typings'])
    if (manifest[field]) targets.add(manifest[field]);
  return [...targets].filter((t) => !t.includes('*')).map((t) => posix.normalize(t.replace(/^\.\//, '')));
}

export async function inspect(pkg, files, dir, versions) {
  const problems = [];
  const notes = [];
  const present = new Set(files);
  for (const file of files) {
    const forbidden = FORBIDDEN.find(([re]) => re.test(file));
    if (forbidden) problems.push(`${file}: does not belong in the package (${forbidden[1]})`);
    else if (!ALLOWED.some((re) => re.test(file))) problems.push(`${file}: not something users need`);
  }
  if (!present.has('README.md')) problems.push('README.md is missing');
  if (!files.some((f) => /^LICEN[CS]E/.test(f))) {
    problems.push(`no LICENSE file (package.json says "${pkg.manifest.license ?? 'nothing'}")`);
  }

  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  for (const target of exportTargets(manifest)) {
    if (!present.has(target)) problems.push(`package.json names ${target}, which is not in the tarball`);
  }
  if (manifest.private) problems.push('package.json is "private": it cannot be published');
  for (const field of DEPENDENCY_FIELDS) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (String(range).startsWith('workspace:')) problems.push(`${field}.${name} is still "${range}"`);
      const released = versions.get(name);
      if (released && !String(range).includes(released)) {
        problems.push(`${field}.${name} is "${range}", but ${name} is released as ${released}`);
      }
    }
  }

  for (const file of files) {
    const path = join(dir, file);
    if (file.endsWith('.map')) {
      const map = JSON.parse(await readFile(path, 'utf8'));
      const base = posix.join(posix.dirname(file), map.sourceRoot ?? '');
      (map.sources ?? []).forEach((source, i) => {
        if (map.sourcesContent?.[i] != null) return;
        const resolved = posix.normalize(posix.join(base, source));
        if (!present.has(resolved)) problems.push(`${file} points at ${source}, which is not in the tarball`);
      });
    } else if (/\.(c|m)?js$|\.d\.(c|m)?ts$/.test(file)) {
      const text = await readFile(path, 'utf8');
      for (const match of text.matchAll(/[#@] sourceMappingURL=(\S+)/g)) {
        const url = match[1];
        if (url.startsWith('data:')) continue;
        const resolved = normalize(posix.join(posix.dirname(file), url));
        if (!present.has(resolved))
          problems.push(`${file} names the source map ${url}, which is not in the tarball`);
      }
    }
  }
  return { problems, notes };
}

export async function releaseGate({ log = console.log, keep = false } = {}) {
  const { packages, skipped } = await discoverPackages();
  const failures = [];
  const tmp = await mkdtemp(join(tmpdir(), 'quiver-release-'));
  try {
    const work = join(tmp, 'workspace');
    await copyWorkspace(work);
    const pending = (await readdir(join(work, '.changeset'))).filter(
      (f) => f.endsWith('.md') && f !== 'README.md',
    );
    const version = await runOrThrow(bin('changeset'), ['version'], { cwd: work });
    if (/error/i.test(version.stderr) && !/warn/i.test(version.stderr)) log(version.stderr.trim());

    const versions = new Map();
    for (const pkg of packages) {
      const manifest = JSON.parse(
        await readFile(join(work, 'packages', pkg.dirName, 'package.json'), 'utf8'),
      );
      versions.set(pkg.name, manifest.version);
    }
    const rows = [];
    for (const pkg of packages) {
      const packed = await pack(join(work, 'packages', pkg.dirName), join(tmp, 'tarballs'));
      const dir = join(tmp, 'unpacked', pkg.dirName);
      await unpack(packed.tarball, dir);
      const { problems, notes } = await inspect(pkg, packed.files, dir, versions);
      let unpackedBytes = 0;
      for (const f of packed.files) unpackedBytes += (await stat(join(dir, f))).size;
      const tgzBytes = (await stat(packed.tarball)).size;
      rows.push([
        pkg.name,
        `${pkg.manifest.version} → ${packed.version}`,
        String(packed.files.length),
        `${(tgzBytes / 1000).toFixed(1)} kB`,
        `${(unpackedBytes / 1000).toFixed(1)} kB`,
        problems.length ? `${problems.length} problem(s)` : 'ok',
        notes.join('; '),
      ]);
      if (problems.length) failures.push(`${pkg.name}:\n    ${problems.join('\n    ')}`);
    }
    log(
      `changeset version: ${pending.length} pending changeset(s) applied in a temporary copy (${dirname(work) === tmp ? 'repository untouched' : ''})`,
    );
    log(table(['package', 'version', 'files', 'tarball', 'unpacked', 'contents', 'notes'], rows));
    if (skipped.length) log(`(not built, skipped: ${skipped.join(', ')})`);
    if (keep) log(`(kept in ${tmp})`);
  } catch (error) {
    failures.push(error.message);
  } finally {
    if (!keep) await rm(tmp, { recursive: true, force: true });
  }
  return { failures };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { failures } = await releaseGate({ keep: process.argv.includes('--keep') });
  if (failures.length) {
    console.error(`\nrelease: ${failures.length} problem(s):\n- ${failures.join('\n- ')}`);
    process.exitCode = 1;
  }
}
