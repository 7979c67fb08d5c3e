// Keyboard moves through a list of links, as in a mail client: j / k (and the arrows, once
// inside the list) move the selection and focus its link, Enter opens the selected item when
// nothing else has focus, / goes to the page's filters. Typing in a field or an open dialog
// leaves every key alone.
import { useEffect, useRef, useState, type RefObject } from 'react';

function typingOrModal(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (document.querySelector('dialog[open]')) return true;
  return !!t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}

export function useListKeys({
  list,
  filters,
  linkSelector,
  count,
  resetKey,
  onOpen,
}: {
  list: RefObject<HTMLElement | null>;
  filters: RefObject<HTMLElement | null>;
  /** the one link of each item, in order */
  linkSelector: string;
  count: number;
  /** a new list (other filters) starts with nothing selected */
  resetKey: string;
  onOpen: (index: number) => void;
}) {
  const [selected, setSelected] = useState(-1);
  const live = useRef({ count, selected, onOpen });
  useEffect(() => {
    live.current = { count, selected, onOpen };
  });
  useEffect(() => setSelected(-1), [resetKey]);

  useEffect(() => {
    const links = () => [...(list.current?.querySelectorAll<HTMLElement>(linkSelector) ?? [])];
    const select = (i: number) => {
      const link = links()[i];
      if (!link) return;
      setSelected(i);
      link.focus({ preventScroll: true });
      link.closest('li')?.scrollIntoView({ block: 'nearest' });
    };
    function onKey(e: KeyboardEvent) {
      if (e.defaultPrevented || e.metaKey || e.ctrlKey || e.altKey || typingOrModal(e)) return;
      const { count, selected, onOpen } = live.current;
      const active = document.activeElement;
      const inList = !!active && !!list.current?.contains(active);
      const current = inList ? links().indexOf(active as HTMLElement) : selected;
      if (e.key === '/') {
        e.preventDefault();
        filters.current?.querySelector<HTMLElement>('button, input, select')?.focus();
      } else if (e.key === 'j' || (inList && e.key === 'ArrowDown')) {
        e.preventDefault();
        select(Math.min(count - 1, current + 1));
      } else if (e.key === 'k' || (inList && e.key === 'ArrowUp')) {
        e.preventDefault();
        select(Math.max(0, current - 1));
      } else if (e.key === 'Enter' && (active === document.body || active?.id === 'main') && current >= 0 && current < count) {
        // Enter on a focused control does that control's job; on nothing in particular it opens the selected item.
        e.preventDefault();
        onOpen(current);
      }
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [list, filters, linkSelector]);

  return { selected, setSelected };
}
