import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import {
  BarsPageSchema,
  BarsQuerySchema,
  InstrumentDetailSchema,
  InstrumentListQuerySchema,
  InstrumentListSchema,
} from '@seer/core/market';
import { problemResponses } from '../../schemas/problem';

// Case-insensitive on the way in (usdchf works); stored symbols are upper case.
const SymbolParamsSchema = Type.Object({
  symbol: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$' }),
});

/** Market data is public: the instruments and every bar that has closed by now. */
const instrumentsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { market } = app.ctx.services;
  const tags = ['market data'];

  app.get(
    '/instruments',
    {
      schema: {
        tags,
        operationId: 'listInstruments',
        summary: 'Instruments with stored market data, by symbol (cursor pagination).',
        querystring: InstrumentListQuerySchema,
        response: { 200: InstrumentListSchema, ...problemResponses(400) },
      },
    },
    async (request) => market.listInstruments(request.query),
  );

  app.get(
    '/instruments/:symbol',
    {
      schema: {
        tags,
        operationId: 'getInstrument',
        summary: 'One instrument, its data source and licence, and the range of closed bars per interval.',
        params: SymbolParamsSchema,
        response: { 200: InstrumentDetailSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => market.getInstrument(request.params.symbol),
  );

  app.get(
    '/instruments/:symbol/bars',
    {
      schema: {
        tags,
        operationId: 'listBars',
        summary: 'OHLCV bars that have closed by now (ts + interval <= now), keyset-paginated.',
        description:
          'ts is the bar OPEN time (UTC). from is inclusive, to exclusive. limit at most 1000. Follow nextCursor for the next page in the same order.',
        params: SymbolParamsSchema,
        querystring: BarsQuerySchema,
        response: { 200: BarsPageSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) => market.listBars({ symbol: request.params.symbol, ...request.query }),
  );
};

export default instrumentsRoutes;
