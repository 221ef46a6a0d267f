// Runtime matrix: every built package, packed as it would be published, used from a fresh project
// with no network:
//
//   node-esm      `import` under Node (ESM build, ./testing ESM build)
//   node-cjs      `require` under Node (CJS build, ./testing CJS build)
//   ts-node16     `tsc` with module/moduleResolution node16: an .mts (import → .d.ts) and a .cts
//                 (require → .d.cts) consumer; lib without DOM (a Node user's setup); skipLibCheck off
//   ts-bundler    `tsc` with moduleResolution bundler, lib with DOM
//   ts-5.2        the same with the oldest TypeScript supported (the `typescript-min` devDependency)
//   deno          Deno 2, `npm:` specifiers resolved from the project's node_modules
//                 (`nodeModulesDir: "manual"`), type-checked (`deno run --check`), no --allow-env;
//                 the fake server runs in a Node process and its URL is passed in
//
// Each consumer calls the package's fake server, checks a typed result (the static type must be
// exactly the spec's `ok.type`, not `any`) and a typed error (`instanceof` + a check on its fields).
// What to call is described per package in scripts/matrix/<package folder>.json (see the README there).
//
//   node scripts/quality/matrix.mjs [--keep] [package-folder …]
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { bin, discoverPackages, pack, pool, root, run, seconds, table, unpack } from './lib.mjs';

const SPEC_DIR = join(root, 'scripts/matrix');
const VARIANTS = ['node-esm', 'node-cjs', 'ts-node16', 'ts-bundler', 'ts-5.2', 'deno'];
/** The oldest TypeScript the packages support (stated in the README): valibot's types need 5.2. */
const MIN_TYPESCRIPT = '5.2';

// ---------------------------------------------------------------------------------------------
// Consumer code generation

const EQUAL =
  'type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;';

function check(what) {
  return `check(${what}, ${JSON.stringify(what)});`;
}

/** The part every consumer shares, in TypeScript: `main(url, apiKey)` runs the two calls. */
function sharedBody(spec) {
  const prelude = Array.isArray(spec.prelude) ? spec.prelude.join('\n') : (spec.prelude ?? '');
  return `${EQUAL}

function check(condition: unknown, what: string): void {
  if (!condition) throw new Error(\`check failed: \${what}\`);
}

${prelude}

async function main(url: string, apiKey: string): Promise<{ ok: true; error: string }> {
  const client = new ${spec.client}(${spec.options});

  const result = await ${spec.ok.call};
  // Compile-time: the result has exactly the documented type (not any, not unknown).
  const resultIsTyped: Equal<typeof result, ${spec.ok.type}> = true;
  ${check('resultIsTyped')}
  ${check(spec.ok.check)}

  let error: unknown;
  try {
    await ${spec.error.call};
  } catch (caught) {
    error = caught;
  }
  if (!(error instanceof ${spec.error.class})) {
    throw new Error(\`expected ${spec.error.class}, got \${String(error)}\`);
  }
  const errorIsTyped: Equal<typeof error, ${spec.error.class}> = true;
  ${check('errorIsTyped')}
  ${check(spec.error.check)}
  return { ok: true, error: error.message };
}
`;
}

/** Node runner (TypeScript): start the fake, run main, close the fake. */
function nodeRunner(spec) {
  return `
async function run(): Promise<void> {
  const fake = await ${spec.fake.start};
  try {
    const outcome = await main(fake.url, ${spec.fake.apiKey});
    console.log(\`MATRIX-OK \${JSON.stringify(outcome)}\`);
  } finally {
    await fake.close();
  }
}

run().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
`;
}

const DENO_RUNNER = `
const outcome = await main(Deno.args[0] ?? '', Deno.args[1] ?? '');
console.log(\`MATRIX-OK \${JSON.stringify(outcome)}\`);
`;

