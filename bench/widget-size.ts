// The widget's size for the benchmark table: widget.js built fresh (minified, as served at
// /widget.js), raw and gzipped. The budget is 6 KB gzipped, styles included.
import { buildWidget, widgetBudgetBytes } from '../widget/build.ts';

export interface WidgetSize {
  /** bytes of the minified widget.js */
  raw: number;
  /** bytes gzipped at zlib's default level */
  gzip: number;
  /** the gzipped budget, 6144 bytes */
  budget: number;
}

/** Builds widget.js in memory (widget/dist is left as it is) and measures it. */
export async function measureWidgetSize(): Promise<WidgetSize> {
  const { raw, gzip } = await buildWidget({ write: false });
  return { raw, gzip, budget: widgetBudgetBytes };
}
