// Any path the app does not know.
import { EmptyState } from './states.tsx';
import { useDocumentTitle } from './hooks.ts';
import { Link } from './router.tsx';

export function NotFoundPage() {
  useDocumentTitle('Not found');
  return (
    <div className="page">
      <EmptyState
        pageTitle
        title="There is no page here"
        action={
          <Link to="/customers" className="button">
            Go to customers
          </Link>
        }
      >
        <p>The link may be old, or mistyped.</p>
      </EmptyState>
    </div>
  );
}
