import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/**
 * The width of an element, rounded down to `quantum` pixels so that a small resize does
 * not refetch what depends on it (the histogram's step).
 */
export function useElementWidth<T extends HTMLElement>(
  quantum = 100,
  fallback = 1200,
): [RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const measure = () => {
      const w = element.getBoundingClientRect().width;
      if (w > 0) setWidth(Math.max(quantum, Math.floor(w / quantum) * quantum));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [quantum]);
  return [ref, width];
}
