import { defineConfig } from 'tsup';

/** One entry for any runtime (no `node:` imports): the store talks to Redis through the user's client. */
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  dts: !process.env.QUIVER_BUILD_JS_ONLY,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  external: ['@quiver/core'],
});
