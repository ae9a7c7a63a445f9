/** Small line icons drawn in the text colour: glyphs like ⧉ are missing from many fonts. */
export function CopyIcon() {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <rect x="5" y="5" width="9" height="9" rx="1" fill="none" stroke="currentColor" />
      <path
        d="M11 3V2.5A.5.5 0 0 0 10.5 2h-8a.5.5 0 0 0-.5.5v8a.5.5 0 0 0 .5.5H3"
        fill="none"
        stroke="currentColor"
      />
    </svg>
  );
}

export function ColumnIcon() {
  return (
    <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
      <rect x="2" y="2.5" width="12" height="11" rx="1" fill="none" stroke="currentColor" />
      <rect x="6" y="2.5" width="4" height="11" fill="currentColor" opacity="0.6" />
    </svg>
  );
}
