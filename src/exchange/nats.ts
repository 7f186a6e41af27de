import { connect, type JetStreamClient, type NatsConnection } from 'nats';

export const NATS_STREAM = 'SHUTONG_EXCHANGE';
export const NATS_SUBJECT_PREFIX = 'shutong.exchange';

/** `shutong.exchange.<consumer department code>.<subscription id>`: a consumer subscribes to its own prefix. */
export function natsSubject(departmentCode: string, subscriptionId: string): string {
  const token = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_') || '_';
  return `${NATS_SUBJECT_PREFIX}.${token(departmentCode)}.${token(subscriptionId)}`;
}

export interface ChangePublisher {
  publish(subject: string, body: string, messageId: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * Publishes change deliveries to a JetStream stream (created when missing). The delivery id is the
 * message id, so JetStream drops a duplicate when a publish is retried.
 *
 * @example
 * const nats = createNatsPublisher('nats://127.0.0.1:4222');
 * await nats.publish(natsSubject('MZJ', sub.id), body, deliveryId);
 */
export function createNatsPublisher(url: string): ChangePublisher {
  let ready: Promise<{ nc: NatsConnection; js: JetStreamClient }> | undefined;
  const open = () => {
    ready ??= (async () => {
      const parsed = new URL(url);
      const nc = await connect({ servers: `${parsed.hostname}:${parsed.port || 4222}`, timeout: 3000, ...(parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : {}) });
      const jsm = await nc.jetstreamManager();
      try {
        await jsm.streams.info(NATS_STREAM);
      } catch {
        await jsm.streams.add({ name: NATS_STREAM, subjects: [`${NATS_SUBJECT_PREFIX}.>`] });
      }
      return { nc, js: nc.jetstream() };
    })().catch((error: unknown) => {
      ready = undefined;
      throw error;
    });
    return ready;
  };
  return {
    async publish(subject, body, messageId) {
      const { js } = await open();
      await js.publish(subject, new TextEncoder().encode(body), { msgID: messageId });
    },
    async close() {
      if (!ready) return;
      const { nc } = await ready.catch(() => ({ nc: undefined }));
      await nc?.drain();
      ready = undefined;
    },
  };
}
