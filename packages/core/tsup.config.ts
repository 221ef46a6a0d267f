import { defineConfig } from 'tsup';

/**
 * Three entries: `.` (the public API) and `./internal` (what vendor packages need) for any runtime,
 * built together with shared chunks so both load one copy of every module; `./testing` (the
 * fake-server kit) for Node only. `dist/` is removed by the build script before tsup starts.
 */
export default defineConfig([
  {
    entry: { index: 'src/index.ts', internal: 'src/internal.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    splitting: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
    treeshake: true,
  },
  {
    entry: { 'testing/index': 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'node',
    external: ['valibot', 'ky'],
  },
]);
