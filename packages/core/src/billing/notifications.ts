/**
 * Where subscription events go after the outbox: e-mail, webhooks to the subscriber, chat... A
 * NotificationSender gets each outbox event once (at least once: make real senders idempotent on
 * `event.id`). The default only logs.
 */
import type { OutboxEventType } from './subscription-machine';

export interface BillingEventMessage {
  id: string;
  type: OutboxEventType;
  subscriptionId: string;
  userId: string;
  payload: unknown;
  createdAt: Date;
}

export interface NotificationSender {
  send(event: BillingEventMessage): Promise<void>;
}

export function createLogNotificationSender(
  log: (msg: string, fields?: Record<string, unknown>) => void,
): NotificationSender {
  return {
    async send(event) {
      log(`billing event ${event.type}`, {
        eventId: event.id,
        subscriptionId: event.subscriptionId,
        userId: event.userId,
      });
    },
  };
}
