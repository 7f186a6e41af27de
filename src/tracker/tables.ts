/** An access hidden from the person's data-use list until its disclose-after date (e.g. an investigation). */
export interface TrackerHoldRow {
  /** Index of the audit entry recording the access. */
  audit_index: number;
  subject: string;
  department_code: string | null;
  reason: string;
  /** County-local date (YYYY-MM-DD); the access is shown from the day after. */
  disclose_after: string;
  created_by: string;
  created_at: string;
}

export interface TrackerTables {
  tracker_holds: TrackerHoldRow;
}
