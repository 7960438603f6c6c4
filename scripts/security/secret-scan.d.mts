export interface SecretFinding {
  line: number;
  rule: string;
  excerpt: string;
}
export const RULES: Array<{ id: string; re: RegExp; entropyGroup?: number; minEntropy?: number }>;
export function entropy(s: string): number;
export function scanText(text: string): SecretFinding[];
export function loadAllowlist(
  file: string,
): Array<{ path: string; rule?: string; reason: string; re: RegExp }>;
export function scanRepo(
  root: string,
  allowlist: ReturnType<typeof loadAllowlist>,
): { files: number; findings: Array<SecretFinding & { file: string }>; unusedAllowlist: unknown[] };
