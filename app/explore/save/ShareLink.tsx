import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { linksApi } from '../../api/saved';
import { appPath, hrefFor } from '../../router';
import { testIds } from '../../testIds';
import { usePopover } from '../../ui/usePopover';

/**
 * A short `/s/<id>` link to this page as it stands (both panes, range, variables): the long URL
 * is kept on the server, so the link survives chat clients that cut long ones.
 */
export function ShareLink() {
  const { box, open, setOpen, onKeyDown } = usePopover<HTMLDivElement>();
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const link = useMutation({
    mutationFn: () => linksApi.create(appPath() + window.location.search),
  });
  const url = link.data ? hrefFor(link.data.path) : undefined;
  const toggle = () => {
    if (!open) {
      setCopied(false);
      link.mutate();
    }
    setOpen(!open);
  };
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // Without clipboard permission (plain http), the text is selected for Ctrl+C instead.
      input.current?.select();
    }
  };
  return (
    <div className="share-link" ref={box}>
      <button
        type="button"
        className="toolbar-button"
        data-testid={testIds.shareLink}
        aria-haspopup="dialog"
        aria-expanded={open}
        title="A short link to this view"
        onClick={toggle}
        onKeyDown={onKeyDown}
      >
        Share
      </button>
      {open && (
        <div className="share-popover" role="dialog" aria-label="Share link" onKeyDown={onKeyDown}>
          {link.isPending && <span className="muted">Making a link…</span>}
          {link.error && (
            <span className="error-text" role="alert">
              {link.error.message}
            </span>
          )}
          {url && (
            <>
              <input
                ref={input}
                readOnly
                value={url}
                aria-label="Short link"
                data-testid={testIds.shareLinkUrl}
                onFocus={(e) => e.currentTarget.select()}
              />
              <button
                type="button"
                className="primary"
                data-testid={testIds.shareLinkCopy}
                onClick={() => void copy()}
              >
                {copied ? 'Copied' : 'Copy'}
              </button>
            </>
          )}
        </div>
      )}
    </div>
  );
}
