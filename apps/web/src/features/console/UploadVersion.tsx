/**
 * Publish a version by dropping (or choosing) a .tar.gz. The raw file is the request body; a
 * 422 manifest_invalid lists every bad seer.toml field, shown one per line by field.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type DragEvent, useId, useRef, useState } from 'react';
import { ApiError, authFetch, type Problem } from '../../api/client';
import type { Version } from '../../api/types';
import { formatBytes } from '../../components/format';
import { describeError } from '../../components/states';

export async function uploadPackage(slug: string, file: Blob): Promise<Version> {
  let res: Response;
  try {
    res = await authFetch(
      new Request(new URL(`/v1/models/${encodeURIComponent(slug)}/versions`, window.location.origin), {
        method: 'POST',
        headers: { 'content-type': 'application/gzip' },
        body: file,
      }),
    );
  } catch (err) {
    throw new ApiError({ status: 0, code: 'network_error', detail: (err as Error).message });
  }
  const body = (await res.json().catch(() => ({}))) as Version | Problem;
  if (!res.ok) {
    const p = body as Partial<Problem>;
    throw new ApiError({
      status: res.status,
      code: p.code ?? 'http_error',
      detail: p.detail ?? res.statusText,
      ...(p.errors ? { errors: p.errors } : {}),
    });
  }
  return body as Version;
}

export function UploadVersion({ slug }: { slug: string }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const queryClient = useQueryClient();
  const upload = useMutation({
    mutationFn: (f: File) => uploadPackage(slug, f),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['versions', slug] }),
  });

  const choose = (f: File | undefined) => {
    if (!f) return;
    setFile(f);
    upload.mutate(f);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer.files[0]);
  };
  const problem = upload.error instanceof ApiError ? upload.error.problem : null;

  return (
    <section aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Upload a version</h2>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target for the mouse; keyboard users use the file button inside */}
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drag a package (.tar.gz with seer.toml at its root) here, or</p>
        <label htmlFor={`${id}-file`} className="button">
          Choose a file
        </label>
        <input
          ref={input}
          id={`${id}-file`}
          type="file"
          accept=".tar.gz,.tgz,application/gzip"
          className="visually-hidden"
          onChange={(e) => {
            choose(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </div>
      <div aria-live="polite">
        {upload.isPending ? (
          <p role="status">
            Uploading {file?.name} ({formatBytes(file?.size ?? 0)}), validating and signing…
          </p>
        ) : null}
        {upload.isSuccess ? (
          <p className="ok" role="status">
            Published version {upload.data.version} as a draft ({upload.data.fileCount} files, digest{' '}
            <code>{upload.data.digest.slice(0, 12)}…</code>). Deploy it below.
          </p>
        ) : null}
      </div>
      {upload.isError ? (
        <div className="state state-error" role="alert">
          <p className="state-title">
            {problem?.code === 'manifest_invalid'
              ? 'seer.toml has invalid fields'
              : describeError(upload.error).title}
          </p>
          <p>{describeError(upload.error).detail}</p>
          {problem?.errors?.length ? (
            <ul className="field-errors" aria-label="Invalid fields">
              {problem.errors.map((e) => (
                <li key={`${e.field}:${e.message}`}>
                  <code>{e.field.replace(/^\//, '') || '(package)'}</code>: {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
