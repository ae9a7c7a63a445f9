import { useCallback, useEffect, useRef, useState } from 'react';
import type { Language, TailMessage } from '../../../model';
import { apiUrl } from '../../api/client';
import { TailController, type TailView } from './tailController';

/** Lines reach React at most this often: a tail of thousands a second renders ten times. */
const FLUSH_MS = 100;
/** The rate shown decays even when nothing arrives. */
const IDLE_REFRESH_MS = 1_000;

export interface TailState extends TailView {
  connected: boolean;
  pause(): void;
  resume(): void;
  clear(): void;
}

const EMPTY_VIEW: TailView = new TailController(0).view(0);

/** Live tail over the BFF's WebSocket; oldest lines first, the newest 10,000 kept. */
export function useTail(
  enabled: boolean,
  datasource: string,
  language: Language | undefined,
  query: string,
): TailState {
  const [view, setView] = useState<TailView>(EMPTY_VIEW);
  const [connected, setConnected] = useState(false);
  const controller = useRef<TailController | null>(null);
  const flushNow = useRef<() => void>(() => undefined);

  useEffect(() => {
    if (!enabled || !language) return undefined;
    const tail = new TailController(performance.now());
    controller.current = tail;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastFlush = 0;
    const flush = () => {
      timer = undefined;
      lastFlush = performance.now();
      setView(tail.view(lastFlush));
    };
    const scheduleFlush = () => {
      if (timer === undefined) {
        timer = setTimeout(flush, Math.max(0, lastFlush + FLUSH_MS - performance.now()));
      }
    };
    flushNow.current = flush;
    const idle = setInterval(scheduleFlush, IDLE_REFRESH_MS);

    const socket = new WebSocket(apiUrl('/api/v1/tail').replace(/^http/, 'ws'));
    socket.onopen = () => {
      setConnected(true);
      flush();
      socket.send(JSON.stringify({ datasource, language, query }));
    };
    socket.onmessage = (event: MessageEvent<string>) => {
      tail.receive(JSON.parse(event.data) as TailMessage, performance.now());
      scheduleFlush();
    };
    socket.onclose = () => setConnected(false);
    return () => {
      socket.close();
      clearInterval(idle);
      clearTimeout(timer);
      controller.current = null;
      flushNow.current = () => undefined;
      setConnected(false);
      setView(EMPTY_VIEW);
    };
  }, [enabled, datasource, language, query]);

  const act = useCallback((change: (tail: TailController) => void) => {
    const tail = controller.current;
    if (!tail) return;
    change(tail);
    flushNow.current();
  }, []);
  const pause = useCallback(() => act((t) => t.pause()), [act]);
  const resume = useCallback(() => act((t) => t.resume()), [act]);
  const clear = useCallback(() => act((t) => t.clear(performance.now())), [act]);

  return {
    ...(enabled ? view : EMPTY_VIEW),
    connected: enabled && connected,
    pause,
    resume,
    clear,
  };
}
