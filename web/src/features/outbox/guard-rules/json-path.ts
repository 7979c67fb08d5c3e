// Where a value sits in JSON text: the server names a problem by path (rule.heldWhen.where.0.value)
// and the editor selects that spot in the textarea. A small parser that keeps each value's
// offsets; text that does not parse finds nothing (JSON.parse reports it first anyway).

export type JsonPath = readonly (string | number)[];
export interface Span {
  start: number;
  end: number;
}

type Node = Span & ({ kind: 'object'; entries: Map<string, Node> } | { kind: 'array'; items: Node[] } | { kind: 'scalar' });

class Parser {
  i = 0;
  constructor(readonly s: string) {}

  fail(): never {
    throw new SyntaxError(`Unexpected input at ${this.i}`);
  }

  space() {
    while (/\s/.test(this.s[this.i] ?? '')) this.i++;
  }

  value(): Node {
    this.space();
    const start = this.i;
    const c = this.s[this.i];
    if (c === '{') return this.object(start);
    if (c === '[') return this.array(start);
    if (c === '"') {
      this.string();
      return { kind: 'scalar', start, end: this.i };
    }
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(this.s.slice(this.i));
    if (!m) this.fail();
    this.i += m[0].length;
    return { kind: 'scalar', start, end: this.i };
  }

  string(): string {
    const start = this.i;
    this.i++;
    while (this.i < this.s.length && this.s[this.i] !== '"') this.i += this.s[this.i] === '\\' ? 2 : 1;
    if (this.s[this.i] !== '"') this.fail();
    this.i++;
    return JSON.parse(this.s.slice(start, this.i)) as string;
  }

  object(start: number): Node {
    const entries = new Map<string, Node>();
    this.i++;
    this.space();
    if (this.s[this.i] === '}') return { kind: 'object', entries, start, end: ++this.i };
    for (;;) {
      this.space();
      if (this.s[this.i] !== '"') this.fail();
      const key = this.string();
      this.space();
      if (this.s[this.i++] !== ':') this.fail();
      entries.set(key, this.value());
      this.space();
      const c = this.s[this.i++];
      if (c === '}') return { kind: 'object', entries, start, end: this.i };
      if (c !== ',') this.fail();
    }
  }

  array(start: number): Node {
    const items: Node[] = [];
    this.i++;
    this.space();
    if (this.s[this.i] === ']') return { kind: 'array', items, start, end: ++this.i };
    for (;;) {
      items.push(this.value());
      this.space();
      const c = this.s[this.i++];
      if (c === ']') return { kind: 'array', items, start, end: this.i };
      if (c !== ',') this.fail();
    }
  }
}

/**
 * The span of the value at `path`, or of the deepest part of it that exists (a missing field
 * points at the object that lacks it). Undefined when the text does not parse.
 */
export function locateJsonPath(text: string, path: JsonPath): (Span & { exact: boolean }) | undefined {
  let node: Node;
  try {
    const p = new Parser(text);
    node = p.value();
    p.space();
    if (p.i !== text.length) return undefined;
  } catch {
    return undefined;
  }
  for (const step of path) {
    const next = node.kind === 'object' ? node.entries.get(String(step)) : node.kind === 'array' ? node.items[Number(step)] : undefined;
    if (!next) return { start: node.start, end: node.end, exact: false };
    node = next;
  }
  return { start: node.start, end: node.end, exact: true };
}

/** `heldWhen.where[0].value`, as a person reads a path into JSON. */
export function formatJsonPath(path: JsonPath): string {
  return path.reduce<string>((out, step) => (typeof step === 'number' ? `${out}[${step}]` : out ? `${out}.${step}` : step), '');
}

/** 1-based line of an offset. */
export const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
