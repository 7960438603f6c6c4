import { createQueues, QUEUE_NAMES, type QueueName } from '@seer/core/queue';
import { type Command, UsageError } from '../cli';
import { runEngineProcess } from '../engine-process';
import { loadConfigOrExit } from '../runtime';

export const workerCommand: Command = {
  path: ['worker'],
  summary:
    'Execute runs, outcomes and backtests from the queue (BullMQ with REDIS_URL; without it, use "seerd all").',
  usage: '',
  options: {},
  run: ({ io }) => runEngineProcess(io, 'worker'),
};

const QUEUE_HELP = `one of ${QUEUE_NAMES.join(', ')}`;

function queueArg(value: string | boolean | undefined): QueueName {
  const q = typeof value === 'string' ? value : 'runs';
  if (!(QUEUE_NAMES as readonly string[]).includes(q)) throw new UsageError(`--queue must be ${QUEUE_HELP}`);
  return q as QueueName;
}

/** Operators: what is waiting, running and dead on a queue, and the dead letters themselves. */
export const workerQueueCommand: Command = {
  path: ['worker', 'queue'],
  summary: 'Show a queue: counts (waiting, active, delayed, dead) and the latest dead letters (BullMQ).',
  usage: '[--queue runs] [--limit 20]',
  options: { queue: { type: 'string' }, limit: { type: 'string' } },
  async run({ values, io }) {
    const config = loadConfigOrExit(io);
    if (!config.redisUrl) {
      io.stderr(
        'seerd worker queue: REDIS_URL is not set; the in-process dispatcher lives inside "seerd all".\n',
      );
      return 78;
    }
    const queue = queueArg(values.queue);
    const limit = Number(values.limit ?? 20);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw new UsageError('--limit must be 1..1000');
    const queues = createQueues({ redisUrl: config.redisUrl, redisCaFile: config.redisCaFile });
    try {
      const counts = await queues.counts(queue);
      const dead = await queues.deadLetters(queue, limit);
      io.stdout(`${JSON.stringify({ queue, counts, deadLetters: dead }, null, 2)}\n`);
      return 0;
    } finally {
      await queues.close();
    }
  },
};

export const workerRetryCommand: Command = {
  path: ['worker', 'retry'],
  summary:
    'Move a dead-lettered job (job id = run id) back to waiting; the run itself decides whether to execute.',
  usage: '<jobId> [--queue runs]',
  options: { queue: { type: 'string' } },
  allowPositionals: true,
  async run({ values, positionals, io }) {
    const config = loadConfigOrExit(io);
    if (!config.redisUrl) {
      io.stderr('seerd worker retry: REDIS_URL is not set.\n');
      return 78;
    }
    const [jobId] = positionals;
    if (!jobId || positionals.length !== 1) throw new UsageError('give exactly one job id');
    const queues = createQueues({ redisUrl: config.redisUrl, redisCaFile: config.redisCaFile });
    try {
      const ok = await queues.retryDeadLetter(queueArg(values.queue), jobId);
      io.stdout(ok ? `retrying ${jobId}\n` : `no dead letter ${jobId}\n`);
      return ok ? 0 : 1;
    } finally {
      await queues.close();
    }
  },
};
