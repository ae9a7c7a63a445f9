import { useEffect, useState } from 'react';
import type { ApiErrorBody, Language, LogRecord, TailMessage } from '../../model';
import { apiUrl } from '../api/client';

const KEEP = 10_000;

export interface TailState {
  records: LogRecord[];
  dropped: number;
  error: ApiErrorBody | undefined;
  connected: boolean;
  /** The backend sent a sample, not every line (CloudWatch Live Tail past 500 lines a second). */
  sampled: boolean;
  /** How the tail runs when not the usual way (a polling fallback), from its last message. */
  warnings: string[];
}

const EMPTY: TailState = {
  records: [],
  dropped: 0,
  error: undefined,
  connected: false,
  sampled: false,
  warnings: [],
};

/** Live tail over the BFF's WebSocket; newest lines first, at most 10,000 kept. */
export function useTail(
  enabled: boolean,
  datasource: string,
  language: Language | undefined,
  query: string,
): TailState {
  const [state, setState] = useState<TailState>(EMPTY);
  useEffect(() => {
    if (!enabled || !language) return undefined;
    const url = apiUrl('/api/v1/tail').replace(/^http/, 'ws');
    const socket = new WebSocket(url);
    socket.onopen = () => {
      setState({ ...EMPTY, connected: true });
      socket.send(JSON.stringify({ datasource, language, query }));
    };
    socket.onmessage = (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as TailMessage;
      setState((s) => {
        if (message.type === 'records') {
          const fresh = [...message.records].reverse();
          return {
            ...s,
            error: undefined,
            records: [...fresh, ...s.records].slice(0, KEEP),
            sampled: message.sampled ?? s.sampled,
            warnings: message.warnings ?? s.warnings,
          };
        }
        if (message.type === 'dropped') return { ...s, dropped: s.dropped + message.count };
        return { ...s, error: message.error };
      });
    };
    socket.onclose = () => setState((s) => ({ ...s, connected: false }));
    return () => socket.close();
  }, [enabled, datasource, language, query]);
  return enabled ? state : EMPTY;
}
