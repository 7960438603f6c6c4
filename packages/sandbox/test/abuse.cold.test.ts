import { defineAbuseSuite } from './abuse-suite';

defineAbuseSuite('cold', 64101);
