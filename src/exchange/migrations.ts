import type { Kysely, Migration } from 'kysely';
import { bigint } from '../db/columns.ts';

export const exchangeMigrations: Record<string, Migration> = {
  '0500_exchange': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('exchange_applications')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('resource_code', 'text', (c) => c.notNull())
        .addColumn('provider_department_id', 'text', (c) => c.notNull())
        .addColumn('consumer_department_id', 'text', (c) => c.notNull())
        .addColumn('applicant_id', 'text', (c) => c.notNull())
        .addColumn('applicant_name', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('basis', 'text', (c) => c.notNull())
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('duration_days', 'integer', (c) => c.notNull())
        .addColumn('expected_volume', 'integer', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('decided_by', 'text')
        .addColumn('decision_reason', 'text')
        .addColumn('approved_items', 'text')
        .addColumn('grant_id', 'text')
        .addColumn('escalation_status', 'text')
        .addColumn('escalated_at', 'text')
        .addColumn('escalated_by', 'text')
        .addColumn('escalation_reason', 'text')
        .addColumn('resolution', 'text')
        .addColumn('resolved_at', 'text')
        .addColumn('resolved_by', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('exchange_applications_by_consumer').on('exchange_applications').columns(['consumer_department_id', 'status']).execute();
      await db.schema.createIndex('exchange_applications_by_provider').on('exchange_applications').columns(['provider_department_id', 'status']).execute();

      await db.schema
        .createTable('exchange_grants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('resource_code', 'text', (c) => c.notNull())
        .addColumn('provider_department_id', 'text', (c) => c.notNull())
        .addColumn('consumer_department_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('application_id', 'text')
        .addColumn('mode', 'text', (c) => c.notNull())
        .addColumn('items', 'text', (c) => c.notNull())
        .addColumn('purposes', 'text', (c) => c.notNull())
        .addColumn('basis', 'text')
        .addColumn('valid_from', 'text', (c) => c.notNull())
        .addColumn('valid_until', 'text', (c) => c.notNull())
        .addColumn('rate_per_second', 'integer')
        .addColumn('quota_per_day', 'integer')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .addColumn('revoked_by', 'text')
        .addColumn('revoke_reason', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('exchange_grants_by_consumer').on('exchange_grants').columns(['consumer_department_id', 'resource_id']).execute();
      await db.schema.createIndex('exchange_grants_by_updated').on('exchange_grants').column('updated_at').execute();

      await db.schema
        .createTable('exchange_usage')
        .addColumn('grant_id', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('records', bigint(db), (c) => c.notNull())
        .addPrimaryKeyConstraint('exchange_usage_pk', ['grant_id', 'day'])
        .execute();

      await db.schema
        .createTable('exchange_call_stats')
        .addColumn('hour', 'text', (c) => c.notNull())
        .addColumn('grant_id', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('consumer_department_id', 'text', (c) => c.notNull())
        .addColumn('provider_department_id', 'text', (c) => c.notNull())
        .addColumn('calls', bigint(db), (c) => c.notNull())
        .addColumn('failures', bigint(db), (c) => c.notNull())
        .addColumn('latency', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('exchange_call_stats_pk', ['hour', 'grant_id', 'resource_id', 'consumer_department_id'])
        .execute();

      await db.schema
        .createTable('exchange_settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('exchange_sources')
        .addColumn('resource_id', 'text', (c) => c.primaryKey())
        .addColumn('resource_code', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('bound_by', 'text', (c) => c.notNull())
        .addColumn('bound_at', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('exchange_change_subscriptions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('grant_id', 'text', (c) => c.notNull())
        .addColumn('consumer_department_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('url', 'text')
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('start_seq', bigint(db), (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('disabled_at', 'text')
        .execute();

      await db.schema
        .createTable('exchange_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('subscription_id', 'text', (c) => c.notNull())
        .addColumn('change_seq', bigint(db), (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('delivered_at', 'text')
        .execute();
      await db.schema.createIndex('exchange_deliveries_due').on('exchange_deliveries').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('exchange_deliveries_by_subscription').on('exchange_deliveries').columns(['subscription_id', 'change_seq']).execute();

      await db.schema
        .createTable('exchange_cursors')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('seq', bigint(db), (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<any>) {
      for (const t of ['exchange_cursors', 'exchange_deliveries', 'exchange_change_subscriptions', 'exchange_sources', 'exchange_settings', 'exchange_call_stats', 'exchange_usage', 'exchange_grants', 'exchange_applications']) {
        await db.schema.dropTable(t).execute();
      }
    },
  },
};
