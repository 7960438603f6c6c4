import { describe, expect, it } from 'vitest';
import { MOCK_TEST_CARDS, mockCardDecision, signMockWebhook, verifyMockSignature } from './mock-provider';

describe('mock provider: test cards and signatures', () => {
  it('each test card does what docs/BILLING.md says', () => {
    for (const n of [1, 2, 7]) expect(mockCardDecision(MOCK_TEST_CARDS.success, n).outcome).toBe('succeeded');
    expect(mockCardDecision(MOCK_TEST_CARDS.declined, 1)).toEqual({
      outcome: 'failed',
      sync: true,
      failureCode: 'card_declined',
    });
    expect(mockCardDecision(MOCK_TEST_CARDS.failsAsync, 5)).toEqual({
      outcome: 'failed',
      sync: false,
      failureCode: 'card_declined',
    });
    const third = MOCK_TEST_CARDS.failsNth(3);
    expect(third).toBe('4000000000000039');
    expect([1, 2, 3, 4].map((n) => mockCardDecision(third, n).outcome)).toEqual([
      'succeeded',
      'succeeded',
      'failed',
      'succeeded',
    ]);
  });
  it('signatures verify over the exact bytes, within five minutes, with the right secret', () => {
    const body = '{"id":"evt_1"}';
    const now = 1_800_000_000;
    const header = signMockWebhook('a-long-enough-secret', body, now);
    expect(() =>
      verifyMockSignature('a-long-enough-secret', Buffer.from(body), header, now + 299),
    ).not.toThrow();
    const code = (f: () => void) => {
      try {
        f();
        return 'ok';
      } catch (err) {
        return (err as { code: string }).code;
      }
    };
    expect(
      code(() => verifyMockSignature('a-long-enough-secret', Buffer.from(body), header, now + 301)),
    ).toBe('webhook_signature_invalid');
    expect(code(() => verifyMockSignature('another-secret-xyz', Buffer.from(body), header, now))).toBe(
      'webhook_signature_invalid',
    );
    expect(
      code(() => verifyMockSignature('a-long-enough-secret', Buffer.from(`${body} `), header, now)),
    ).toBe('webhook_signature_invalid');
    expect(code(() => verifyMockSignature('a-long-enough-secret', Buffer.from(body), 'garbage', now))).toBe(
      'webhook_signature_invalid',
    );
    expect(code(() => verifyMockSignature('a-long-enough-secret', Buffer.from(body), undefined, now))).toBe(
      'webhook_signature_invalid',
    );
  });
});
