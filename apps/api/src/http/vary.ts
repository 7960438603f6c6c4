import type { FastifyReply } from 'fastify';

/** Adds names to the Vary header without dropping what is there (case-insensitive, no repeats). */
export function appendVary(reply: FastifyReply, ...names: string[]): void {
  const current = reply.getHeader('vary');
  if (current === undefined || current === '') {
    reply.header('vary', names.join(', '));
    return;
  }
  const text = String(current);
  if (text === '*') return;
  const have = `,${text.toLowerCase().replace(/\s+/g, '')},`;
  let out = text;
  for (const n of names) if (!have.includes(`,${n.toLowerCase()},`)) out += `, ${n}`;
  if (out !== text) reply.header('vary', out);
}
