/**
 * The workers' ledger checkpoint signer (docs/VERIFYING.md): at start and then every
 * LEDGER_CHECKPOINT_INTERVAL_SECONDS, signs a checkpoint of every chain head that moved, with the
 * key in LEDGER_SIGNING_KEY_FILE, a key only worker processes read. A head that no longer extends
 * its last checkpoint (a rewrite) is refused, logged and counted, never signed.
 * Several workers may sign the same head in the same minute; the duplicate checkpoint is harmless.
 */
import type { Config } from '@seer/core/config';
import type { Db } from '@seer/core/db';
import {
  type LedgerSigner,
  loadLedgerSigner,
  type SignRoundResult,
  signCheckpointRound,
} from '@seer/core/predictions';
import type { RunMetrics } from './metrics';

export interface LedgerSignerHandle {
  signer: LedgerSigner;
  /** One signing round now (tests, and the timer). */
  signNow(): Promise<SignRoundResult>;
  close(): void;
}

export async function startLedgerSigner(o: {
  db: Db;
  config: Pick<Config, 'ledgerSigningKeyFile' | 'ledgerCheckpointIntervalSeconds' | 'generateKeys'>;
  metrics?: RunMetrics;
  log?: (msg: string, fields?: Record<string, unknown>) => void;
  /** Real time: a checkpoint states when it was signed (not a replay clock's market time). */
  now?: () => Date;
}): Promise<LedgerSignerHandle> {
  const signer = await loadLedgerSigner({
    file: o.config.ledgerSigningKeyFile,
    generate: o.config.generateKeys,
  });
  const now = o.now ?? (() => new Date());
  let running: Promise<SignRoundResult> | undefined;
  const signNow = (): Promise<SignRoundResult> => {
    running ??= signCheckpointRound(o.db, signer, now())
      .then((r) => {
        o.metrics?.ledgerCheckpointsSigned.inc(r.signed);
        if (r.refused.length > 0) o.metrics?.ledgerCheckpointRefusals.inc(r.refused.length);
        for (const x of r.refused)
          o.log?.('ledger checkpoint refused: the chain no longer extends its last checkpoint', x);
        return r;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  let timer: NodeJS.Timeout | undefined;
  if (o.config.ledgerCheckpointIntervalSeconds > 0) {
    const tick = () =>
      signNow().catch((err) => o.log?.('ledger checkpoint round failed', { error: (err as Error).message }));
    void tick();
    timer = setInterval(tick, o.config.ledgerCheckpointIntervalSeconds * 1000);
    timer.unref();
  }
  return {
    signer,
    signNow,
    close() {
      clearInterval(timer);
    },
  };
}
