// A streaming CSV parser (RFC 4180): quoted fields, "" for a quote, commas and line breaks
// inside quotes, LF, CRLF or CR line ends. Fed chunk by chunk, so a file is never held whole.
// Each row carries the line it starts on, so a bad record can be named by its line.

export interface CsvRow {
  /** 1-based line of the file where the row starts. */
  line: number;
  cells: string[];
}

export class CsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const special = /[",\r\n]/g;

export class CsvParser {
  private line = 1;
  private rowLine = 1;
  private rowStarted = false;
  private cells: string[] = [];
  private field = '';
  private fieldQuoted = false;
  private inQuotes = false;
  /** A quote inside a quoted field: the end of the field, or the first half of "". */
  private quotePending = false;
  /** A CR ended the last row; an LF right after it belongs to the same line end. */
  private skipLf = false;
  private rows: CsvRow[] = [];

  /** Parses a chunk; answers the rows it completed. */
  push(chunk: string): CsvRow[] {
    const s = chunk;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (this.skipLf) {
        this.skipLf = false;
        if (c === LF) continue;
      }
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (c === QUOTE) {
            this.field += '"';
            continue;
          }
          this.inQuotes = false; // the quote closed the field; c is read as unquoted below
        } else if (c === QUOTE) {
          this.quotePending = true;
          continue;
        } else {
          const end = s.indexOf('"', i);
          const text = s.slice(i, end === -1 ? s.length : end);
          for (let j = text.indexOf('\n'); j !== -1; j = text.indexOf('\n', j + 1)) this.line++;
          this.field += text;
          i += text.length - 1;
          continue;
        }
      }
      if (c === LF || c === CR) {
        if (this.rowStarted) this.endRow();
        this.line++;
        this.skipLf = c === CR;
        continue;
      }
      if (!this.rowStarted) {
        this.rowStarted = true;
        this.rowLine = this.line;
      }
      if (c === COMMA) {
        this.endField();
      } else if (c === QUOTE && this.field === '' && !this.fieldQuoted) {
        this.inQuotes = true;
        this.fieldQuoted = true;
      } else {
        // Plain text up to the next special character; a stray quote is kept as it is.
        special.lastIndex = i + 1;
        const m = special.exec(s);
        const end = m ? m.index : s.length;
        this.field += s.slice(i, end);
        i = end - 1;
      }
    }
    return this.take();
  }

  /** Ends the input; answers the last row, if any. Throws on a quoted field left open. */
  end(): CsvRow[] {
    if (this.inQuotes && !this.quotePending) throw new CsvError(this.rowLine, 'a quoted field is not closed before the end of the file');
    if (this.rowStarted) this.endRow();
    return this.take();
  }

  private endField() {
    this.cells.push(this.field);
    this.field = '';
    this.fieldQuoted = false;
  }

  private endRow() {
    this.inQuotes = false;
    this.quotePending = false;
    this.endField();
    this.rows.push({ line: this.rowLine, cells: this.cells });
    this.cells = [];
    this.rowStarted = false;
  }

  private take(): CsvRow[] {
    const r = this.rows;
    this.rows = [];
    return r;
  }
}

/** The rows of a CSV text stream, one at a time. */
export async function* csvRows(chunks: AsyncIterable<string>): AsyncGenerator<CsvRow> {
  const parser = new CsvParser();
  for await (const chunk of chunks) yield* parser.push(chunk);
  yield* parser.end();
}
