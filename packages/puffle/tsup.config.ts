// Every vendor package builds the same way: see tooling/tsup-vendor.ts.
export { default } from '../../tooling/tsup-vendor';
