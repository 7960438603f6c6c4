import { describe, expect, it } from 'vitest';
import { type ConfigError, loadConfig } from '../config';
import { platformFee } from './billing.service';
import { policyFromConfig } from './create-billing';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig({ NODE_ENV: 'test', ...env });
    return [];
  } catch (err) {
    return (err as ConfigError).problems;
  }
};

describe('billing configuration', () => {
  it('defaults: mock provider, 20% fee, 7 days grace, retries at 24/72/120 h', () => {
    const c = loadConfig({ NODE_ENV: 'test' });
    expect([c.billingProvider, c.billingPlatformFeePercent, c.billingGraceDays, c.billingRetryHours]).toEqual(
      ['mock', 20, 7, [24, 72, 120]],
    );
    expect(policyFromConfig(c)).toEqual({
      graceMs: 7 * 86_400_000,
      retryOffsetsMs: [24, 72, 120].map((h) => h * 3_600_000),
    });
  });
  it('refuses retries outside the grace, unordered or not whole hours, a bad fee, stripe without keys', () => {
    expect(problems({ BILLING_RETRY_HOURS: '24,200' }).join()).toMatch(/inside BILLING_GRACE_DAYS/);
    expect(problems({ BILLING_RETRY_HOURS: '72,24' }).join()).toMatch(/increasing whole hours/);
    expect(problems({ BILLING_RETRY_HOURS: '1.5' }).join()).toMatch(/increasing whole hours/);
    expect(problems({ BILLING_PLATFORM_FEE_PERCENT: '101' }).join()).toMatch(/BILLING_PLATFORM_FEE_PERCENT/);
    expect(problems({ BILLING_PROVIDER: 'stripe' }).join()).toMatch(/STRIPE_SECRET_KEY/);
    expect(problems({ BILLING_PROVIDER: 'paypal' }).join()).toMatch(/BILLING_PROVIDER/);
    expect(problems({ BILLING_MOCK_WEBHOOK_SECRET: 'short' }).join()).toMatch(/16 characters/);
    expect(
      problems({
        BILLING_PROVIDER: 'stripe',
        STRIPE_SECRET_KEY: 'sk_test_x',
        STRIPE_WEBHOOK_SECRET: 'whsec_x',
      }),
    ).toEqual([]);
  });
  it('the platform fee is integer, rounded half up', () => {
    expect(platformFee(1900, 20)).toBe(380);
    expect(platformFee(1, 50)).toBe(1);
    expect(platformFee(1, 49)).toBe(0);
    expect(platformFee(999, 0)).toBe(0);
    expect(platformFee(999, 100)).toBe(999);
    expect(() => platformFee(19.5, 20)).toThrow(RangeError);
  });
});
