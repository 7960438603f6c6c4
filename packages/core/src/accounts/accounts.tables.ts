// Filled in by the accounts migration; see packages/core/migrations.
export type AccountsTables = {};
