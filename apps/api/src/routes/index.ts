/**
 * Every /v1 feature registers here: one line per feature folder.
 */
import type { FastifyInstance } from 'fastify';
import adminMarketRoutes from './admin-market/admin-market.routes';
import adminUsersRoutes from './admin-users/admin-users.routes';
import apiKeysRoutes from './api-keys/api-keys.routes';
import authRoutes from './auth/auth.routes';
import backtestsRoutes from './backtests/backtests.routes';
import billingRoutes from './billing/billing.routes';
import billingWebhookRoutes from './billing/billing-webhooks.routes';
import instrumentsRoutes from './instruments/instruments.routes';
import keysRoutes from './keys/keys.routes';
import ledgerRoutes from './ledger/ledger.routes';
import meRoutes from './me/me.routes';
import metaRoutes from './meta/meta.routes';
import modelMetricsRoutes from './model-metrics/model-metrics.routes';
import modelPredictionsRoutes from './model-predictions/model-predictions.routes';
import modelsRoutes from './models/models.routes';
import plansRoutes from './plans/plans.routes';
import predictionsRoutes from './predictions/predictions.routes';
import rerunsRoutes from './reruns/reruns.routes';
import runsRoutes from './runs/runs.routes';
import versionsRoutes from './versions/versions.routes';
import webhooksRoutes from './webhooks/webhooks.routes';

export async function registerV1Routes(v1: FastifyInstance): Promise<void> {
  await v1.register(metaRoutes);
  await v1.register(authRoutes);
  await v1.register(meRoutes);
  await v1.register(apiKeysRoutes);
  await v1.register(adminUsersRoutes);
  await v1.register(instrumentsRoutes);
  await v1.register(adminMarketRoutes);
  await v1.register(runsRoutes);
  await v1.register(predictionsRoutes);
  await v1.register(ledgerRoutes);
  await v1.register(backtestsRoutes);
  await v1.register(modelsRoutes);
  await v1.register(versionsRoutes);
  await v1.register(plansRoutes);
  await v1.register(keysRoutes);
  await v1.register(billingRoutes);
  await v1.register(billingWebhookRoutes);
  await v1.register(modelPredictionsRoutes);
  await v1.register(modelMetricsRoutes);
  await v1.register(webhooksRoutes);
  await v1.register(rerunsRoutes);
}
