// What the server refused in a guard rule, by JSON path: choosing a problem finds it in the JSON.
import type { FieldProblem } from '../../../shared/api.ts';
import { formatJsonPath, lineOf, locateJsonPath } from './json-path.ts';

export function ProblemList({ json, problems, onShow }: { json: string; problems: FieldProblem[]; onShow: (p: FieldProblem) => void }) {
  return (
    <div className="notice notice-error notice-block rule-problems" role="alert">
      <p>
        The rule was not saved: {problems.length === 1 ? 'one problem' : `${problems.length} problems`}. Choose one to find it in the JSON.
      </p>
      <ul className="problem-list">
        {problems.map((p, i) => {
          const path = formatJsonPath(p.path.slice(1));
          const at = locateJsonPath(json, p.path.slice(1));
          return (
            <li key={i}>
              <button type="button" className="problem-link" onClick={() => onShow(p)}>
                <code>{path || '(the rule as a whole)'}</code>
              </button>
              : {p.message}
              {at && <span className="muted"> (line {lineOf(json, at.start)})</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
