// Generates each vendor package's `api.md`: every method of the client, with its HTTP route, signature,
// return type, pagination and whether the SDK retries it — read from the source (the resource classes
// and their endpoint rows), so the reference cannot drift from the code.
//
//   node scripts/api-reference.mjs          write packages/<vendor>/api.md
//   node scripts/api-reference.mjs --check  fail when any api.md is not current (run by `npm test`)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = new URL('..', import.meta.url).pathname;
const RETRIED_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

function sourceFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'testing') out.push(...sourceFiles(path));
    } else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out.sort();
}

const text = (node, sf) => node.getText(sf).replace(/\s+/g, ' ').trim();

function propName(prop) {
  return prop.name && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name))
    ? prop.name.text
    : undefined;
}

/** A row's facts from `route('METHOD /path', { … })`, read statically. */
function readRoute(call, sf) {
  const [spec, options] = call.arguments;
  if (!spec || !ts.isStringLiteralLike(spec)) return undefined;
  const [method, path] = spec.text.split(' ');
  const row = {
    method,
    path,
    summary: '',
    page: undefined,
    retrySafe: false,
    idempotency: false,
    experimental: false,
    auth: 'key',
    empty: false,
  };
  if (options && ts.isObjectLiteralExpression(options)) {
    for (const prop of options.properties) {
      if (!ts.isPropertyAssignment(prop)) continue;
      const name = propName(prop);
      const value = prop.initializer;
      if (name === 'summary' && ts.isStringLiteralLike(value)) row.summary = value.text;
      if (name === 'retrySafe') row.retrySafe = value.kind === ts.SyntaxKind.TrueKeyword;
      if (name === 'experimental') row.experimental = value.kind === ts.SyntaxKind.TrueKeyword;
      if (name === 'empty') row.empty = value.kind === ts.SyntaxKind.TrueKeyword;
      if (name === 'idempotency') row.idempotency = true;
      if (name === 'auth' && ts.isStringLiteralLike(value)) row.auth = value.text;
      if (name === 'page') row.page = describePage(value, sf);
    }
  }
  return row;
}

function describePage(node, sf) {
  if (!ts.isCallExpression(node)) return text(node, sf);
  const style = text(node.expression, sf);
  const [arg] = node.arguments;
  const facts = [];
  if (arg && ts.isObjectLiteralExpression(arg)) {
    for (const prop of arg.properties) {
      if (!ts.isPropertyAssignment(prop)) continue;
      const name = propName(prop);
      if (name === 'item') continue;
      if (ts.isStringLiteralLike(prop.initializer)) facts.push(`${name} \`${prop.initializer.text}\``);
      else if (prop.initializer.kind === ts.SyntaxKind.TrueKeyword) facts.push(name);
    }
  }
  return `${style}${facts.length ? ` (${facts.join(', ')})` : ''}`;
}

function analyse(pkgDir) {
  const files = sourceFiles(join(pkgDir, 'src'));
  const routes = new Map(); // 'tableName.key' -> row
  const classes = new Map(); // class name -> { methods, children, doc }
  let client;
  for (const file of files) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isVariableDeclaration(node) && node.initializer && ts.isIdentifier(node.name)) {
        let init = node.initializer;
        while (ts.isAsExpression(init) || ts.isSatisfiesExpression?.(init)) init = init.expression;
        if (ts.isObjectLiteralExpression(init)) {
          for (const prop of init.properties) {
            if (
              ts.isPropertyAssignment(prop) &&
              ts.isCallExpression(prop.initializer) &&
              text(prop.initializer.expression, sf) === 'route'
            ) {
              const row = readRoute(prop.initializer, sf);
              if (row) routes.set(`${node.name.text}.${propName(prop)}`, row);
            }
          }
        }
      }
      if (ts.isClassDeclaration(node) && node.name) {
        const heritage =
          node.heritageClauses?.flatMap((h) => h.types.map((t) => text(t.expression, sf))) ?? [];
        const isResource = heritage.includes('APIResource');
        const isClient = heritage.includes('QuiverClient');
        if (isResource || isClient) {
          const info = { name: node.name.text, methods: [], children: [] };
          for (const member of node.members) {
            const mods = ts.getCombinedModifierFlags(member);
            if (mods & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected | ts.ModifierFlags.Static))
              continue;
            if (member.name && ts.isPrivateIdentifier(member.name)) continue;
            if (ts.isPropertyDeclaration(member) && member.type && ts.isTypeReferenceNode(member.type)) {
              info.children.push({ name: propName(member), type: text(member.type.typeName, sf) });
            }
            if (ts.isMethodDeclaration(member) && member.body && propName(member)) {
              const params = member.parameters
                .map(
                  (p) =>
                    `${p.dotDotDotToken ? '...' : ''}${text(p.name, sf)}${p.questionToken || p.initializer ? '?' : ''}`,
                )
                .join(', ');
              const returns = member.type ? text(member.type, sf) : '';
              let rowRef;
              const find = (n) => {
                if (
                  ts.isCallExpression(n) &&
                  ts.isPropertyAccessExpression(n.expression) &&
                  n.expression.name.text === '_call' &&
                  n.arguments[0]
                ) {
                  rowRef = text(n.arguments[0], sf);
                }
                if (!rowRef) ts.forEachChild(n, find);
              };
              find(member.body);
              // A helper (no row): the first sentence of its TSDoc says what it does.
              const doc = ts
                .getJSDocCommentsAndTags(member)
                .filter(ts.isJSDoc)
                .map((d) =>
                  typeof d.comment === 'string' ? d.comment : (ts.getTextOfJSDocComment(d.comment) ?? ''),
                )
                .join(' ')
                .replace(/\s+/g, ' ')
                .trim();
              const summary = /^(.+?\.)(\s|$)/.exec(doc)?.[1] ?? doc;
              info.methods.push({ name: propName(member), params, returns, rowRef, summary });
            }
          }
          classes.set(info.name, info);
          if (isClient) client = info;
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { routes, classes, client };
}

