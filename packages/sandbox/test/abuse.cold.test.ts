import { defineAbuseSuite } from './abuse-suite.ts';

defineAbuseSuite('cold', 64101);
