// @vitest-environment happy-dom
// Every Copy button says when copying failed and selects the text for the user.
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CopyButton } from '../../renderer/src/components/CopyButton.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const clipboard = (writeText: (text: string) => Promise<void>) => vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });

describe('CopyButton', () => {
  it('copies and says so', async () => {
    const written: string[] = [];
    clipboard(async (t) => void written.push(t));
    render(<CopyButton text="http://192.168.1.20:4781/#w=abc" label="Copy the join link" />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy the join link' }));
    await screen.findByRole('button', { name: 'Copied' });
    expect(written).toEqual(['http://192.168.1.20:4781/#w=abc']);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('when the system refuses, says copying failed and selects the whole text', async () => {
    clipboard(async () => {
      throw new DOMException('Write permission denied.', 'NotAllowedError');
    });
    const text = '# 7. Use Django\n\nDate: 2026-12-01\n';
    render(<CopyButton text={text} label="Copy markdown" />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy markdown' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Copying failed.*press Ctrl\+C/);
    const area = screen.getByLabelText('Text to copy') as HTMLTextAreaElement;
    expect(area.value).toBe(text);
    await vi.waitFor(() => expect([area.selectionStart, area.selectionEnd]).toEqual([0, text.length]));
    expect(screen.getByRole('button', { name: 'Copy markdown' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('without a clipboard API at all (an insecure page), offers the text the same way', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: undefined });
    render(<CopyButton text="abc" label="Copy" />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect((await screen.findByLabelText('Text to copy') as HTMLTextAreaElement).value).toBe('abc');
  });

  it('copies text fetched on click, and nothing when the fetch gives none', async () => {
    const written: string[] = [];
    clipboard(async (t) => void written.push(t));
    render(<CopyButton text={async () => 'http://x/#i=1'} label="Personal link" ariaLabel="Copy Ana’s personal link" />);
    render(<CopyButton text={async () => null} label="Refused link" />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy Ana’s personal link' }));
    await screen.findByText('Copied');
    fireEvent.click(screen.getByRole('button', { name: 'Refused link' }));
    await new Promise((r) => setTimeout(r, 10));
    expect(screen.getByRole('button', { name: 'Refused link' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(written).toEqual(['http://x/#i=1']);
  });
});
