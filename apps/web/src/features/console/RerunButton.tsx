/**
 * "Re-run" for one succeeded run: asks a worker to execute it again on its recorded input and
 * shows whether it reproduced (docs/RUNS.md, Re-running a stored run).
 */
import { useMutation, useQuery } from '@tanstack/react-query';
import { api, call } from '../../api/client';
import type { Rerun } from '../../api/types';
import { FormError } from '../../components/states';

const DONE: Rerun['status'][] = ['reproduced', 'mismatch', 'input_mismatch', 'failed'];

const LABEL: Record<Rerun['status'], string> = {
  queued: 'Re-run queued…',
  running: 'Re-running…',
  reproduced: 'Reproduced: same input, same predictions',
  mismatch: 'Mismatch: same input, different predictions',
  input_mismatch: 'Input mismatch: the data differs from what the run read',
  failed: 'Re-run failed',
};

const fmt = (p: { value: number; confidence: number | null } | null) =>
  p ? `${p.value}${p.confidence === null ? '' : ` (conf. ${p.confidence})`}` : '—';

export function RerunButton({ runId }: { runId: string }) {
  const start = useMutation({
    mutationFn: () => call(api.POST('/v1/runs/{id}/rerun', { params: { path: { id: runId } } })),
  });
  const id = start.data?.id;
  const rerun = useQuery({
    queryKey: ['rerun', id],
    enabled: Boolean(id),
    queryFn: () => call(api.GET('/v1/reruns/{id}', { params: { path: { id: id as string } } })),
    refetchInterval: (q) => (q.state.data && DONE.includes(q.state.data.status) ? false : 1000),
  });
  const r = rerun.data ?? start.data;
  return (
    <div>
      <button
        type="button"
        onClick={() => start.mutate()}
        disabled={start.isPending || (r && !DONE.includes(r.status))}
      >
        Re-run
      </button>
      {start.isError ? <FormError error={start.error} /> : null}
      {r ? (
        <div role="status" className="small">
          {LABEL[r.status]}
          {r.errorCode ? (
            <>
              {' '}
              <code>{r.errorCode}</code>
            </>
          ) : null}
          {r.status === 'input_mismatch' ? (
            <p className="small">
              stored digest <code>{r.storedInputDigest?.slice(0, 12)}</code>, re-run{' '}
              <code>{r.rerunInputDigest?.slice(0, 12)}</code>
            </p>
          ) : null}
          {r.differences.length > 0 ? (
            <table aria-label="Differing predictions">
              <thead>
                <tr>
                  <th scope="col">Symbol</th>
                  <th scope="col">Stored</th>
                  <th scope="col">Re-run</th>
                </tr>
              </thead>
              <tbody>
                {r.differences.map((d) => (
                  <tr key={d.symbol}>
                    <td>{d.symbol}</td>
                    <td>{fmt(d.stored)}</td>
                    <td>{fmt(d.rerun)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
