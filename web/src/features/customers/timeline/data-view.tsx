// An event's `data`, readable: a key/value list, nested objects as indented lists, arrays
// as lists, dates formatted and links clickable. Any JSON object renders; nothing is dropped.
import { When } from '../../../shared/tip/when.tsx';

const isoDateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const maxDepth = 6;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isScalar = (v: Json) => v === null || typeof v !== 'object';

export function DataView({ data }: { data: Record<string, unknown> }) {
  if (Object.keys(data).length === 0) return <p className="data-empty">No data</p>;
  return <KeyValues value={data as Record<string, Json>} depth={0} />;
}

/** Plain values first, then nested ones, so the short facts are read before the structures. */
const byShape = ([, a]: [string, Json], [, b]: [string, Json]) => Number(!isScalar(a)) - Number(!isScalar(b));

function KeyValues({ value, depth }: { value: Record<string, Json>; depth: number }) {
  return (
    <dl className={depth === 0 ? 'kv' : 'kv kv-nested'}>
      {Object.entries(value)
        .sort(byShape)
        .map(([key, v]) => (
          <div className="kv-row" key={key}>
            <dt>{key}</dt>
            <dd>
              <Value value={v} depth={depth + 1} />
            </dd>
          </div>
        ))}
    </dl>
  );
}

function Value({ value, depth }: { value: Json; depth: number }) {
  if (value === null) return <span className="v-muted">null</span>;
  if (typeof value === 'boolean') return <span className="v-literal">{String(value)}</span>;
  if (typeof value === 'number') return <span className="v-literal">{String(value)}</span>;
  if (typeof value === 'string') return <Text value={value} />;
  if (depth > maxDepth) return <code className="v-json">{JSON.stringify(value)}</code>;
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="v-muted">empty list</span>;
    if (value.every(isScalar)) {
      return (
        <ul className="v-chips">
          {value.map((v, i) => (
            <li key={i}>
              <Value value={v} depth={depth + 1} />
            </li>
          ))}
        </ul>
      );
    }
    return (
      <ol className="v-list">
        {value.map((v, i) => (
          <li key={i}>
            <Value value={v} depth={depth + 1} />
          </li>
        ))}
      </ol>
    );
  }
  if (Object.keys(value).length === 0) return <span className="v-muted">empty</span>;
  return <KeyValues value={value} depth={depth} />;
}

function Text({ value }: { value: string }) {
  if (value === '') return <span className="v-muted">empty text</span>;
  if (isoDateTime.test(value) && !Number.isNaN(Date.parse(value))) {
    return <When at={value} show="dateTime" />;
  }
  if (/^https?:\/\/\S+$/.test(value)) {
    return (
      <a href={value} target="_blank" rel="noopener noreferrer">
        {value}
      </a>
    );
  }
  return <span className="v-text">{value}</span>;
}
