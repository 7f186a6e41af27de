/**
 * Record linkage engine (Fellegi–Sunter with unsupervised EM, Chinese-aware comparisons,
 * anti-chaining clustering, incremental linker for the base registries).
 *
 * @example
 * import { createStore, linkStore, personModel, createLinker, estimateModel } from '../linkage/index.ts';
 * const params = await estimateModel(personModel(), firstBulk);
 * const linker = await createLinker({ fields: personModel(), params, prefix: 'P' });
 * linker.addRecords(batch).events;
 */
export { FIELD_KINDS, isFieldKind, parseFieldSpecs, type FieldKind, type FieldSpec } from './kinds.ts';
export { CsvParser, parseCsv, readCsvFile, formatCsvRow, formatCsvField, LineWriter, type CsvOptions } from './csv.ts';
export { createStore, type RecordStore, type StoreOptions } from './encode/store.ts';
export type { Comparison } from './encode/comparison.ts';
export { defaultBlockingRules, generateCandidates, keyCombiner, type BlockingRule, type Candidates, type RuleStats } from './blocking.ts';
export { compareCandidates, countPatterns, type Patterns } from './compare.ts';
export { runEm, initialM, type EmFit, type EmOptions, type EmStart } from './em.ts';
export { trainModel, estimateU, type LinkageParams, type ComparisonParams } from './train.ts';
export { createScorer, probabilityOf, type Scorer, type PairExplanation, type ComparisonExplanation } from './score.ts';
export { clusterRecords, type Clustering, type ClusterInput, type EdgeList } from './cluster.ts';
export { linkStore, estimateParams, type LinkOptions, type LinkOutcome, type LinkedPairs } from './pipeline.ts';
export { createLinker, type Linker, type LinkerOptions, type LinkerState, type LinkerResult, type IncomingRecord, type EntityEvent, type RecordLink, type Decision } from './linker.ts';
export { personModel, legalEntityModel, houseModel, estimateModel } from './models.ts';
export { fileHasCjk, readTableInto } from './table-io.ts';
export { loadChineseTools, type ChineseTools } from './chinese/tools.ts';
export { parseResidentId, residentIdCheck, parseCreditCode, creditCodeCheck, isRealDate, type ResidentId } from './values/resident-id.ts';
export { parseAddress, normalizeAddress, compareAddresses, type ParsedAddress, type AddressAgreement } from './values/address.ts';
export { normalizeDate, normalizePhone, normalizeSex, normalizeEthnicity } from './values/scalars.ts';
export { jaro, jaroWinkler, osaDistance, osaSimilarity } from './text/similarity.ts';
export { soundex } from './text/phonetic.ts';
