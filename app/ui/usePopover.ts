import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

export interface Popover<T extends HTMLElement> {
  /** Put on the menu's box: a click outside it closes the menu. */
  box: RefObject<T | null>;
  open: boolean;
  setOpen(open: boolean): void;
  /** Put on the toggle: Esc there closes the menu. */
  onKeyDown(e: KeyboardEvent): void;
}

/** A menu's open state that a click outside or Esc closes, as Grafana's and Kibana's menus do. */
export function usePopover<T extends HTMLElement>(): Popover<T> {
  const [open, setOpen] = useState(false);
  const box = useRef<T>(null);
  useEffect(() => {
    if (!open) return undefined;
    const close = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') setOpen(false);
  };
  return { box, open, setOpen, onKeyDown };
}
