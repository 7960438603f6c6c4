import { TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { compileQueryConverter, typeBoxValidatorCompiler } from './validator';

type Part = 'querystring' | 'params';
type Validate = (value: unknown) => { value?: unknown; error?: unknown };

const compile = (compiler: typeof typeBoxValidatorCompiler, schema: TSchema, httpPart: Part) =>
  compiler({ schema, httpPart, method: 'GET', url: '/x' }) as Validate;

/** Values a query parameter arrives as, canonical and not. */
const RAW = [
  '',
  '0',
  '1',
  '100',
  '1000',
  '1001',
  '-1',
  '007',
  '1.5',
  '-0.25',
  '1e3',
  '0x10',
  ' 5',
  'NaN',
  'true',
  'false',
  'TRUE',
  'yes',
  'live',
  'backtest',
  'json',
  'csv',
  'BTCUSDT',
  '2026-01-01T00:00:00.000Z',
  'not-a-date',
  '123-456',
  'a\u0000b',
  ['1', '2'],
  ['live'],
];

/** The stock compiler's answer and ours must be the same: same value accepted, or same errors. */
function expectSameAnswer(schema: TSchema, part: Part, input: Record<string, unknown>) {
  const stock = compile(TypeBoxValidatorCompiler as typeof typeBoxValidatorCompiler, schema, part)(input);
  const ours = compile(typeBoxValidatorCompiler, schema, part)(input);
  expect(ours, JSON.stringify(input)).toEqual(stock);
}

describe('typeBoxValidatorCompiler', () => {
  const Query = Type.Object(
    {
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      ratio: Type.Optional(Type.Number()),
      live: Type.Optional(Type.Boolean()),
      mode: Type.Optional(Type.Union([Type.Literal('live'), Type.Literal('backtest')])),
      symbol: Type.Optional(Type.String({ pattern: '^[A-Z]+$' })),
    },
    { additionalProperties: false },
  );

  it('converts canonical numbers and booleans itself', () => {
    const fast = compileQueryConverter(Query);
    expect(fast).toBeDefined();
    expect(fast?.({ limit: '100', ratio: '-0.25', live: 'true', symbol: 'BTC' })).toEqual({
      limit: 100,
      ratio: -0.25,
      live: true,
      symbol: 'BTC',
    });
    // Non-canonical forms are left for Value.Convert.
    expect(fast?.({ limit: '007', ratio: '1e3', live: 'TRUE' })).toEqual({
      limit: '007',
      ratio: '1e3',
      live: 'TRUE',
    });
  });

  it('leaves kinds it does not know to Value.Convert', () => {
    expect(compileQueryConverter(Type.Object({ a: Type.Array(Type.String()) }))).toBeUndefined();
    expect(
      compileQueryConverter(Type.Object({ a: Type.Union([Type.Number(), Type.String()]) })),
    ).toBeUndefined();
    expect(compileQueryConverter(Type.Record(Type.String(), Type.String()))).toBeUndefined();
  });

  it('answers exactly as the stock compiler, for every single value and pair of values', () => {
    const names = ['limit', 'ratio', 'live', 'mode', 'symbol'];
    for (const name of names) for (const raw of RAW) expectSameAnswer(Query, 'querystring', { [name]: raw });
    for (const raw of RAW)
      for (const other of RAW) expectSameAnswer(Query, 'querystring', { limit: raw, mode: other });
    expectSameAnswer(Query, 'querystring', {});
    expectSameAnswer(Query, 'querystring', { unknown: '1' });
  });
});

describe('typeBoxValidatorCompiler on the API’s own query and path schemas', () => {
  // Every exported *QuerySchema and *ParamsSchema of the domain packages (the routes use these).
  const modules = import.meta.glob<Record<string, unknown>>('../../../../packages/core/src/**/*.schemas.ts', {
    eager: true,
  });
  const schemas = Object.entries(modules).flatMap(([file, exports]) =>
    Object.entries(exports)
      .filter(([name]) => /(Query|Params)Schema$/.test(name))
      .map(([name, schema]) => ({
        name: `${file}:${name}`,
        part: (name.endsWith('QuerySchema') ? 'querystring' : 'params') as Part,
        schema: schema as TSchema,
      })),
  );

  it('finds them, and most take the fast path', () => {
    expect(schemas.length).toBeGreaterThan(20);
    const fast = schemas.filter((s) => compileQueryConverter(s.schema) !== undefined);
    expect(fast.length / schemas.length, fast.map((s) => s.name).join()).toBeGreaterThan(0.8);
  });

  it('answers exactly as the stock compiler, for every value of every field', () => {
    for (const { schema, part } of schemas) {
      const props = Object.keys((schema as { properties?: object }).properties ?? {});
      expectSameAnswer(schema, part, {});
      for (const name of props) for (const raw of RAW) expectSameAnswer(schema, part, { [name]: raw });
    }
  });
});
