/**
 * Builds the web client's API artifacts from the real Fastify app, in-process, on a fresh
 * embedded database: the OpenAPI document (src/api/openapi.json) and the TypeScript types
 * generated from it (src/api/schema.ts). Types are never written by hand, and
 * test/openapi-fresh.test.ts fails when the committed files no longer match the API.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestApp } from '@seer/api/testing/test-app';
import openapiTS, { astToString } from 'openapi-typescript';

const here = path.dirname(fileURLToPath(import.meta.url));
export const OPENAPI_JSON = path.resolve(here, '../src/api/openapi.json');
export const SCHEMA_TS = path.resolve(here, '../src/api/schema.ts');

/** A fixed server URL, so the document does not depend on the machine that built it. */
const PUBLIC_URL = 'http://localhost:8080';

export interface ApiArtifacts {
  json: string;
  types: string;
}

export async function buildApiArtifacts(): Promise<ApiArtifacts> {
  const handle = await createTestApp('pglite', { publicUrl: PUBLIC_URL, demo: false, logLevel: 'silent' });
  let doc: unknown;
  try {
    doc = handle.app.swagger();
  } finally {
    await handle.close();
  }
  const json = `${JSON.stringify(doc, null, 2)}\n`;
  const ast = await openapiTS(JSON.parse(json), { alphabetize: false, exportType: false });
  const header =
    '/**\n * Generated from src/api/openapi.json by `npm run gen:api -w apps/web`. Do not edit.\n */\n\n';
  const types = `${header}${astToString(ast)}`;
  return { json, types };
}

export async function readCommittedArtifacts(): Promise<ApiArtifacts> {
  return {
    json: await readFile(OPENAPI_JSON, 'utf8'),
    types: await readFile(SCHEMA_TS, 'utf8'),
  };
}
