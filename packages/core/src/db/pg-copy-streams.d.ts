// Minimal typings for pg-copy-streams 7 (it ships none): only what db.ts uses.
declare module 'pg-copy-streams' {
  import type { Writable } from 'node:stream';
  import type { Submittable } from 'pg';
  export function from(sql: string): Writable & Submittable;
}
