// Worker threads do not inherit the TypeScript loader that tsx installs in the main thread,
// so the audit writer registers it before loading its TypeScript entry point.
import { register } from 'tsx/esm/api';

register();
await import('./writer-thread.ts');
