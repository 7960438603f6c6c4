import { describe, expect, it } from 'vitest';
import { compareVersionStrings, maxVersion, parseSemver } from './semver';

describe('semver', () => {
  it('parses valid versions and rejects the rest', () => {
    expect(parseSemver('1.2.3')).toEqual({ major: 1, minor: 2, patch: 3, prerelease: [] });
    expect(parseSemver('1.0.0-rc.1')?.prerelease).toEqual(['rc', 1]);
    for (const bad of ['1.2', '01.2.3', '1.2.3.4', 'v1.2.3', '1.2.3-', '1.2.3-01', '', '1.2.3+build'])
      expect(parseSemver(bad), bad).toBeUndefined();
  });

  it('orders by precedence, prereleases below their release', () => {
    const sorted = [
      '1.0.0',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-beta',
      '1.0.0-alpha.beta',
      '0.9.9',
      '1.0.0-rc.1',
      '1.0.0-beta.11',
      '1.0.0-beta.2',
      '2.0.0',
      '1.10.0',
      '1.9.0',
    ].sort(compareVersionStrings);
    expect(sorted).toEqual([
      '0.9.9',
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.9.0',
      '1.10.0',
      '2.0.0',
    ]);
    expect(compareVersionStrings('1.2.3', '1.2.3')).toBe(0);
    expect(maxVersion(['1.2.0', '1.10.0', '1.9.9'])).toBe('1.10.0');
    expect(maxVersion([])).toBeUndefined();
  });
});
