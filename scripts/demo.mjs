// `npm run demo` (after the install): builds what the example app imports, then runs it.
//
// The demo runs the built JavaScript, so it builds without type declarations (QUIVER_BUILD_JS_ONLY:
// the slow part of a build; `npm test` builds them, under its own turbo cache key) and shows which
// package is being built while it waits.
import { spawn, spawnSync } from 'node:child_process';

const started = performance.now();
console.log('Building the packages the demo uses (JavaScript only; a first run takes a little while)…');
const build = spawn('turbo', ['run', 'build', '--filter=@quiver/example...', '--output-logs=hash-only'], {
  env: { ...process.env, QUIVER_BUILD_JS_ONLY: '1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let pending = '';
build.stdout.on('data', (chunk) => {
  pending += chunk;
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    // One line per package: "cache hit" or "cache miss, executing".
    const m = /(@quiver\/[\w-]+):build: cache (hit|miss)/.exec(line) ?? /^(@quiver\/[\w-]+):build/.exec(line);
    if (m && /cache (hit|miss)/.test(line))
      console.log(`  ${m[2] === 'hit' ? 'cached ' : 'building'} ${m[1]}`);
  }
});
const code = await new Promise((resolve) => build.on('close', resolve));
if (code !== 0) {
  console.error('The build failed; run `npx pnpm@10.34.8 build` to see why.');
  process.exit(code ?? 1);
}
console.log(`Built in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
const demo = spawnSync(process.execPath, ['src/main.ts'], { cwd: 'apps/example', stdio: 'inherit' });
process.exitCode = demo.status ?? 1;
