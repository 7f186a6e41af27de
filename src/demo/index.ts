/**
 * Demo county generator: department export files with realistic noise, plus the ground
 * truth, for trying aggregation, cleansing, linkage, sharing and reports on credible data.
 * See docs/demo-data.md for the file layouts, noise kinds and truth format.
 *
 * @example
 * import { generateDemoCounty, loadGenerated } from '../demo/index.ts';
 * const manifest = await generateDemoCounty({ persons: DEMO_START_PERSONS, seed: 1, out: 'data/demo' });
 * const g = await loadGenerated('data/demo');
 */
export { generateDemoCounty, DEMO_START_PERSONS, MAX_PERSONS, type GenerateOptions } from './generate.ts';
export type { Manifest, ManifestFile, ManifestColumn } from './manifest.ts';
export type { NoiseStat, FileResult } from './emit.ts';
export { NOISE_KINDS, NOISE_KIND_NAMES, parseNoiseOverrides, resolveRates, fileRates, type NoiseKind, type NoiseRates } from './noise-kinds.ts';
export { DEPARTMENT_FILES, type FileSpec, type ColumnSpec } from './departments/index.ts';
export { demoDepartments, demoResources, type DepartmentSeed, type ResourceSeed } from './county-catalog.ts';
export { readDemoFile, type DemoTable } from './read-file.ts';
export { loadGenerated, TEST_NOISE, type Generated, type LoadedFile, type TruthRecord, type TruthRow } from './testing.ts';
export { loadCounty, DEFAULT_COUNTY, type County, type Township, type Village } from './division.ts';
export { buildWorld } from './build-world.ts';
export type { World } from './world.ts';
