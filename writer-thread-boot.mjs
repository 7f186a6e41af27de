import { register } from 'tsx/esm/api';
register();
await import('./src/audit/writer-thread.ts');