function importLines(imports, style, mapSpecifier = (s) => s) {
  const lines = [];
  for (const [from, names] of Object.entries(imports)) {
    const specifier = mapSpecifier(from);
    const namespace = names.find((n) => n.startsWith('* as '));
    const named = names.filter((n) => !n.startsWith('* as '));
    const values = named.filter((n) => !n.startsWith('type '));
    if (style === 'cjs') {
      if (namespace) lines.push(`const ${namespace.slice(5)} = require('${specifier}');`);
      if (values.length) lines.push(`const { ${values.join(', ')} } = require('${specifier}');`);
    } else {
      // 'esm-js' drops type-only names; 'esm' is TypeScript and keeps them.
      const list = style === 'esm-js' ? values : named;
      if (namespace) lines.push(`import ${namespace} from '${specifier}';`);
      if (list.length) lines.push(`import { ${list.join(', ')} } from '${specifier}';`);
    }
  }
  return lines.join('\n');
}

async function stripTypes(ts) {
  return (await esbuild.transform(ts, { loader: 'ts', target: 'es2022' })).code;
}

/** Every file of a package's consumer project, by name. */
async function consumerFiles(spec) {
  const nodeImports = { ...spec.imports, ...spec.fake.imports };
  const tsSource = sharedBody(spec) + nodeRunner(spec);
  const jsBody = await stripTypes(tsSource);
  const header = '// Generated by scripts/quality/matrix.mjs from the package spec.\n';
  return {
    'esm.mjs': `${header}${importLines(nodeImports, 'esm-js')}\n\n${jsBody}`,
    'cjs.cjs': `${header}'use strict';\n${importLines(nodeImports, 'cjs')}\n\n${jsBody}`,
    'esm.mts': `${header}${importLines(nodeImports, 'esm')}\n\n${tsSource}`,
    'cjs.cts': `${header}${importLines(nodeImports, 'esm')}\n\n${tsSource}`,
    'bundler.ts': `${header}${importLines(nodeImports, 'esm')}\n\n${tsSource}`,
    'deno.ts': `${header}${importLines(spec.imports, 'esm', (s) => `npm:${s}`)}\n\n${sharedBody(spec)}${DENO_RUNNER}`,
    // Started by the matrix for the Deno run: prints the fake's URL and key, stops when stdin closes.
    'serve.mjs': `${header}${importLines(spec.fake.imports, 'esm-js')}

const fake = await ${spec.fake.start};
console.log(JSON.stringify({ url: fake.url, apiKey: ${spec.fake.apiKey} }));
process.stdin.resume();
process.stdin.on('end', () => fake.close().finally(() => process.exit(0)));
`,
  };
}

function tsconfig(mode, files) {
  const node16 = mode === 'node16';
  return {
    compilerOptions: {
      module: node16 ? 'node16' : 'esnext',
      moduleResolution: node16 ? 'node16' : 'bundler',
      target: 'es2022',
      // A Node user's setup has no DOM lib: the .d.ts files must not need it.
      lib: node16 ? ['es2023'] : ['es2023', 'dom', 'dom.iterable'],
      types: ['node'],
      strict: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: false,
      noEmit: true,
    },
    files,
  };
}

// ---------------------------------------------------------------------------------------------
// Projects

function validateSpec(spec, file) {
  const missing = [];
  for (const key of ['imports', 'client', 'options', 'fake', 'ok', 'error'])
    if (!spec[key]) missing.push(key);
  for (const key of ['imports', 'start', 'apiKey']) if (!spec.fake?.[key]) missing.push(`fake.${key}`);
  for (const key of ['call', 'type', 'check']) if (!spec.ok?.[key]) missing.push(`ok.${key}`);
  for (const key of ['call', 'class', 'check']) if (!spec.error?.[key]) missing.push(`error.${key}`);
  if (missing.length)
    throw new Error(`${file}: missing ${missing.join(', ')} (see scripts/matrix/README.md)`);
}

/** The package and every workspace package it depends on, transitively. */
function closure(pkg, byName) {
  const out = new Map();
  const visit = (p) => {
    if (out.has(p.name)) return;
    out.set(p.name, p);
    for (const dep of Object.keys(p.manifest.dependencies ?? {})) {
      const local = byName.get(dep);
      if (local) visit(local);
    }
  };
  visit(pkg);
  return [...out.values()];
}

