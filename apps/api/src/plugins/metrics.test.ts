/** /metrics is not public on the API port (issue 9, item 5): off without METRICS_TOKEN. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app';

describe('metrics without METRICS_TOKEN', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await createTestApp('pglite');
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('is not served at all', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('seer_api_');
  });
});
