import { defineAbuseSuite } from './abuse-suite';

defineAbuseSuite('pool', 64102);
