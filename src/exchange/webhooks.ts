import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signed webhooks. Each delivery is a POST of a JSON body with three headers:
 *   x-shutong-delivery   a unique delivery id (replays of the same id must be ignored)
 *   x-shutong-timestamp  Unix seconds when this attempt was signed
 *   x-shutong-signature  `v1=` + hex HMAC-SHA256(secret, `${timestamp}.${body}`)
 * A consumer recomputes the HMAC over the raw body, compares in constant time, refuses timestamps more
 * than five minutes from its own clock, and remembers delivery ids for at least that long.
 *
 * @example
 * const check = verifyWebhook({ secret, headers: req.headers, body: rawBody, nowSeconds: Date.now() / 1000, seen });
 * if (!check.ok) return res.writeHead(400).end(check.reason);
 */
export const SIGNATURE_HEADER = 'x-shutong-signature';
export const TIMESTAMP_HEADER = 'x-shutong-timestamp';
export const DELIVERY_HEADER = 'x-shutong-delivery';
export const TOLERANCE_SECONDS = 300;

export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface SeenDeliveries {
  has(id: string): boolean;
  add(id: string): unknown;
}

export function verifyWebhook(input: { secret: string; headers: Readonly<Record<string, string | string[] | undefined>>; body: string; nowSeconds: number; seen: SeenDeliveries; toleranceSeconds?: number }): { ok: true; deliveryId: string } | { ok: false; reason: string } {
  const header = (name: string) => {
    const v = input.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const id = header(DELIVERY_HEADER);
  const ts = Number(header(TIMESTAMP_HEADER));
  const sig = header(SIGNATURE_HEADER);
  if (!id || !sig || !Number.isInteger(ts)) return { ok: false, reason: 'missing headers' };
  if (Math.abs(input.nowSeconds - ts) > (input.toleranceSeconds ?? TOLERANCE_SECONDS)) return { ok: false, reason: 'stale timestamp' };
  const expected = Buffer.from(signWebhook(input.secret, ts, input.body));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad signature' };
  if (input.seen.has(id)) return { ok: false, reason: 'replayed delivery' };
  input.seen.add(id);
  return { ok: true, deliveryId: id };
}

export const MAX_ATTEMPTS = 8;
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 3_600_000;

/** Delay before attempt `attempts + 1` after `attempts` failures: 1 s, 2 s, 4 s, … capped at an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
}
