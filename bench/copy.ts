// COPY ... FROM STDIN through node-postgres without another package: a "submittable" that pg's
// client drives (it calls submit, then handleCopyInResponse, handleCommandComplete,
// handleReadyForQuery or handleError). The COPY floor of bench/reference.ts uses it.
import type pg from 'pg';

interface Connection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** Sends `data` (COPY text format) with `COPY <target> FROM STDIN`; resolves with the rows copied. */
export function copyFrom(client: pg.ClientBase, target: string, data: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    let failed: Error | null = null;
    const submittable = {
      submit(connection: Connection) {
        connection.query(`COPY ${target} FROM STDIN`);
      },
      handleCopyInResponse(connection: Connection) {
        connection.sendCopyFromChunk(Buffer.from(data, 'utf8'));
        connection.endCopyFrom();
      },
      handleCommandComplete(msg: { text: string }) {
        rows = Number(msg.text.split(' ')[1] ?? 0);
      },
      handleReadyForQuery() {
        if (failed) reject(failed);
        else resolve(rows);
      },
      handleError(err: Error) {
        failed = err;
        reject(err);
      },
      handleRowDescription() {},
      handleDataRow() {},
      handleEmptyQuery() {},
      handlePortalSuspended() {},
    };
    (client as unknown as { query(s: unknown): void }).query(submittable);
  });
}

/** One value in COPY's text format. */
export function copyText(v: string | null): string {
  if (v === null) return '\\N';
  return v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}
