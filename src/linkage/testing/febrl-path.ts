import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/** FEBRL data lives in shared/ beside the checkout (CI clones the repo next to it); /work/shared is the fallback. */
export const FEBRL_DIR = [resolve('../shared/data/febrl'), '/work/shared/data/febrl'].find((d) => existsSync(d)) ?? '/work/shared/data/febrl';
