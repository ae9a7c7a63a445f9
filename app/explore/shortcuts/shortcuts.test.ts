// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { shortcutFor } from './shortcuts';

const key = (key: string, target: EventTarget | null = document.body, mods = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  target,
  ...mods,
});

describe('shortcutFor', () => {
  it('reads plain keys only outside fields the user types in', () => {
    expect(shortcutFor(key('/'))).toBe('focus-editor');
    expect(shortcutFor(key('?'))).toBe('help');
    const input = document.createElement('input');
    expect(shortcutFor(key('/', input))).toBeUndefined();
    expect(shortcutFor(key('?', input))).toBeUndefined();
    const editor = document.createElement('div');
    editor.setAttribute('contenteditable', 'true');
    document.body.append(editor);
    expect(shortcutFor(key('/', editor))).toBeUndefined();
    expect(shortcutFor(key('/', document.body, { ctrlKey: true }))).toBeUndefined();
    expect(shortcutFor(key('x'))).toBeUndefined();
  });

  it('runs with Ctrl or Cmd + Enter and escapes from anywhere', () => {
    const input = document.createElement('input');
    expect(shortcutFor(key('Enter', input, { ctrlKey: true }))).toBe('run');
    expect(shortcutFor(key('Enter', document.body, { metaKey: true }))).toBe('run');
    expect(shortcutFor(key('Enter'))).toBeUndefined();
    expect(shortcutFor(key('Escape', input))).toBe('escape');
  });
});