/** Copies the packed packages into `dir/node_modules` and links their third-party dependencies. */
async function installPackages(list, { byName, unpacked, dir }) {
  const modules = join(dir, 'node_modules');
  await mkdir(modules, { recursive: true });
  const installed = {};
  for (const local of list) {
    if (installed[local.name]) continue;
    // A copy (not a symlink): the published files only, resolving their dependencies from here.
    await cp(unpacked.get(local.name), join(modules, local.name), { recursive: true });
    installed[local.name] = local.manifest.version;
    for (const dep of Object.keys(local.manifest.dependencies ?? {})) {
      if (byName.has(dep) || existsSync(join(modules, dep))) continue;
      // Third-party dependencies: the copies the workspace installed (no network, no registry).
      const target = await realpath(join(local.dir, 'node_modules', dep));
      await mkdir(dirname(join(modules, dep)), { recursive: true });
      await symlink(target, join(modules, dep), 'dir');
      installed[dep] = JSON.parse(await readFile(join(target, 'package.json'), 'utf8')).version;
    }
  }
  return installed;
}

async function copyLocalFakes(spec, dir) {
  for (const from of Object.keys(spec.fake.imports)) {
    if (!from.startsWith('./')) continue;
    await cp(join(SPEC_DIR, from), join(dir, from));
    const types = from.replace(/\.(c|m)?js$/, '.d.$1ts');
    if (existsSync(join(SPEC_DIR, types))) await cp(join(SPEC_DIR, types), join(dir, types));
  }
}

/** A fresh project holding one package (and what it depends on): the Node and Deno runs. */
async function buildRuntimeProject(pkg, spec, context) {
  const { dir } = context;
  const installed = await installPackages(closure(pkg, context.byName), context);
  await copyLocalFakes(spec, dir);
  const files = await consumerFiles(spec);
  const runtime = {
    'esm.mjs': files['esm.mjs'],
    'cjs.cjs': files['cjs.cjs'],
    'deno.ts': files['deno.ts'],
    'serve.mjs': files['serve.mjs'],
    'package.json': JSON.stringify(
      { name: 'matrix-consumer', private: true, type: 'module', dependencies: installed },
      null,
      2,
    ),
    'deno.json': JSON.stringify({ nodeModulesDir: 'manual', lock: false }, null, 2),
  };
  for (const [name, contents] of Object.entries(runtime)) await writeFile(join(dir, name), contents);
}

/**
 * One project holding every package, for the two TypeScript checks: one `tsc` per resolution mode
 * type-checks every package's consumers and every .d.ts (lib checks included) in a single program,
 * instead of re-checking @types/node once per package. Consumers are named `<folder>.esm.mts`, …
 */
async function buildTypesProject(entries, context) {
  const { dir } = context;
  const installed = await installPackages(
    entries.flatMap(({ pkg }) => closure(pkg, context.byName)),
    context,
  );
  await mkdir(join(dir, 'node_modules/@types'), { recursive: true });
  await symlink(
    await realpath(join(root, 'node_modules/@types/node')),
    join(dir, 'node_modules/@types/node'),
    'dir',
  );
  const node16 = [];
  const bundler = [];
  for (const { pkg, spec } of entries) {
    await copyLocalFakes(spec, dir);
    const files = await consumerFiles(spec);
    for (const [suffix, list] of [
      ['esm.mts', node16],
      ['cjs.cts', node16],
      ['bundler.ts', bundler],
    ]) {
      await writeFile(join(dir, `${pkg.dirName}.${suffix}`), files[suffix]);
      list.push(`${pkg.dirName}.${suffix}`);
    }
  }
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'matrix-types', private: true, type: 'module', dependencies: installed }, null, 2),
  );
  await writeFile(join(dir, 'tsconfig.node16.json'), JSON.stringify(tsconfig('node16', node16), null, 2));
  await writeFile(join(dir, 'tsconfig.bundler.json'), JSON.stringify(tsconfig('bundler', bundler), null, 2));
}

