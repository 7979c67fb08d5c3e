// "Points per day / week / month" above a chart over time: a segmented group whose units longer
// than the period allows are shown but disabled, saying why.
import { Tip } from '../tip/tip.tsx';
export function IntervalPicker<T extends string>({
  units,
  days,
  value,
  onChange,
}: {
  units: { value: T; maxDays: number }[];
  /** The period's length, which decides the units that can be drawn. */
  days: number;
  value: T;
  onChange: (unit: T) => void;
}) {
  return (
    <div className="segmented" role="group" aria-label="Points per">
      {units.map((u) => {
        const tooLong = days > u.maxDays;
        return (
          <button
            key={u.value}
            type="button"
            className="segment"
            aria-pressed={value === u.value}
            aria-disabled={tooLong}
            onClick={() => !tooLong && onChange(u.value)}
          >
            <Tip text={tooLong ? `At most ${u.maxDays} days by ${u.value}` : null}>By {u.value}</Tip>
          </button>
        );
      })}
    </div>
  );
}
