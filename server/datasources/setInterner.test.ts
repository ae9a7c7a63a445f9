import { describe, expect, it } from 'vitest';
import { SetInterner } from './setInterner';

describe('SetInterner', () => {
  it('hands back the first object of each distinct set, one pair or several', () => {
    const interner = new SetInterner();
    const info = interner.intern({ detected_level: 'info' });
    expect(interner.intern({ detected_level: 'info' })).toBe(info);
    expect(interner.intern({ detected_level: 'error' })).not.toBe(info);
    expect(interner.intern({ level: 'info' })).not.toBe(info);
    const pod = interner.intern({ namespace: 'shop', pod: 'cart-1' });
    expect(interner.intern({ namespace: 'shop', pod: 'cart-1' })).toBe(pod);
    expect(interner.intern({ namespace: 'shop', pod: 'cart-2' })).not.toBe(pod);
    expect(interner.intern({ namespace: 'shop' })).not.toBe(pod);
    const empty = interner.intern({});
    expect(interner.intern({})).toBe(empty);
  });

  it('stops remembering past its bound but still answers each set', () => {
    const interner = new SetInterner();
    for (let i = 0; i < 10_500; i++) interner.intern({ trace_id: String(i) });
    const late = { trace_id: '10400' };
    expect(interner.intern(late)).toBe(late);
    expect(interner.intern({ trace_id: '5' })).toEqual({ trace_id: '5' });
  });
});