// ---------------------------------------------------------------------------------------------
// Steps

const node = process.execPath;
const tsc = createRequire(join(root, 'package.json')).resolve('typescript/bin/tsc');
const tscMin = createRequire(join(root, 'package.json')).resolve('typescript-min/bin/tsc');

function expectOk(result) {
  const ok = result.code === 0 && /^MATRIX-OK /m.test(result.stdout);
  return { ok, ms: result.ms, output: ok ? '' : `${result.stdout}${result.stderr}` };
}

async function withFakeServer(dir, fn) {
  const child = spawn(node, ['serve.mjs'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c) => {
    stderr += c;
  });
  const exited = new Promise((resolve) => child.on('close', resolve));
  const first = await new Promise((resolve) => {
    let buffer = '';
    child.stdout.on('data', (c) => {
      buffer += c;
      // The fake may log before it prints its address: take the first line that carries it.
      const line = buffer
        .split('\n')
        .slice(0, -1)
        .find((l) => l.startsWith('{"url":'));
      if (line) resolve(line);
    });
    exited.then(() => resolve(''));
  });
  if (!first) return { ok: false, ms: 0, output: `the fake server did not start:\n${stderr}` };
  try {
    const { url, apiKey } = JSON.parse(first);
    return await fn(url, apiKey);
  } finally {
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

const STEPS = {
  'node-esm': (dir) => run(node, ['esm.mjs'], { cwd: dir, timeout: 60_000 }).then(expectOk),
  'node-cjs': (dir) => run(node, ['cjs.cjs'], { cwd: dir, timeout: 60_000 }).then(expectOk),
  deno: (dir) =>
    withFakeServer(dir, (url, apiKey) =>
      run(
        bin('deno'),
        ['run', '--check', '--no-prompt', '--allow-net=127.0.0.1', '--allow-read', 'deno.ts', url, apiKey],
        { cwd: dir, env: { DENO_NO_UPDATE_CHECK: '1', DENO_DIR: join(dir, '.deno') }, timeout: 120_000 },
      ).then(expectOk),
    ),
};

/**
 * Runs one tsc over the types project and splits its diagnostics by package: a consumer file
 * `<folder>.*` or a file under `node_modules/@quiver/<folder>/`. Anything else counts for everyone.
 */
async function typeCheck(dir, mode, entries, compiler = tsc) {
  const result = await run(node, [compiler, '-p', `tsconfig.${mode}.json`, '--pretty', 'false'], {
    cwd: dir,
  });
  const byPackage = new Map(entries.map(({ pkg }) => [pkg.name, []]));
  const general = [];
  for (const line of `${result.stdout}${result.stderr}`.split('\n')) {
    if (!line.trim()) continue;
    const owner = entries.find(
      ({ pkg }) => line.startsWith(`${pkg.dirName}.`) || line.includes(`node_modules/${pkg.name}/`),
    );
    (owner ? byPackage.get(owner.pkg.name) : general).push(line);
  }
  if (result.code !== 0 && general.length === 0 && [...byPackage.values()].every((l) => l.length === 0)) {
    general.push(`tsc exited with ${result.code}`);
  }
  const outcomes = new Map();
  for (const { pkg } of entries) {
    const lines = [...general, ...byPackage.get(pkg.name)];
    outcomes.set(pkg.name, { ok: lines.length === 0, ms: result.ms, output: lines.join('\n') });
  }
  return outcomes;
}

// ---------------------------------------------------------------------------------------------

export async function matrixGate({ log = console.log, only = [], keep = false } = {}) {
  const { packages, skipped } = await discoverPackages();
  const byName = new Map(packages.map((p) => [p.name, p]));
  const selected = packages.filter((p) => only.length === 0 || only.includes(p.dirName));
  const failures = [];
  const tmp = await mkdtemp(join(tmpdir(), 'quiver-matrix-'));
  try {
    const specs = new Map();
    for (const pkg of selected) {
      const file = join(SPEC_DIR, `${pkg.dirName}.json`);
      if (!existsSync(file)) {
        failures.push(
          `${pkg.name}: no runtime-matrix spec. Add scripts/matrix/${pkg.dirName}.json (see scripts/matrix/README.md).`,
        );
        continue;
      }
      const spec = JSON.parse(await readFile(file, 'utf8'));
      try {
        validateSpec(spec, `scripts/matrix/${pkg.dirName}.json`);
        specs.set(pkg.name, spec);
      } catch (error) {
        failures.push(error.message);
      }
    }

    // Pack every package once (dependencies included), as `pnpm publish` would.
    const unpacked = new Map();
    const packStarted = performance.now();
    await pool(
      packages.map((pkg) => async () => {
        const { tarball } = await pack(pkg.dir, join(tmp, 'tarballs'));
        const dest = join(tmp, 'unpacked', pkg.dirName);
        await unpack(tarball, dest);
        unpacked.set(pkg.name, dest);
      }),
    );
    const packMs = performance.now() - packStarted;

    const projects = [];
    for (const pkg of selected) {
      const spec = specs.get(pkg.name);
      if (!spec) continue;
      const dir = join(tmp, 'projects', pkg.dirName);
      await buildRuntimeProject(pkg, spec, { byName, unpacked, dir });
      projects.push({ pkg, spec, dir });
    }
    const typesDir = join(tmp, 'projects', '_types');
    if (projects.length) await buildTypesProject(projects, { byName, unpacked, dir: typesDir });

    // The two type checks are the slow steps: start them first, spread the runs over the other core.
    const results = new Map();
    const jobs = [
      ...['node16', 'bundler'].map((mode) => async () => {
        if (!projects.length) return;
        for (const [name, outcome] of await typeCheck(typesDir, mode, projects)) {
          results.set(`${name} ts-${mode}`, outcome);
        }
      }),
      async () => {
        if (!projects.length) return;
        for (const [name, outcome] of await typeCheck(typesDir, 'bundler', projects, tscMin)) {
          results.set(`${name} ts-${MIN_TYPESCRIPT}`, outcome);
        }
      },
      ...['deno', 'node-esm', 'node-cjs'].flatMap((variant) =>
        projects.map((project) => async () => {
          results.set(`${project.pkg.name} ${variant}`, await STEPS[variant](project.dir));
        }),
      ),
    ];
    await pool(jobs);

    const rows = projects.map(({ pkg }) => [
      pkg.name,
      ...VARIANTS.map((variant) => {
        const r = results.get(`${pkg.name} ${variant}`);
        return `${r.ok ? 'ok' : 'FAIL'} ${seconds(r.ms)}`;
      }),
    ]);
    log(table(['package', ...VARIANTS], rows));
    log(
      `(packing ${packages.length} packages: ${seconds(packMs)}; the ts-* times are one tsc over all packages; projects in ${keep ? tmp : 'a temp dir'})`,
    );
    if (skipped.length) log(`(not built, skipped: ${skipped.join(', ')})`);
    for (const { pkg } of projects) {
      for (const variant of VARIANTS) {
        const r = results.get(`${pkg.name} ${variant}`);
        if (!r.ok) failures.push(`${pkg.name} ${variant}:\n${trim(r.output)}`);
      }
    }
  } finally {
    if (!keep) await rm(tmp, { recursive: true, force: true });
  }
  return { failures };
}

const TYPED_HINT =
  "hint: \"Type 'true' is not assignable to type 'false'\" means the static type of `result` (or of the narrowed `error`) is not exactly the spec's ok.type (error.class).";

function trim(text, max = 4000) {
  let t = text.trim();
  if (t.includes("Type 'true' is not assignable to type 'false'")) t += `\n${TYPED_HINT}`;
  return t.length > max ? `${t.slice(0, max)}\n… (${t.length - max} more characters)` : t;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const { failures } = await matrixGate({
    keep: args.includes('--keep'),
    only: args.filter((a) => !a.startsWith('--')),
  });
  if (failures.length) {
    console.error(`\nmatrix: ${failures.length} problem(s):\n- ${failures.join('\n- ')}`);
    process.exitCode = 1;
  }
}
