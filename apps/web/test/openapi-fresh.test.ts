import { describe, expect, it } from 'vitest';
import { buildApiArtifacts, readCommittedArtifacts } from '../scripts/openapi-artifacts';

// The web client's types come from the API's own OpenAPI document. When a route changes, this
// fails until `npm run gen:api -w apps/web` is rerun and the two generated files committed.
describe('generated API types', () => {
  it('src/api/openapi.json and src/api/schema.ts match the API as it is now', async () => {
    const [fresh, committed] = await Promise.all([buildApiArtifacts(), readCommittedArtifacts()]);
    const hint = 'stale: run `npm run gen:api -w apps/web` and commit apps/web/src/api/';
    expect(committed.json === fresh.json, `openapi.json ${hint}`).toBe(true);
    expect(committed.types === fresh.types, `schema.ts ${hint}`).toBe(true);
  }, 240_000);
});
