import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { codedBody, etagFor, matchesIfNoneMatch, preferredCoding, render } from './encoded-body';

describe('preferredCoding', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['identity', undefined],
    ['deflate', undefined],
    ['gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['x-gzip', 'gzip'],
    ['gzip, deflate', 'gzip'],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0', undefined],
    ['*', 'br'],
    ['*;q=0.2, br;q=0', 'gzip'],
    ['gzip;q=abc', 'gzip'], // a malformed weight is ignored, as most servers do
    [' gzip ; q=1 ', 'gzip'],
  ])('%j -> %s', (header, coding) => {
    expect(preferredCoding(header)).toBe(coding);
    expect(preferredCoding(header)).toBe(coding); // remembered answer, same
  });
});

describe('renderings', () => {
  const r = render(JSON.stringify({ items: Array.from({ length: 50 }, (_, i) => ({ i })) }));

  it('keeps a coding once made, and it decodes to the body', () => {
    const gz = codedBody(r, 'gzip');
    expect(codedBody(r, 'gzip')).toBe(gz);
    expect(gunzipSync(gz).equals(r.body)).toBe(true);
    expect(etagFor(r, 'gzip')).toBe(`${r.etag.slice(0, -1)}-gzip"`);
  });

  it('If-None-Match: any coding of this body, weak or strong, or *', () => {
    expect(matchesIfNoneMatch(undefined, r)).toBe(false);
    expect(matchesIfNoneMatch(r.etag, r)).toBe(true);
    expect(matchesIfNoneMatch(`W/${etagFor(r, 'br')}`, r)).toBe(true);
    expect(matchesIfNoneMatch('*', r)).toBe(true);
    expect(matchesIfNoneMatch('"other", "x"', r)).toBe(false);
    expect(matchesIfNoneMatch(`${r.etag.slice(0, -1)}-deflate"`, r)).toBe(false);
    expect(matchesIfNoneMatch(`${r.etag.slice(0, -1)}x"`, r)).toBe(false);
  });
});
