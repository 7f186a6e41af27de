import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

// Below this many cores the audit writer thread competes with the request thread (decision 0533).
const WRITER_THREAD_MIN_CORES = 4;

/**
 * The only reader of `process.env`. Parsed once, validated, frozen, passed down.
 *
 * @example
 * const config = loadConfig(process.env); // throws ConfigError listing every bad variable
 */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  /** PostgreSQL connection string; when absent the embedded SQLite store under dataDir is used. */
  readonly databaseUrl: string | undefined;
  readonly natsUrl: string | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly sessionTtlHours: number;
  readonly loadDemo: boolean;
  /** Persons in the generated demo county whose department files are imported at first start (0: none). */
  readonly demoPersons: number;
  readonly uploadLimitBytes: number;
  readonly cookieSecure: boolean;
  readonly auditOrigin: string;
  /** Encrypts the audit log's signing key at rest (secret: never logged). */
  readonly auditKeySecret: string | undefined;
  /**
   * The server appends exchange audit entries from a writer thread (SQLite). Default: on with 4 or more cores;
   * on 2 the thread's wake-ups cost more than it saves (decision 0533).
   */
  readonly auditWriterThread: boolean;
  readonly publicUrl: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`配置错误 invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name} must be an integer in [${min}, ${max}], got "${raw}"`);
      return fallback;
    }
    return n;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name} must be true or false, got "${env[name]}"`);
    return fallback;
  };
  const url = (name: string, protocols: readonly string[]): string | undefined => {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) problems.push(`${name} must use ${protocols.join(' or ')}, got ${parsed.protocol}`);
    } catch {
      problems.push(`${name} is not a valid URL`);
    }
    return raw;
  };

  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  const port = int('PORT', 8080, 0, 65535);
  const config: Config = {
    port,
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    databaseUrl: url('DATABASE_URL', ['postgres:', 'postgresql:']),
    natsUrl: url('NATS_URL', ['nats:', 'tls:']),
    logLevel,
    sessionTtlHours: int('SESSION_TTL_HOURS', 12, 1, 24 * 30),
    loadDemo: bool('SHUTONG_DEMO', true),
    demoPersons: int('SHUTONG_DEMO_PERSONS', 20000, 0, 5_000_000),
    uploadLimitBytes: int('UPLOAD_LIMIT_MB', 512, 1, 10240) * 1024 * 1024,
    cookieSecure: bool('COOKIE_SECURE', false),
    auditOrigin: env.AUDIT_ORIGIN ?? 'shutong.local/audit',
    auditKeySecret: env.AUDIT_KEY_SECRET || undefined,
    auditWriterThread: bool('AUDIT_WRITER_THREAD', availableParallelism() >= WRITER_THREAD_MIN_CORES),
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze(config);
}

/** A connection string with its password replaced, for logs. */
export function maskSecret(connectionString: string | undefined): string | undefined {
  if (!connectionString) return connectionString;
  try {
    const u = new URL(connectionString);
    if (u.password) u.password = '****';
    return u.toString();
  } catch {
    return '****';
  }
}
