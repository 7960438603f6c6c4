import { defineAbuseSuite } from './abuse-suite.ts';

defineAbuseSuite('pool', 64102);
