import type { RunLimits } from '../limits.ts';
import type { PlatformCaps } from '../types.ts';
import type { JailConfig } from './jail.ts';
import type { RunChannel } from './session.ts';

export interface ForkTemplate {
  spawn(limits: RunLimits): Promise<RunChannel & { dispose(): void }>;
  close(): Promise<void>;
}

export async function startForkTemplate(
  _cfg: JailConfig,
  _o: { chanDir: string; caps: PlatformCaps },
): Promise<ForkTemplate> {
  throw new Error('not implemented');
}
