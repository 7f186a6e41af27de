// Worker threads do not inherit the TypeScript loader that tsx installs in the main thread,
// so the parse worker registers it before loading its TypeScript entry point.
import { register } from 'tsx/esm/api';

register();
await import('./parse-worker.ts');
