// Removes the package's dist/ once, before tsup runs. tsup's own `clean` belongs to one config of a
// parallel array and raced the other config's output (the ./testing types went missing every other
// build), so no tsup config cleans.
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
