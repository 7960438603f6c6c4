/**
 * Rebuilds the demo CSVs from their upstream files (see README.md here):
 *   node --import tsx packages/core/demo-data/regenerate.ts <usdchf_1h.csv> <vega sp500-2000.csv>
 */
import { readFile, writeFile } from 'node:fs/promises';
import { convertNaiveUtcOhlcCsv, convertVegaDailyCsv } from '../src/market/demo-data';

const [usdchf, sp500] = process.argv.slice(2);
if (!usdchf || !sp500) {
  process.stderr.write('usage: regenerate.ts <usdchf_1h.csv> <sp500-2000.csv>\n');
  process.exit(2);
}
const here = new URL('.', import.meta.url);
await writeFile(new URL('usdchf_1h.csv', here), convertNaiveUtcOhlcCsv(await readFile(usdchf, 'utf8')));
await writeFile(new URL('sp500_1d.csv', here), convertVegaDailyCsv(await readFile(sp500, 'utf8')));
process.stdout.write('wrote usdchf_1h.csv and sp500_1d.csv\n');
