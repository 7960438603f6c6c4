export { buildApp } from './app';
export type { ApiContext } from './context';
