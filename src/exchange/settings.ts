import { invalidInput } from '../shared/errors.ts';
import type { ExchangeStore } from './store.ts';

/** County-wide exchange settings, editable by the platform admin (each change is audited). */
export interface ExchangeSettings {
  /** Working days a provider has to answer an application (default 10). */
  readonly decisionWorkingDays: number;
  /** Validity of a 无条件共享 subscription when the consumer names none (default 365 days). */
  readonly subscriptionDays: number;
  /** Longest validity of any grant (default 1095 days). */
  readonly maxGrantDays: number;
}

export const DEFAULT_SETTINGS: ExchangeSettings = { decisionWorkingDays: 10, subscriptionDays: 365, maxGrantDays: 1095 };

const LIMITS: Record<keyof ExchangeSettings, [number, number]> = { decisionWorkingDays: [1, 60], subscriptionDays: [1, 3650], maxGrantDays: [1, 3650] };

export function createSettings(store: ExchangeStore) {
  let current: ExchangeSettings = DEFAULT_SETTINGS;
  return {
    async load() {
      const rows = await store.allSettings();
      const next: Record<string, number> = { ...DEFAULT_SETTINGS };
      for (const r of rows) if (r.key in LIMITS) next[r.key] = Number(JSON.parse(r.value));
      current = next as unknown as ExchangeSettings;
      return current;
    },
    get: () => current,
    async update(patch: Partial<Record<string, unknown>>, actorId: string, at: string): Promise<ExchangeSettings> {
      const problems = Object.entries(patch).flatMap(([k, v]) => {
        const range = LIMITS[k as keyof ExchangeSettings];
        if (!range) return [{ path: `/${k}`, message: '未知设置 / unknown setting' }];
        return Number.isInteger(v) && (v as number) >= range[0] && (v as number) <= range[1] ? [] : [{ path: `/${k}`, message: `应为 ${range[0]}–${range[1]} 的整数 / integer in [${range[0]}, ${range[1]}]` }];
      });
      if (problems.length) throw invalidInput('设置有误 / invalid settings', problems);
      for (const [k, v] of Object.entries(patch)) await store.putSetting({ key: k, value: JSON.stringify(v), updated_by: actorId, updated_at: at });
      return this.load();
    },
  };
}

export type Settings = ReturnType<typeof createSettings>;
