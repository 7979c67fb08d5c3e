// The mark of an answer whose customer a person chose (a hand-picked invitation), with why it
// matters as its tip: the timeline, the survey's invitations and the dashboard's answers show it.
import { Tip } from './tip/tip.tsx';

export function HandPickedPill() {
  return (
    <Tip text="Chosen by a person: left out of headline scores unless included">
      <span className="pill pill-warn">Hand-picked</span>
    </Tip>
  );
}
