/**
 * "Public record" on the model page (docs/VERIFYING.md): each deployed version's chain head and
 * latest signed checkpoint, and a button that checks, in the browser, the checkpoint's Ed25519
 * signature (WebCrypto) and the chain of hashes up to it. Everything here is anonymous data.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../../api/client';
import type { VersionSummary } from '../../api/types';
import { formatDate } from '../../components/format';
import { ErrorState, QueryState } from '../../components/states';

import { type ChainEntry, checkPublicRecord, type RecordCheck } from './publicRecordCheck';

const GENESIS = '0'.repeat(64);
const MAX_PAGES = 50;

async function fetchChain(slug: string, version: string) {
  const entries: ChainEntry[] = [];
  let cursor: string | undefined;
  let head = { seq: 0, hash: GENESIS };
  for (let i = 0; i < MAX_PAGES; i++) {
    const page = await call(
      api.GET('/v1/models/{slug}/versions/{version}/chain', {
        params: {
          path: { slug, version },
          query: { mode: 'live', limit: 5000, ...(cursor ? { cursor } : {}) },
        },
      }),
    );
    head = page.head;
    entries.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return { entries, head };
}

function VersionPublicRecord({ slug, version }: { slug: string; version: string }) {
  const [result, setResult] = useState<RecordCheck | { error: unknown } | null>(null);
  const [busy, setBusy] = useState(false);
  const summary = useQuery({
    queryKey: ['public-record', slug, version],
    queryFn: async () => {
      const [chain, cps] = await Promise.all([
        call(
          api.GET('/v1/models/{slug}/versions/{version}/chain', {
            params: { path: { slug, version }, query: { mode: 'live', limit: 1 } },
          }),
        ),
        call(
          api.GET('/v1/ledger/checkpoints', {
            params: { query: { model: slug, version, mode: 'live', limit: 5000 } },
          }),
        ),
      ]);
      return { head: chain.head, checkpoint: cps.items.at(-1) };
    },
  });
  const verify = async () => {
    setBusy(true);
    setResult(null);
    try {
      const [{ entries }, keys] = await Promise.all([
        fetchChain(slug, version),
        call(api.GET('/v1/keys/ledger', {})),
      ]);
      const cp = summary.data?.checkpoint;
      // The chain is checked up to the checkpoint (entries after it are checked as a chain only).
      setResult(await checkPublicRecord({ entries, checkpoint: cp, keys: keys.keys }));
    } catch (error) {
      setResult({ error });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="record">
      <h3>Version {version}</h3>
      <QueryState query={summary} loadingLabel="Loading the public record">
        {(s) => (
          <p className="small">
            Chain head #{s.head.seq}{' '}
            <code className="digest" title={s.head.hash}>
              {s.head.hash.slice(0, 16)}…
            </code>
            {s.checkpoint
              ? ` · latest signed checkpoint #${s.checkpoint.seq}, ${formatDate(s.checkpoint.signed_at)} (key ${s.checkpoint.key_id})`
              : ' · no signed checkpoint yet'}
          </p>
        )}
      </QueryState>
      <div className="verify">
        <button type="button" onClick={() => void verify()} disabled={busy}>
          Verify in this browser
        </button>
        {busy ? <span role="status"> Checking signatures and hashes…</span> : null}
        {result && 'error' in result ? <ErrorState error={result.error} /> : null}
        {result && 'lines' in result ? (
          <p role="status" className={result.ok ? 'ok' : 'bad'}>
            {result.lines.join(' ')}
          </p>
        ) : null}
      </div>
    </div>
  );
}

export function PublicRecord({ slug, versions }: { slug: string; versions: VersionSummary[] }) {
  if (versions.length === 0) return null;
  return (
    <section aria-labelledby="public-record">
      <h2 id="public-record">Public record</h2>
      <p className="muted small">
        Every prediction is published as a commitment the moment it is stored and its chain head is signed by
        the workers at least hourly. Values are revealed after the public delay. Keep a copy of the
        checkpoints (<code>seer verify {slug} --save-checkpoints FILE</code>) to detect any later rewrite; see
        VERIFYING.md.
      </p>
      {versions.map((v) => (
        <VersionPublicRecord key={v.version} slug={slug} version={v.version} />
      ))}
    </section>
  );
}
