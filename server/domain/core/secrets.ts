// Secrets handed to people and programs (session ids, API tokens) and the hashes we keep.
// Only a SHA-256 of a secret is stored: the secrets are 256-bit random, so a fast hash suffices.
import { createHash, randomBytes } from 'node:crypto';

export const newSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * API tokens read `kept_<workspace id, hex>_<secret>`. Carrying the workspace lets the lookup
 * go to that workspace's shard (docs/scaling.md); the secret alone is what proves anything.
 */
export function formatToken(workspaceId: string, secret: string): string {
  return `kept_${workspaceId.replaceAll('-', '')}_${secret}`;
}

export function parseToken(token: string): { workspaceId: string; secret: string } | undefined {
  const m = /^kept_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m) return undefined;
  const h = m[1]!;
  const workspaceId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  return { workspaceId, secret: m[2]! };
}

/** Session cookies carry the workspace the same way: `<workspace id>.<secret>`. */
export const formatSessionId = (workspaceId: string, secret: string) => `${workspaceId}.${secret}`;
export function parseSessionId(value: string): { workspaceId: string; secret: string } | undefined {
  const m = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(value);
  return m ? { workspaceId: m[1]!, secret: m[2]! } : undefined;
}
