// The themes feature's pages: /themes (what customers talk about) and /themes/:id (a theme's texts).
import { matchPath } from '../../shared/router.tsx';
import { ThemePage } from './theme-page.tsx';
import { ThemesPage } from './themes-page.tsx';

export function ThemesRoutes({ path }: { path: string }) {
  const theme = matchPath('/themes/:id', path);
  if (theme) return <ThemePage key={theme.id} id={theme.id!} />;
  return <ThemesPage />;
}
