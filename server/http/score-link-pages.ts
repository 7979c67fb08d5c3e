// What the answer page adds for a score link from a mail (docs/score-links.md): which GETs count as
// a person's click at all, and the 1-pixel image whose loading shows a browser rendered the page.
// The image needs no script and is allowed by the public pages' Content-Security-Policy (img-src).
import type { Hono } from 'hono';
import { markScoreLinkSeen } from '../domain/signals/score-links.ts';
import { deps, type C } from './public-kit.ts';
import type { AppEnv } from './services.ts';

/** A transparent 1x1 GIF. */
const pixel = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * A GET a person's click may have made: not a HEAD (link checkers), not a prefetch or prerender
 * a browser or mail client made on its own (Sec-Purpose / Purpose: prefetch).
 */
export function isPersonsFetch(c: C): boolean {
  if (c.req.method !== 'GET') return false;
  const purpose = `${c.req.header('sec-purpose') ?? ''} ${c.req.header('purpose') ?? ''} ${c.req.header('x-moz') ?? ''}`.toLowerCase();
  return !/prefetch|prerender/.test(purpose);
}

/** The page's image for a recorded fetch, relative to /s/TOKEN. */
export const scoreLinkImage = (token: string, fetchId: string) => `${encodeURIComponent(token)}/seen/${encodeURIComponent(fetchId)}.gif`;

/** GET /s/TOKEN/seen/FETCH.gif: always the same pixel, whatever the token; a valid one marks the fetch seen. */
export function mountScoreLinkImage(app: Hono<AppEnv>): void {
  app.get('/s/:token/seen/:image', async (c) => {
    const image = c.req.param('image');
    if (c.req.method === 'GET' && image.endsWith('.gif')) {
      try {
        c.get('services').publicLimits.address(c);
        await markScoreLinkSeen(deps(c), c.req.param('token'), image.slice(0, -4));
      } catch (err) {
        c.get('log').warn({ err }, 'score link image');
      }
    }
    return c.body(pixel, 200, { 'Content-Type': 'image/gif', 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex, nofollow' });
  });
}
