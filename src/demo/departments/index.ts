import { bdcProperty } from './bdc-property.ts';
import { cljDisability } from './clj-disability.ts';
import { gajHukou } from './gaj-hukou.ts';
import { mzAssistance } from './mz-assistance.ts';
import { rsjInsurance } from './rsj-insurance.ts';
import { scjEnterprise } from './scj-enterprise.ts';
import { wgLedger } from './wg-ledger.ts';
import { wjwFollowup } from './wjw-followup.ts';
import { wjwHealthRecord } from './wjw-health.ts';
import type { FileSpec } from './types.ts';

/** Every department file the generator writes, in manifest order. */
export const DEPARTMENT_FILES: readonly FileSpec[] = [
  gajHukou, mzAssistance, wjwHealthRecord, wjwFollowup, rsjInsurance, scjEnterprise, bdcProperty, cljDisability, wgLedger,
];

export type { ColumnSpec, FileSpec } from './types.ts';
