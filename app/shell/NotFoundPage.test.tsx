// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { NotFoundPage } from './NotFoundPage';

describe('NotFoundPage', () => {
  afterEach(cleanup);

  it('says a short link leads nowhere, with a way back to Explore', () => {
    render(<NotFoundPage path="/s/AAAAAAAAAAAAAAAAAAAAAA" />);
    expect(screen.getByRole('heading').textContent).toBe('This short link leads nowhere');
    expect(screen.getByRole('link', { name: 'Open Explore' })).toBeTruthy();
  });

  it('names any other path as text', () => {
    render(<NotFoundPage path="/<img src=x onerror=alert(1)>" />);
    expect(screen.getByText('Logsift has no page at /<img src=x onerror=alert(1)>.')).toBeTruthy();
    expect(document.querySelector('img')).toBeNull();
  });
});
