/**
 * Exchange tables. Lists are JSON text; times ISO-8601 text. Grants are read into memory at start and
 * kept there (see grant-cache.ts): the database is their durable copy, not the hot path.
 */
export interface ApplicationRow {
  id: string;
  resource_id: string;
  resource_code: string;
  provider_department_id: string;
  consumer_department_id: string;
  applicant_id: string;
  applicant_name: string;
  /** 事由: the purpose the data will serve; becomes the grant's purpose. */
  purpose: string;
  /** 法律政策依据 the consumer relies on. */
  basis: string;
  /** JSON array of item names requested. */
  items: string;
  /** 'lookup' (disclosure, includes verification) or 'verify' (核验 only). */
  mode: string;
  duration_days: number;
  /** Expected records per day. */
  expected_volume: number;
  /** pending | approved | refused | withdrawn */
  status: string;
  due_at: string;
  decided_at: string | null;
  decided_by: string | null;
  decision_reason: string | null;
  /** JSON array of the items approved (may be fewer than requested). */
  approved_items: string | null;
  grant_id: string | null;
  /** null | open | resolved */
  escalation_status: string | null;
  escalated_at: string | null;
  escalated_by: string | null;
  escalation_reason: string | null;
  resolution: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface GrantRow {
  id: string;
  resource_id: string;
  resource_code: string;
  provider_department_id: string;
  consumer_department_id: string;
  /** 'subscription' (无条件共享) or 'application' (有条件共享, approved). */
  kind: string;
  application_id: string | null;
  mode: string;
  /** JSON array of item names. */
  items: string;
  /** JSON array of purposes (事由) a call may state. */
  purposes: string;
  basis: string | null;
  valid_from: string;
  valid_until: string;
  rate_per_second: number | null;
  quota_per_day: number | null;
  /** active | revoked (expiry is by valid_until). */
  status: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** Records served per grant per county-local day, for quotas (flushed from memory every few seconds). */
export interface GrantUsageRow {
  grant_id: string;
  day: string;
  records: number;
}

/** Call statistics per hour, grant and consumer; `latency` is a JSON histogram (see monitor.ts). */
export interface CallStatsRow {
  hour: string;
  grant_id: string;
  resource_id: string;
  consumer_department_id: string;
  provider_department_id: string;
  calls: number;
  failures: number;
  latency: string;
}

export interface SettingRow {
  key: string;
  value: string;
  updated_by: string;
  updated_at: string;
}

/** Which lookup source serves a resource (absent: the aggregated department records). */
export interface SourceBindingRow {
  resource_id: string;
  resource_code: string;
  source: string;
  bound_by: string;
  bound_at: string;
}

export interface ChangeSubscriptionRow {
  id: string;
  grant_id: string;
  consumer_department_id: string;
  /** 'webhook' (signed POSTs) or 'stream' (server-sent events; NATS when configured). */
  kind: string;
  url: string | null;
  /** HMAC key, shown to the consumer once at creation. */
  secret: string;
  /** Changes with a sequence number above this are delivered (the feed's head at creation). */
  start_seq: number;
  status: string;
  created_by: string;
  created_at: string;
  disabled_at: string | null;
}

export interface DeliveryRow {
  /** Unique delivery id, sent in the `x-shutong-delivery` header. */
  id: string;
  subscription_id: string;
  change_seq: number;
  /** The JSON body as signed and sent. */
  body: string;
  /** pending | delivered | failed (webhooks) or stream (kept for SSE catch-up). */
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface CursorRow {
  name: string;
  seq: number;
}

export interface ExchangeTables {
  exchange_applications: ApplicationRow;
  exchange_grants: GrantRow;
  exchange_usage: GrantUsageRow;
  exchange_call_stats: CallStatsRow;
  exchange_settings: SettingRow;
  exchange_sources: SourceBindingRow;
  exchange_change_subscriptions: ChangeSubscriptionRow;
  exchange_deliveries: DeliveryRow;
  exchange_cursors: CursorRow;
}
