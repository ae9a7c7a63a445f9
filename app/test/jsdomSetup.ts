// jsdom has no layout engine and no canvas: uPlot reads matchMedia at import, observes
// size and draws on a 2D context. These stand-ins let it run; Chromium in e2e/ draws for real.
if (typeof window !== 'undefined') {
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  })) as unknown as typeof window.matchMedia;
  window.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}

if (typeof HTMLCanvasElement !== 'undefined') {
  const noop = (): void => undefined;
  const context = new Proxy(
    { measureText: () => ({ width: 0 }) },
    {
      get: (target, key) => (key in target ? target[key as keyof typeof target] : noop),
      set: () => true,
    },
  );
  HTMLCanvasElement.prototype.getContext = (() =>
    context) as unknown as HTMLCanvasElement['getContext'];
}

if (typeof window !== 'undefined' && !('Path2D' in window)) {
  class Path2DStandIn {
    moveTo(): void {}
    lineTo(): void {}
    rect(): void {}
    arc(): void {}
    closePath(): void {}
    bezierCurveTo(): void {}
    addPath(): void {}
  }
  Object.assign(window, { Path2D: Path2DStandIn });
}

// jsdom has <dialog> but not its modal methods; app/ui/Modal opens every dialog with them.
if (typeof HTMLDialogElement !== 'undefined' && !('showModal' in HTMLDialogElement.prototype)) {
  Object.assign(HTMLDialogElement.prototype, {
    showModal(this: HTMLDialogElement) {
      this.open = true;
    },
    close(this: HTMLDialogElement) {
      this.open = false;
    },
  });
}
