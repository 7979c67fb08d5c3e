// Request bodies read straight from node's IncomingMessage (issue 15). @hono/node-server hands
// Hono a lightweight Request that builds a real web Request (undici, a web stream over the
// socket, an AbortController) the first time anything touches its body: a third of Kept's CPU on
// a single-event POST went there. Here the body and the few headers the API needs are read from
// the node request itself; the web Request is built only when there is no node request (tests
// calling app.request()) or when something else already read the body (a chunked upload the
// API's size limit counted).
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { KeptError } from '../domain/core/errors.ts';

/** The API's body limit (a raw-body route declares its own). */
export const maxBodyBytes = 1024 * 1024;
export const apiBodyTooLarge = () =>
  new KeptError('payload_too_large', `The body is over ${maxBodyBytes} bytes (1 MiB); send fewer events per call`);

/** The node request under a Hono context, when served by @hono/node-server. */
export function nodeRequest(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming && typeof incoming.on === 'function' ? incoming : undefined;
}

/** A request header, from node's parsed headers when there are some (no web Headers built). */
export function requestHeader(c: Context, name: Lowercase<string>): string | undefined {
  const incoming = nodeRequest(c);
  if (!incoming) return c.req.header(name);
  const v = incoming.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

/** Whether a body of `declared` bytes (Content-Length) is over the limit; undefined when it is not declared. */
export function declaredOver(c: Context, maxBytes: number): boolean | undefined {
  const incoming = nodeRequest(c);
  if (!incoming || incoming.headers['transfer-encoding'] !== undefined) return undefined;
  const length = incoming.headers['content-length'];
  if (length === undefined) return false; // no body at all (node frames requests by these two headers)
  return Number.parseInt(length, 10) > maxBytes;
}

const tooLarge = (maxBytes: number) =>
  maxBytes === maxBodyBytes ? apiBodyTooLarge() : new KeptError('payload_too_large', `The body is over ${maxBytes} bytes`);

/**
 * The whole body as bytes, up to `maxBytes` (payload_too_large beyond). From node's request when
 * nothing has read it yet; otherwise through the web Request.
 */
export async function readBodyBytes(c: Context, maxBytes: number): Promise<Buffer> {
  const incoming = nodeRequest(c);
  if (!incoming || incoming.readableDidRead || incoming.readableEnded) {
    const bytes = Buffer.from(await c.req.arrayBuffer());
    if (bytes.length > maxBytes) throw tooLarge(maxBytes);
    return bytes;
  }
  if (declaredOver(c, maxBytes)) throw tooLarge(maxBytes);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Stop collecting; @hono/node-server drains (or closes) what is left once the answer is sent.
        done();
        incoming.pause();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      done();
      reject(err);
    };
    const onClose = () => {
      done();
      reject(new Error('the client closed the connection before the whole body arrived'));
    };
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('close', onClose);
  });
}

/** The body as UTF-8 text, up to `maxBytes`; a leading byte order mark is dropped, as a web Request's text() does. */
export async function readBodyText(c: Context, maxBytes: number): Promise<string> {
  const bytes = await readBodyBytes(c, maxBytes);
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bytes.toString('utf8', bom ? 3 : 0);
}
