import { StateEffect, StateField } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import type { Position } from '../../model';

export const setErrorMark = StateEffect.define<Position | undefined>();

const mark = Decoration.mark({ class: 'cm-error-mark' });

/** Clamps a server position into the text; an empty range marks the character before it. */
export function markRange(
  position: Position,
  length: number,
): { from: number; to: number } | undefined {
  if (length === 0) return undefined;
  let from = Math.max(0, Math.min(position.from, length));
  let to = Math.max(from, Math.min(position.to, length));
  if (from === to) {
    from = Math.max(0, from - 1);
    to = Math.min(length, from + 1);
  }
  return { from, to };
}

/** The underline under the wrong part of the query; any edit clears it. */
export const errorMarkField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = tr.docChanged ? Decoration.none : marks.map(tr.changes);
    for (const effect of tr.effects) {
      if (!effect.is(setErrorMark)) continue;
      const range = effect.value ? markRange(effect.value, tr.state.doc.length) : undefined;
      next = range ? Decoration.set([mark.range(range.from, range.to)]) : Decoration.none;
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});
