/**
 * The version state machine: draft -> deployed -> retired, never back. Pure; the database
 * trigger enforces the same rule independently.
 */
import { AppError } from '../errors';
import type { VersionStatus } from './registry.tables';
import './registry-errors';

export type VersionAction = 'deploy' | 'retire';

const TRANSITIONS: Record<VersionAction, { from: VersionStatus; to: VersionStatus }> = {
  deploy: { from: 'draft', to: 'deployed' },
  retire: { from: 'deployed', to: 'retired' },
};

export function nextStatus(current: VersionStatus, action: VersionAction): VersionStatus | undefined {
  const t = TRANSITIONS[action];
  return t.from === current ? t.to : undefined;
}

export function transitionOrThrow(
  current: VersionStatus,
  action: VersionAction,
  label: string,
): VersionStatus {
  const next = nextStatus(current, action);
  if (next === undefined) {
    throw new AppError('invalid_status_transition', {
      detail: `Cannot ${action} ${label}: it is ${current}. Versions move only draft -> deployed -> retired.`,
    });
  }
  return next;
}

/** Whether the package, digest, manifest and signature are frozen. */
export function isImmutable(status: VersionStatus): boolean {
  return status !== 'draft';
}

/** Whether people other than the owner may see the version. */
export function isPublic(status: VersionStatus): boolean {
  return status !== 'draft';
}
