import { defineAbuseSuite } from './abuse-suite';

defineAbuseSuite('fork', 64103);
