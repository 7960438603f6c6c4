/** Writes src/api/openapi.json and src/api/schema.ts from the real API (see openapi-artifacts.ts). */
import { writeFile } from 'node:fs/promises';
import { buildApiArtifacts, OPENAPI_JSON, SCHEMA_TS } from './openapi-artifacts';

const { json, types } = await buildApiArtifacts();
await writeFile(OPENAPI_JSON, json);
await writeFile(SCHEMA_TS, types);
console.log(`gen-api: wrote ${OPENAPI_JSON} and ${SCHEMA_TS}`);
process.exit(0);
