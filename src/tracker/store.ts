import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { TrackerHoldRow } from './tables.ts';

export type TrackerStore = ReturnType<typeof createTrackerStore>;

export function createTrackerStore(db: Kysely<DB>) {
  return {
    async insertHolds(rows: readonly TrackerHoldRow[]) {
      for (let i = 0; i < rows.length; i += 200) {
        await db.insertInto('tracker_holds').values(rows.slice(i, i + 200)).onConflict((oc) => oc.column('audit_index').doNothing()).execute();
      }
    },
    /** Holds on this person's accesses still in force on `today` (disclose-after not yet passed). */
    activeHoldsOf: async (subject: string, today: string): Promise<Set<number>> =>
      new Set((await db.selectFrom('tracker_holds').select('audit_index').where('subject', '=', subject).where('disclose_after', '>=', today).execute()).map((r) => Number(r.audit_index))),
    activeHolds: (today: string) => db.selectFrom('tracker_holds').selectAll().where('disclose_after', '>=', today).orderBy('audit_index', 'desc').limit(1000).execute(),
  };
}
