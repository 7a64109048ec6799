// @vitest-environment happy-dom
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { FilingStepIndicator } from '../editor/filing-step-indicator';
import { useFocusOnNavigation } from './use-focus-on-navigation';

afterEach(cleanup);

const STEPS = ['submission-type', 'contract-details', 'contacts', 'review'] as const;

function Shell({ children }: { children: ReactNode }) {
  const main = useRef<HTMLElement>(null);
  useFocusOnNavigation(main);
  return (
    <main ref={main} tabIndex={-1} data-testid="main">
      {children}
    </main>
  );
}

/** A page that shows a loading message first, then its step, as the editor does while it loads the filing. */
function LoadingFirst({ ready }: { ready: Promise<void> }) {
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    void ready.then(() => setLoaded(true));
  }, [ready]);
  return loaded ? <FilingStepIndicator steps={STEPS} current="contract-details" /> : <p>Loading…</p>;
}

function renderAt(path: string, ready: Promise<void> = Promise.resolve()) {
  render(
    <MemoryRouter initialEntries={[path]}>
      <Shell>
        <Routes>
          <Route
            path="/contacts"
            element={
              <>
                <FilingStepIndicator steps={STEPS} current="contacts" />
                <Link to="/review">Continue</Link>
              </>
            }
          />
          <Route
            path="/review"
            element={
              <>
                <FilingStepIndicator steps={STEPS} current="review" />
                <Link to="/contacts">Back</Link>
                <Link to="/summary">Summary</Link>
                <Link to="/loading">Edit</Link>
              </>
            }
          />
          <Route path="/summary" element={<h1>MCR-MN-0001-PMAP</h1>} />
          <Route path="/loading" element={<LoadingFirst ready={ready} />} />
        </Routes>
      </Shell>
    </MemoryRouter>,
  );
}

describe('useFocusOnNavigation', () => {
  it('leaves the first page load to the browser', () => {
    renderAt('/contacts');
    expect(document.activeElement).toBe(document.body);
  });

  it("puts focus on the new step's heading after Continue and after Back", async () => {
    const user = userEvent.setup();
    renderAt('/contacts');
    await user.click(screen.getByRole('link', { name: 'Continue' }));
    const review = screen.getByRole('heading', { level: 1 });
    expect(review.textContent).toMatch(/Review and submit$/);
    expect(document.activeElement).toBe(review);

    await user.click(screen.getByRole('link', { name: 'Back' }));
    const contacts = screen.getByRole('heading', { level: 1 });
    expect(contacts.textContent).toMatch(/Contacts$/);
    expect(document.activeElement).toBe(contacts);
  });

  it('puts focus on main on a page whose heading does not take focus', async () => {
    const user = userEvent.setup();
    renderAt('/review');
    await user.click(screen.getByRole('link', { name: 'Summary' }));
    expect(document.activeElement).toBe(screen.getByTestId('main'));
  });

  it('moves on to the heading of a page that loads first, while focus is still on main', async () => {
    const user = userEvent.setup();
    let loaded: () => void = () => undefined;
    renderAt('/review', new Promise<void>((resolve) => (loaded = resolve)));
    await user.click(screen.getByRole('link', { name: 'Edit' }));
    expect(document.activeElement).toBe(screen.getByTestId('main'));
    await act(async () => loaded());
    const heading = await screen.findByRole('heading', { level: 1 });
    expect(heading.textContent).toMatch(/Contract details$/);
    expect(document.activeElement).toBe(heading);
  });

  it('leaves focus where the user put it while the page loaded', async () => {
    const user = userEvent.setup();
    let loaded: () => void = () => undefined;
    renderAt('/review', new Promise<void>((resolve) => (loaded = resolve)));
    await user.click(screen.getByRole('link', { name: 'Edit' }));
    const elsewhere = document.createElement('button');
    document.body.append(elsewhere);
    elsewhere.focus();
    await act(async () => loaded());
    await screen.findByRole('heading', { level: 1 });
    expect(document.activeElement).toBe(elsewhere);
    elsewhere.remove();
  });
});
