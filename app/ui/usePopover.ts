import { useEffect, useRef, useState, type RefObject } from 'react';

/**
 * A menu's open state that a click anywhere outside its box closes, as Grafana's and Kibana's
 * menus do; the box is the element the returned ref is put on.
 */
export function usePopover<T extends HTMLElement>(): [
  RefObject<T | null>,
  boolean,
  (open: boolean) => void,
] {
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
  return [box, open, setOpen];
}
