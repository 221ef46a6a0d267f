import { defineConfig } from 'tsup';

// `npm run demo` builds without type declarations (the slow part); see scripts/demo.mjs.
const jsOnly = Boolean(process.env.QUIVER_BUILD_JS_ONLY);

/**
 * Three entries: `.` (the public API) and `./internal` (what vendor packages need) for any runtime,
 * built together with shared chunks so both load one copy of every module; `./testing` (the
 * fake-server kit) for Node only. `dist/` is removed by the build script before tsup starts.
 */
export default defineConfig([
  {
    entry: { index: 'src/index.ts', internal: 'src/internal.ts' },
    format: ['esm', 'cjs'],
    dts: !jsOnly,
    splitting: true,
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
    treeshake: true,
  },
  {
    entry: { 'testing/index': 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: !jsOnly,
    sourcemap: true,
    target: 'es2022',
    platform: 'node',
    external: ['valibot', 'ky'],
  },
]);
