// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { routeOf } from '../router';
import { TopNav } from './TopNav';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const current = () =>
  screen
    .getAllByRole('link')
    .filter((a) => a.getAttribute('aria-current') === 'page')
    .map((a) => a.textContent);

describe('top bar', () => {
  it('marks the section of the page shown; a dashboard is under Dashboards', () => {
    const { rerender } = render(<TopNav route={routeOf('/')} />);
    expect(current()).toEqual(['Explore']);
    rerender(<TopNav route={routeOf('/dashboards/Ab3dEf5hIj7k')} />);
    expect(current()).toEqual(['Dashboards']);
    rerender(<TopNav route={routeOf('/queries')} />);
    expect(current()).toEqual(['Saved queries']);
  });

  it('moves inside the app on a plain click and leaves modified clicks to the browser', () => {
    render(<TopNav route={routeOf('/')} />);
    const link = screen.getByRole('link', { name: 'Saved queries' });
    expect(link.getAttribute('href')).toBe('http://localhost:3000/queries');
    const modified = fireEvent.click(link, { ctrlKey: true });
    expect(modified).toBe(true);
    expect(window.location.pathname).toBe('/');
    const plain = fireEvent.click(link);
    expect(plain).toBe(false);
    expect(window.location.pathname).toBe('/queries');
  });
});
