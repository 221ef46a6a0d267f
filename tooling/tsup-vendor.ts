import { defineConfig } from 'tsup';

// `npm run demo` builds without type declarations (the slow part); see scripts/demo.mjs.
const jsOnly = Boolean(process.env.QUIVER_BUILD_JS_ONLY);

/**
 * The build of every vendor package: the client (`.`) for any runtime, and the fake server
 * (`./testing`) for Node only, each as ESM + CJS + types. `dist/` is removed by the build script
 * (tooling/clean-dist.mjs) before tsup starts: a `clean` inside one config of this parallel array
 * would race the other config's output.
 */
export default defineConfig([
  {
    // The client: fetch-only, no `node:` imports, safe for edge runtimes.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: !jsOnly,
    sourcemap: true,
    target: 'es2022',
    platform: 'neutral',
    external: ['@quiver/core', 'valibot'],
  },
  {
    // The fake server (subpath ./testing): Node only, never part of a user's bundle.
    entry: { 'testing/index': 'src/testing/index.ts' },
    format: ['esm', 'cjs'],
    dts: !jsOnly,
    sourcemap: true,
    target: 'es2022',
    platform: 'node',
    external: ['@quiver/core', 'valibot'],
  },
]);
