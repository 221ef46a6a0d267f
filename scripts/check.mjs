// `npm test` (via `pnpm run check`): every check and every package's tests run to the end, even when
// one fails, and the run always closes with one `tests: N passed, N failed, N skipped` line.
//
// 1. turbo: lint, build, typecheck, test, publint, attw — with --continue, so one failing package
//    does not stop the others (their results would be lost).
// 2. A second build of every package without cleaning by hand (turbo --force), then the quality
//    gates, the first of which checks that every target of every package's exports map exists: a
//    build that races its own output fails here.
// 3. The closing line from the packages' vitest reports (scripts/test-summary.mjs).
import { spawnSync } from 'node:child_process';

const steps = [
  [
    'turbo',
    [
      'run',
      'lint',
      'lint:root',
      'build',
      'typecheck',
      'test',
      'publint',
      'attw',
      '--continue',
      '--output-logs=new-only',
    ],
  ],
  ['turbo', ['run', 'build', '--force', '--output-logs=errors-only']],
  ['node', ['scripts/quality/index.mjs']],
];

let failed = 0;
for (const [command, args] of steps) {
  const { status } = spawnSync(command, args, { stdio: 'inherit', shell: false });
  if (status !== 0) {
    failed += 1;
    console.error(
      `\ncheck: \`${command} ${args.join(' ')}\` failed (exit ${status}); continuing to the end.`,
    );
  }
}
const summary = spawnSync('node', ['scripts/test-summary.mjs'], { stdio: 'inherit' });
if (failed > 0 || summary.status !== 0) process.exitCode = 1;
