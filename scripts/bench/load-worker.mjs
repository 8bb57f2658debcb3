// Worker entry: loads the TypeScript load generator through tsx (a worker does not inherit the main thread's loader).
import { register } from 'tsx/esm/api';

register();
await import('./load-worker.ts');
