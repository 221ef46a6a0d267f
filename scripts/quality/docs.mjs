// API reference: one TypeDoc site for every package (typedoc.json: entryPointStrategy "packages",
// each package's src/index.ts and src/testing/index.ts), written to docs/api/ (gitignored).
//
//   node scripts/quality/docs.mjs [--all]     (--all also lists the non-failing schema/inline fields)
//
// Fails when:
// - an exported symbol, or a member of an exported class / interface / enum / type alias (options
//   included), has no TSDoc comment. TypeDoc's own `notDocumented` check is replaced by the one
//   below because it also demands a comment on every field of the anonymous types it expands inside
//   variables and signatures (each entry of a valibot schema constant, each field of an inline
//   return type); those are counted and printed, but do not fail the build;
// - TypeDoc's other validations fail (`notExported`: a type used by the public API that users cannot
//   import; `invalidLink`: a broken {@link});
// - TypeDoc reports an error.
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Application, ReflectionKind } from 'typedoc';
import { root, table } from './lib.mjs';

const REQUIRED = [
  'Enum',
  'EnumMember',
  'Variable',
  'Function',
  'Class',
  'Interface',
  'Property',
  'Method',
  'Accessor',
  'TypeAlias',
];

// A reflection under an anonymous type literal that hangs off one of these is a structural detail
// (schema shape, inline return type), not a documented API member.
const OPAQUE_OWNERS =
  ReflectionKind.Variable |
  ReflectionKind.Function |
  ReflectionKind.Method |
  ReflectionKind.Accessor |
  ReflectionKind.SomeSignature |
  ReflectionKind.Parameter;

// TypeDoc noise that says nothing about the documentation: the same property seen through a valibot
// schema and its inferred type, and core having no ./testing entry.
const NOISE = [
  / has multiple declarations with a comment\./,
  /^The comments for .* are declared at:/,
  /src\/testing\/index\.ts did not match any files/,
];

/** A mirror of TypeDoc's validateDocumentation, minus members of anonymous types inside values. */
function undocumented(project) {
  let kinds = REQUIRED.reduce((acc, k) => acc | ReflectionKind[k], 0);
  kinds = (kinds & ~ReflectionKind.FunctionOrMethod) | ReflectionKind.CallSignature;
  kinds = (kinds & ~ReflectionKind.Accessor) | ReflectionKind.GetSignature | ReflectionKind.SetSignature;
  const queue = project.getReflectionsByKind(kinds);
  const seen = new Set();
  const reported = new Set();
  const required = [];
  const structural = [];
  while (queue.length) {
    const ref = queue.shift();
    if (seen.has(ref)) continue;
    seen.add(ref);
    let underLiteral = false;
    let opaque = false;
    let inParameter = false;
    for (let r = ref.parent; r; r = r.parent) {
      if (r.kindOf(ReflectionKind.Parameter)) inParameter = true;
      if (r.kindOf(ReflectionKind.TypeLiteral)) underLiteral = true;
      else if (underLiteral && r.kindOf(OPAQUE_OWNERS)) opaque = true;
    }
    if (inParameter) continue;
    if (ref.kindOf(ReflectionKind.TypeLiteral) && ref.parent?.kindOf(ReflectionKind.TypeAlias)) {
      queue.push(ref.parent);
      continue;
    }
    if (ref.kindOf(ReflectionKind.CallSignature) && ref.parent?.kindOf(ReflectionKind.TypeLiteral)) {
      queue.push(ref.parent.parent);
      continue;
    }
    if (
      ref.kindOf(ReflectionKind.ConstructorSignature) &&
      ref.parent?.parent?.kindOf(ReflectionKind.TypeAlias)
    ) {
      queue.push(ref.parent.parent);
      continue;
    }
    if ('getNonIndexSignatures' in ref) {
      const signatures =
        ref.type?.type === 'reflection'
          ? ref.type.declaration.getNonIndexSignatures()
          : ref.getNonIndexSignatures();
      if (signatures.length) {
        queue.push(...signatures);
        if (ref.kindOf(ReflectionKind.SignatureContainer)) continue;
      }
    }
    const documented =
      ref.hasComment() || (ref.kindOf(ReflectionKind.SomeSignature) && ref.parent?.hasComment());
    if (documented) continue;
    const symbol = project.getSymbolIdFromReflection(ref);
    // Only our own packages (not lib.d.ts members such as Error#message), and each declaration once
    // (core's error classes are re-exported by every vendor package).
    if (!symbol?.packageName.startsWith('@quiver/')) continue;
    const key = `${symbol.packageName}#${symbol.qualifiedName}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const entry = {
      name: ref.getFriendlyFullName(),
      kind: ReflectionKind[ref.kind],
      pkg: symbol.packageName,
      file: `${symbol.packageName}/${symbol.packagePath}`,
    };
    (opaque ? structural : required).push(entry);
  }
  return { required, structural };
}

export async function docsGate({ log = console.log, all = false } = {}) {
  const failures = [];
  const validationMessages = [];
  const app = await Application.bootstrapWithPlugins({ options: `${root}/typedoc.json` });
  const logger = app.logger;
  const print = logger.log.bind(logger);
  logger.log = (message, level) => {
    if (NOISE.some((re) => re.test(message))) return;
    if (level === 1) return; // "Converting project at …": progress, not findings.
    print(message, level);
  };
  const validationWarning = logger.validationWarning.bind(logger);
  logger.validationWarning = (message, ...args) => {
    validationMessages.push(message);
    validationWarning(message, ...args);
  };

  const project = await app.convert();
  if (!project) {
    return { failures: ['typedoc could not convert the packages (see the errors above).'] };
  }
  const { required, structural } = undocumented(project);
  const out = app.options.getValue('out');
  await app.generateDocs(project, out);

  const packages = [...new Set([...required, ...structural].map((e) => e.pkg))].sort();
  const count = (list, pkg) => list.filter((e) => e.pkg === pkg).length;
  const moduleCount = project.children?.length ?? 0;
  log(`API reference: ${moduleCount} packages → ${relative(root, out)}/index.html`);
  if (packages.length) {
    log(
      table(
        ['package', 'undocumented (fails)', 'schema/inline fields (reported)'],
        packages.map((pkg) => [pkg, String(count(required, pkg)), String(count(structural, pkg))]),
      ),
    );
  }
  if (required.length) {
    const byPackage = new Map();
    for (const e of required) byPackage.set(e.pkg, [...(byPackage.get(e.pkg) ?? []), e]);
    for (const [pkg, entries] of byPackage) {
      failures.push(
        `${pkg}: ${entries.length} exported symbol(s) or member(s) without TSDoc:\n    ${entries
          .map((e) => `${e.name} (${e.kind}) — ${e.file}`)
          .join('\n    ')}`,
      );
    }
  }
  if (all && structural.length) {
    log(`\nFields of anonymous types inside values and signatures, without TSDoc (not failing):`);
    for (const e of structural) log(`    ${e.name} (${e.kind}) — ${e.file}`);
  }
  if (validationMessages.length) {
    failures.push(
      `typedoc validation (notExported / invalidLink):\n    ${validationMessages.join('\n    ')}`,
    );
  }
  if (logger.hasErrors() && !validationMessages.length) failures.push('typedoc reported errors (see above).');
  return { failures };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { failures } = await docsGate({ all: process.argv.includes('--all') });
  if (failures.length) {
    console.error(`\ndocs: ${failures.length} problem(s):\n- ${failures.join('\n- ')}`);
    process.exitCode = 1;
  }
}
