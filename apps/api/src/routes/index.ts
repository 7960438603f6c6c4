/**
 * Every /v1 feature registers here: one line per feature folder.
 */
import type { FastifyInstance } from 'fastify';

export async function registerV1Routes(_v1: FastifyInstance): Promise<void> {
  // Feature route plugins are registered here, e.g. await v1.register(authRoutes);
}
