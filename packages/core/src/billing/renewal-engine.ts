/**
 * The billing engine: on every tick (platform clock) it notes price rises and ending trials,
 * finds subscriptions whose next action is due (charge, retry, end, expire) and enqueues one job
 * per subscription on the `billing` queue (job id = `sub-<id>`, so duplicates collapse), and
 * hands undispatched outbox events to the queue (`evt-<id>`) for the NotificationSender. The
 * database is the record: a lost job is found again on the next tick, and a job re-reads the
 * subscription and does only what is still due. With the mock provider it also plays the
 * provider's back office (settles charges, delivers signed webhooks).
 */
import type { BillingJob } from '../queue/jobs';
import type { JobQueues } from '../queue/queue';
import type { BillingService } from './billing.service';
import type { NotificationSender } from './notifications';
import type { MockProvider } from './providers/mock-provider';

export type { BillingJob };

export interface RenewalEngineOptions {
  billing: BillingService;
  queues: JobQueues;
  notifier: NotificationSender;
  /** Real-time period of the loop; 0 = no loop (tests call tick() themselves). */
  tickMs?: number;
  /** Consume the billing queue in this process (workers); false for a scheduler-only process. */
  consume?: boolean;
  /** With the mock provider: where its webhooks go (POST /v1/billing/webhooks/mock). */
  mockWebhooks?: {
    provider: MockProvider;
    send: (rawBody: string, headers: Record<string, string>) => Promise<number>;
  };
  log?: (msg: string, fields?: Record<string, unknown>) => void;
}

export interface TickReport {
  due: number;
  events: number;
  priceChanges: number;
  trialsEnding: number;
  webhooksDelivered: number;
}

export interface RenewalEngine {
  tick(): Promise<TickReport>;
  close(): Promise<void>;
}

export async function startRenewalEngine(opts: RenewalEngineOptions): Promise<RenewalEngine> {
  const { billing, queues, notifier } = opts;
  const log = opts.log ?? (() => {});
  const { repo } = billing;
  let closed = false;

  const consumer =
    opts.consume === false
      ? undefined
      : await queues.consume(
          'billing',
          async (job) => {
            if (job.data.kind === 'subscription') {
              await billing.processDue(job.data.subscriptionId);
              return;
            }
            const e = await repo.findOutbox(job.data.outboxId);
            if (!e || e.dispatched_at) return;
            await notifier.send({
              id: e.id,
              type: e.type,
              subscriptionId: e.subscription_id,
              userId: e.user_id,
              payload: e.payload,
              createdAt: e.created_at,
            });
            await repo.markDispatched(e.id, new Date());
          },
          { concurrency: 4 },
        );

  async function tick(): Promise<TickReport> {
    const priceChanges = await billing.notePriceChanges();
    const trialsEnding = await billing.noteTrialsEnding();
    const due = await repo.due(billing.now(), 500);
    if (due.length > 0)
      await queues.enqueueMany(
        'billing',
        due.map((id) => ({ id: `sub-${id}`, data: { kind: 'subscription', subscriptionId: id } })),
      );
    const events = await repo.pendingOutbox(500);
    if (events.length > 0)
      await queues.enqueueMany(
        'billing',
        events.map((e) => ({ id: `evt-${e.id}`, data: { kind: 'event', outboxId: e.id } })),
      );
    const webhooksDelivered = opts.mockWebhooks
      ? await opts.mockWebhooks.provider.flush(opts.mockWebhooks.send)
      : 0;
    return { due: due.length, events: events.length, priceChanges, trialsEnding, webhooksDelivered };
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  if (opts.tickMs && opts.tickMs > 0) {
    const loop = () => {
      if (closed) return;
      running = tick()
        .catch((err) => log('billing tick failed', { err: err instanceof Error ? err.message : String(err) }))
        .finally(() => {
          if (!closed) timer = setTimeout(loop, opts.tickMs);
        });
    };
    timer = setTimeout(loop, 0);
  }

  return {
    tick,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await running;
      await consumer?.close();
    },
  };
}
