import { defineAbuseSuite } from './abuse-suite.ts';

defineAbuseSuite('fork', 64103);
