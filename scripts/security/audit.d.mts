export interface AuditEntry {
  name: string;
  severity: string;
  ids: string[];
  accepted?: boolean;
}
export interface AllowEntry {
  id: string;
  reason: string;
  expires: string;
}
export function evaluate(
  report: unknown,
  allowlist: AllowEntry[],
  today?: string,
): { reachable: boolean; blocking: AuditEntry[]; reported: AuditEntry[]; expired: AllowEntry[] };
export function loadAllowlist(file: string): AllowEntry[];
