import { afterNextRender, DestroyRef, effect, inject, Injector, type Signal, signal, untracked } from '@angular/core';

/**
 * How many parts of a long screen to draw yet: none in the first render, then one more part in a task of its own
 * after each render, and from the last part on everything (`Infinity`) for good, so that what is added later shows
 * at once.
 *
 * For screens whose first render would be one long task on a phone (the plan: the family's own words on top, then
 * every goal card with its agreements, progress and comments, then the versions): the part a phone shows first is
 * drawn, painted and usable before the rest, and the rest follows part by part while the page stays responsive
 * (each part is a short task; taps and keys are handled in between). Everything is on the page within a few frames,
 * so the page is complete for search (Ctrl+F), screen readers and keyboards long before anyone reaches it. Draw parts
 * only below what is drawn, and keep the room they will take while drawing (the plan keeps a screen's height), so
 * that nothing on screen moves.
 *
 * `parts` is read once, when the screen is ready; `ready` says when the screen has what it needs for its first
 * render (its data). Call in an injection context (a component's field or constructor).
 */
export function renderInTurns(parts: () => number, ready: () => boolean = () => true): Signal<number> {
  const shown = signal(0);
  const injector = inject(Injector);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let total = 0;
  let destroyed = false;
  inject(DestroyRef).onDestroy(() => {
    destroyed = true;
    clearTimeout(timer);
  });
  // After a render, the next part in a new task: the browser paints and handles input in between.
  const next = (): void => {
    afterNextRender(
      () => {
        if (destroyed) return;
        timer = setTimeout(() => {
          const count = shown() + 1;
          shown.set(count >= total ? Infinity : count);
          if (count < total) next();
        });
      },
      { injector },
    );
  };
  let started = false;
  const start = effect(() => {
    if (started || !ready()) return;
    started = true;
    start.destroy();
    untracked(() => {
      total = parts();
      if (total <= 0) shown.set(Infinity);
      else next();
    });
  });
  return shown.asReadonly();
}
