import { LogsiftError } from '../../model';
import type { TailSession, TailSink } from './datasource';

/**
 * The live tails of one datasource. A tail may need an answer before it can start (field
 * types, label names): it is registered at once, so closing it or the datasource in the
 * meantime stops it before it begins, and a failure to start reaches the sink as an error.
 */
export class Tails {
  private readonly open = new Set<TailSession>();

  start(prepare: Promise<() => TailSession>, sink: TailSink): TailSession {
    let session: TailSession | undefined;
    let closed = false;
    const handle: TailSession = {
      close: () => {
        closed = true;
        this.open.delete(handle);
        session?.close();
      },
    };
    this.open.add(handle);
    prepare
      .then((begin) => {
        if (!closed) session = begin();
      })
      .catch((error: unknown) => {
        const e =
          error instanceof LogsiftError ? error : new LogsiftError('internal', 'tail failed');
        sink({ type: 'error', error: e.toBody() });
      });
    return handle;
  }

  closeAll(): void {
    for (const t of [...this.open]) t.close();
  }
}
