import type { Command } from '../cli';
import { runEngineProcess } from '../engine-process';

export const schedulerCommand: Command = {
  path: ['scheduler'],
  summary:
    'Create one run per deployed version at each boundary (missed ones recorded) and dispatch them; re-dispatch lost runs.',
  usage: '',
  options: {},
  run: ({ io }) => runEngineProcess(io, 'scheduler'),
};
