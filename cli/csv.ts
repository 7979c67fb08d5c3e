// Reading CSV (RFC 4180) as a stream with csv-parse: quoted fields, "" for a quote, commas and
// line breaks inside quotes, LF, CRLF or CR line ends, blank lines skipped. Each row carries the
// line it starts on, so a bad record, and a file csv-parse cannot read, are named by their line.
import { pipeline, Readable } from 'node:stream';
import { CsvError as ParseError, parse } from 'csv-parse';

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

const options = {
  // Rows of the wrong width are the reader's to report, by line, not a reason to stop.
  relax_column_count: true,
  // A stray quote inside a plain field is kept as it is.
  relax_quotes: true,
  skip_empty_lines: true,
  record_delimiter: ['\r\n', '\n', '\r'],
  // The raw text of each record (with the blank lines before it) tells the line it starts on.
  raw: true,
};

/** Line breaks in raw CSV text: CR LF, CR or LF each end one line. */
const lineBreaks = (text: string) => text.match(/\r\n?|\n/g)?.length ?? 0;

function message(err: InstanceType<typeof ParseError>): string {
  if (err.code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted field is not closed before the end of the file';
  return err.message;
}

/**
 * The rows of a CSV text stream, one at a time. A record csv-parse cannot read ends the rows with a
 * CsvError naming its line, after every row before it.
 */
export async function* csvRows(chunks: AsyncIterable<string>): AsyncGenerator<CsvRow> {
  // A parse error is taken as a skipped record, not as a stream error: a stream error would drop
  // the rows parsed before it that were not read yet. Each is thrown where it occurred.
  const skipped: { after: number; error: InstanceType<typeof ParseError> }[] = [];
  let parsed = 0;
  const parser = pipeline(
    Readable.from(chunks),
    parse({
      ...options,
      skip_records_with_error: true,
      on_record: (r) => {
        parsed++;
        return r;
      },
      on_skip: (error) => {
        if (error) skipped.push({ after: parsed, error });
      },
    }),
    () => {},
  );
  let line = 1;
  let read = 0;
  const failed = () => skipped[0] && new CsvError(line, message(skipped[0].error));
  for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
    if (skipped[0]?.after === read) throw failed();
    const blank = /^(?:\r\n?|\n)*/.exec(raw)![0];
    const start = line + lineBreaks(blank);
    line += lineBreaks(raw);
    read++;
    yield { line: start, cells: record };
  }
  if (skipped[0]) throw failed();
}
