import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { mergeHistograms, type Histogram, type StatsDelta } from './monitor.ts';
import type { ApplicationRow, ChangeSubscriptionRow, DeliveryRow, GrantRow, SettingRow, SourceBindingRow } from './tables.ts';

export interface ApplicationFilter {
  readonly consumerDepartmentId?: string | undefined;
  readonly providerDepartmentId?: string | undefined;
  readonly statuses?: readonly string[] | undefined;
  readonly escalation?: string | undefined;
  readonly dueBefore?: string | undefined;
}

export interface StatsFilter {
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly grantId?: string | undefined;
  /** Rows where this department is the consumer or the provider. */
  readonly departmentId?: string | undefined;
}

export type ExchangeStore = ReturnType<typeof createExchangeStore>;

/** SQL for the exchange module. */
export function createExchangeStore(db: Kysely<DB>) {
  return {
    allGrants: () => db.selectFrom('exchange_grants').selectAll().execute(),
    grantById: (id: string) => db.selectFrom('exchange_grants').selectAll().where('id', '=', id).executeTakeFirst(),
    insertGrant: (row: GrantRow) => db.insertInto('exchange_grants').values(row).execute().then(() => undefined),
    updateGrant: (id: string, patch: Partial<GrantRow>) => db.updateTable('exchange_grants').set(patch).where('id', '=', id).execute().then(() => undefined),
    /** Changes when any grant changes, also when another process (the CLI) wrote it. */
    async grantsStamp(): Promise<string> {
      const r = await db.selectFrom('exchange_grants').select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('updated_at').as('latest')]).executeTakeFirst();
      return `${String(r?.n ?? 0)}|${String(r?.latest ?? '')}`;
    },

    insertApplication: (row: ApplicationRow) => db.insertInto('exchange_applications').values(row).execute().then(() => undefined),
    updateApplication: (id: string, patch: Partial<ApplicationRow>) => db.updateTable('exchange_applications').set(patch).where('id', '=', id).execute().then(() => undefined),
    applicationById: (id: string) => db.selectFrom('exchange_applications').selectAll().where('id', '=', id).executeTakeFirst(),
    listApplications(f: ApplicationFilter) {
      let q = db.selectFrom('exchange_applications').selectAll();
      const consumer = f.consumerDepartmentId;
      const provider = f.providerDepartmentId;
      if (consumer && provider) q = q.where((eb) => eb.or([eb('consumer_department_id', '=', consumer), eb('provider_department_id', '=', provider)]));
      else if (consumer) q = q.where('consumer_department_id', '=', consumer);
      else if (provider) q = q.where('provider_department_id', '=', provider);
      if (f.statuses) q = q.where('status', 'in', [...f.statuses]);
      if (f.escalation) q = q.where('escalation_status', '=', f.escalation);
      if (f.dueBefore) q = q.where('due_at', '<', f.dueBefore);
      return q.orderBy('created_at', 'desc').limit(1000).execute();
    },

    usageOf: (day: string) => db.selectFrom('exchange_usage').selectAll().where('day', '=', day).execute(),
    async saveUsage(rows: ReadonlyArray<{ grant_id: string; day: string; records: number }>) {
      if (rows.length === 0) return;
      await db.insertInto('exchange_usage').values([...rows])
        .onConflict((oc) => oc.columns(['grant_id', 'day']).doUpdateSet((eb) => ({ records: eb.ref('excluded.records') })))
        .execute();
    },

    /** Adds deltas to the hourly rows (read, merge, write in one transaction: histograms merge in code). */
    async mergeStats(deltas: readonly StatsDelta[]) {
      if (deltas.length === 0) return;
      await db.transaction().execute(async (trx) => {
        for (const d of deltas) {
          const old = await trx.selectFrom('exchange_call_stats').selectAll()
            .where('hour', '=', d.hour).where('grant_id', '=', d.grant_id).where('resource_id', '=', d.resource_id).where('consumer_department_id', '=', d.consumer_department_id)
            .executeTakeFirst();
          const latency = old ? mergeHistograms(JSON.parse(old.latency) as Histogram, d.latency) : d.latency;
          const row = { ...d, calls: Number(old?.calls ?? 0) + d.calls, failures: Number(old?.failures ?? 0) + d.failures, latency: JSON.stringify(latency) };
          if (old) {
            await trx.updateTable('exchange_call_stats').set({ calls: row.calls, failures: row.failures, latency: row.latency })
              .where('hour', '=', d.hour).where('grant_id', '=', d.grant_id).where('resource_id', '=', d.resource_id).where('consumer_department_id', '=', d.consumer_department_id)
              .execute();
          } else await trx.insertInto('exchange_call_stats').values(row).execute();
        }
      });
    },
    listStats(f: StatsFilter) {
      let q = db.selectFrom('exchange_call_stats').selectAll();
      if (f.from) q = q.where('hour', '>=', f.from);
      if (f.to) q = q.where('hour', '<', f.to);
      if (f.grantId) q = q.where('grant_id', '=', f.grantId);
      const dept = f.departmentId;
      if (dept) q = q.where((eb) => eb.or([eb('consumer_department_id', '=', dept), eb('provider_department_id', '=', dept)]));
      return q.orderBy('hour').execute();
    },

    allSettings: () => db.selectFrom('exchange_settings').selectAll().execute(),
    putSetting: (row: SettingRow) =>
      db.insertInto('exchange_settings').values(row)
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, updated_by: row.updated_by, updated_at: row.updated_at }))
        .execute().then(() => undefined),

    allBindings: () => db.selectFrom('exchange_sources').selectAll().execute(),
    putBinding: (row: SourceBindingRow) =>
      db.insertInto('exchange_sources').values(row)
        .onConflict((oc) => oc.column('resource_id').doUpdateSet({ source: row.source, bound_by: row.bound_by, bound_at: row.bound_at }))
        .execute().then(() => undefined),

    insertSubscription: (row: ChangeSubscriptionRow) => db.insertInto('exchange_change_subscriptions').values(row).execute().then(() => undefined),
    subscriptionById: (id: string) => db.selectFrom('exchange_change_subscriptions').selectAll().where('id', '=', id).executeTakeFirst(),
    listSubscriptions(departmentId?: string) {
      let q = db.selectFrom('exchange_change_subscriptions').selectAll();
      if (departmentId) q = q.where('consumer_department_id', '=', departmentId);
      return q.orderBy('created_at', 'desc').execute();
    },
    activeSubscriptions: () => db.selectFrom('exchange_change_subscriptions').selectAll().where('status', '=', 'active').execute(),
    disableSubscription: (id: string, at: string) =>
      db.updateTable('exchange_change_subscriptions').set({ status: 'disabled', disabled_at: at }).where('id', '=', id).execute().then(() => undefined),

    insertDeliveries: async (rows: readonly DeliveryRow[]) => {
      for (let i = 0; i < rows.length; i += 200) await db.insertInto('exchange_deliveries').values(rows.slice(i, i + 200)).execute();
    },
    dueDeliveries: (nowIso: string, limit: number) =>
      db.selectFrom('exchange_deliveries').selectAll().where('status', '=', 'pending').where('next_attempt_at', '<=', nowIso).orderBy('next_attempt_at').limit(limit).execute(),
    updateDelivery: (id: string, patch: Partial<DeliveryRow>) => db.updateTable('exchange_deliveries').set(patch).where('id', '=', id).execute().then(() => undefined),
    deliveriesAfter: (subscriptionId: string, afterSeq: number, limit: number) =>
      db.selectFrom('exchange_deliveries').selectAll().where('subscription_id', '=', subscriptionId).where('change_seq', '>', afterSeq).orderBy('change_seq').limit(limit).execute(),
    recentDeliveries: (subscriptionId: string, limit: number) =>
      db.selectFrom('exchange_deliveries').selectAll().where('subscription_id', '=', subscriptionId).orderBy('created_at', 'desc').limit(limit).execute(),

    async cursor(name: string): Promise<number | undefined> {
      const r = await db.selectFrom('exchange_cursors').select('seq').where('name', '=', name).executeTakeFirst();
      return r ? Number(r.seq) : undefined;
    },
    setCursor: (name: string, seq: number) =>
      db.insertInto('exchange_cursors').values({ name, seq }).onConflict((oc) => oc.column('name').doUpdateSet({ seq })).execute().then(() => undefined),
  };
}
