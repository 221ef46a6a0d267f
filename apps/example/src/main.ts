import { runDemo } from './demo.ts';

const { code } = await runDemo();
process.exitCode = code;
