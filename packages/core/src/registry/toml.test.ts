import { describe, expect, it } from 'vitest';
import { parseManifest } from './manifest';
import { parseTomlSubset } from './toml';

const DOC = `name = "btc-momentum"
version = "1.2.0"            # semver, must increase
entrypoint = "model:predict"
interval = "1h"              # 1h, 4h or 1d
horizon = "1h"
target = "return"            # return | direction | price
symbols = ["BTC-USD",
  "ETH-USD"]
lookback = 500               # bars the model may read per symbol
[resources]
cpu_seconds = 10
memory_mb = 512
[params]
window = 24
name = 'a # not a comment'
`;

describe('seer.toml', () => {
  it('parses the documented manifest', () => {
    const m = parseManifest(DOC);
    expect(m).toMatchObject({
      name: 'btc-momentum',
      entrypoint: 'model:predict',
      interval: '1h',
      symbols: ['BTC-USD', 'ETH-USD'],
      lookback: 500,
      resources: { cpu_seconds: 10, memory_mb: 512 },
      params: { window: 24, name: 'a # not a comment' },
    });
  });
  it('reports every problem', () => {
    expect(() => parseManifest('name = "x"\ninterval = "5m"\n')).toThrow(
      /invalid seer.toml: version is required.*interval must be one of.*symbols is required/,
    );
    expect(() => parseTomlSubset('a = {x = 1}')).toThrow(/unsupported value/);
    expect(() => parseTomlSubset('a = 1\na = 2')).toThrow(/duplicate key/);
  });
});