function render(pkg, { routes, classes, client }, built) {
  const lines = [
    `# ${pkg.name} — API reference`,
    '',
    `Every method of the client, generated from the source by \`node scripts/api-reference.mjs\` (CI fails`,
    'when this file is stale). HTTP paths are relative to the base URL. **Retried**: whether the SDK',
    'retries the call after a network error, a timeout, 408, 429 or 5xx — GET, PUT and DELETE always; a',
    'POST or PATCH only when the API documents it idempotent or it carries an idempotency key, which the',
    'SDK generates once per call. *Experimental* rows describe endpoints whose path or shape the vendor',
    'leaves uncertain (see CONTRIBUTING.md, "Stability").',
    '',
  ];
  const clientVar = client.name[0].toLowerCase() + client.name.slice(1);
  let count = 0;
  const walk = (cls, prefix, seen) => {
    if (seen.has(cls.name)) return;
    seen.add(cls.name);
    const rows = [];
    for (const method of cls.methods) {
      if (cls === client && ['request', 'paginate', 'toJSON'].includes(method.name)) continue;
      const row = method.rowRef ? routes.get(method.rowRef) : undefined;
      // The built row, when its table is exported, says how it pages in its own words.
      const [table, key] = (method.rowRef ?? '').split('.');
      const live = table && key ? built?.[table]?.[key] : undefined;
      if (row && live?.page?.describe) row.page = live.page.describe;
      const http = row ? `\`${row.method} ${row.path}\`` : method.rowRef ? '(row)' : 'helper';
      const retried = row
        ? RETRIED_METHODS.has(row.method) || row.retrySafe || row.idempotency
          ? 'yes'
          : 'no'
        : '—';
      const notes = [
        row?.summary ?? method.summary ?? '',
        row?.experimental ? '*Experimental.*' : '',
        row && row.auth !== 'key' ? `Credential: ${row.auth}.` : '',
      ]
        .filter(Boolean)
        .join(' ');
      rows.push(
        `| \`${prefix}.${method.name}(${method.params})\` | ${http} | \`${method.returns.replace(/\|/g, '\\|') || '—'}\` | ${row?.page ?? '—'} | ${retried} | ${notes} |`,
      );
      count += 1;
    }
    if (rows.length) {
      lines.push(
        `## \`${prefix}\``,
        '',
        '| Method | HTTP | Returns | Pagination | Retried | Notes |',
        '|---|---|---|---|---|---|',
        ...rows,
        '',
      );
    }
    for (const child of cls.children) {
      const childClass = classes.get(child.type);
      if (childClass) walk(childClass, `${prefix}.${child.name}`, seen);
    }
  };
  walk(client, clientVar, new Set());
  lines.splice(9, 0, `${count} methods.`, '');
  return `${lines.join('\n').trimEnd()}\n`;
}

const check = process.argv.includes('--check');
const stale = [];
for (const name of readdirSync(join(root, 'packages')).sort()) {
  const dir = join(root, 'packages', name);
  const manifestPath = join(dir, 'package.json');
  if (!existsSync(manifestPath) || !existsSync(join(dir, 'src/client.ts'))) continue;
  const pkg = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const facts = analyse(dir);
  if (!facts.client) continue; // core: no vendor client to document
  const dist = join(dir, 'dist/index.js');
  const built = existsSync(dist) ? await import(pathToFileURL(dist).href) : undefined;
  const content = render(pkg, facts, built);
  const target = join(dir, 'api.md');
  const current = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (current === content) continue;
  if (check) stale.push(relative(root, target));
  else {
    writeFileSync(target, content);
    console.log(`wrote ${relative(root, target)}`);
  }
}
if (stale.length) {
  console.error(
    `api reference out of date: ${stale.join(', ')}. Run \`node scripts/api-reference.mjs\` and commit it.`,
  );
  process.exitCode = 1;
} else if (check) console.log('api.md current in every vendor package');
