// Worker threads do not inherit the TypeScript loader that tsx installs in the main thread, so a worker
// started by typescript-worker.ts registers it here before loading its TypeScript entry point (argv).
import { register } from 'tsx/esm/api';

register();
await import(process.argv[process.argv.length - 1]);
