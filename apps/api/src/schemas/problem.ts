/**
 * The error body every route declares for its error statuses: application/problem+json
 * (RFC 9457) as rendered by plugins/problem.ts. Routes spread `problemResponses(400, 401, ...)`
 * into `schema.response` so the OpenAPI document lists each error a client can get.
 */
import { type Static, Type } from '@fastify/type-provider-typebox';

export const FieldErrorSchema = Type.Object(
  {
    field: Type.String({ description: 'JSON pointer to the offending field, e.g. `/email`.' }),
    message: Type.String(),
  },
  { additionalProperties: false },
);

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'URI identifying the problem type.' }),
    title: Type.String({ description: 'Short summary of the HTTP status.' }),
    status: Type.Integer({ description: 'HTTP status code.' }),
    code: Type.String({ description: 'Stable machine-readable error code; clients branch on this.' }),
    detail: Type.String({ description: 'Human-readable explanation.' }),
    instance: Type.String({ description: 'Request path (without query string).' }),
    requestId: Type.String({ description: 'Request id, also in the x-request-id header.' }),
    errors: Type.Optional(Type.Array(FieldErrorSchema, { description: 'Field-level validation errors.' })),
  },
  { title: 'Problem', description: 'application/problem+json error body.' },
);
export type ProblemBody = Static<typeof ProblemSchema>;

/** `{ 400: ProblemSchema, 401: ProblemSchema, ... }` for a route's `schema.response`. */
export function problemResponses<const S extends readonly number[]>(
  ...statuses: S
): { [K in S[number]]: typeof ProblemSchema } {
  const out: Record<number, typeof ProblemSchema> = {};
  for (const s of statuses) out[s] = ProblemSchema;
  return out as { [K in S[number]]: typeof ProblemSchema };
}
