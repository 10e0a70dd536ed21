// The walk's helper module, run from its TypeScript source (for tests, as `helperModule`): a worker thread does not
// inherit the TypeScript loader of the thread that starts it, so this registers the loader, then loads the helper.
import { register } from 'tsx/esm/api';

register();
await import('../walk-worker.ts');
