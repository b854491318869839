import { DOCUMENT } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ActivatedRouteSnapshot, ResolveFn } from '@angular/router';
import { from, type Observable, of, shareReplay, switchMap } from 'rxjs';

/** An answer read ahead is handed out only this long after its request was sent; later the page reads anew. */
const FRESH_MS = 10_000;

/**
 * Reads `early/resume.js` sent before the app's code arrived (the plan screen's, right after the session was
 * resumed): per address the parsed answer, or null when it failed.
 */
type EarlyWindow = Window & { gpReads?: { sentAt: number; reads: Record<string, Promise<unknown>> } };

/**
 * Reads a page needs, started by its route while the page's code is still downloading, so that the two round trips
 * overlap instead of following each other (on a phone each is a noticeable wait). The page takes each answer once
 * with `get`, which is the same request already on its way; every later read goes to the API as before.
 */
@Injectable({ providedIn: 'root' })
export class ReadAhead {
  private readonly http = inject(HttpClient);
  private readonly started = new Map<string, { answer: Observable<unknown>; sentAt: number }>();
  /** resume.js's reads, taken by the first route that reads ahead (the page the app was opened on). */
  private early = this.takeEarly();

  start(urls: readonly string[]): void {
    const sentAt = Date.now();
    const early = this.early;
    this.early = null;
    // Reads no page took (a navigation given up halfway) are dropped once too old to be handed out.
    for (const [url, ahead] of this.started) if (sentAt - ahead.sentAt >= FRESH_MS) this.started.delete(url);
    for (const url of urls) {
      const sent = early && sentAt - early.sentAt < FRESH_MS ? early.reads[url] : undefined;
      // Shared and replayed to the page; after a failure the page's own read sends the request again. A read
      // resume.js sent is used when it succeeded; otherwise it is read now.
      const answer = (
        sent
          ? from(sent).pipe(switchMap((body) => (body === null ? this.http.get(url) : of(body))))
          : this.http.get(url)
      ).pipe(shareReplay(1));
      answer.subscribe({ error: () => undefined });
      this.started.set(url, { answer, sentAt: sent && early ? early.sentAt : sentAt });
    }
  }

  private takeEarly(): EarlyWindow['gpReads'] | null {
    const view = inject(DOCUMENT).defaultView as EarlyWindow | null;
    const early = view?.gpReads ?? null;
    if (view) delete view.gpReads;
    return early;
  }

  /** The answer read ahead for this address, once, if still fresh; otherwise a new read. */
  get<T>(url: string): Observable<T> {
    const ahead = this.started.get(url);
    this.started.delete(url);
    if (ahead && Date.now() - ahead.sentAt < FRESH_MS) return ahead.answer as Observable<T>;
    return this.http.get<T>(url);
  }
}

/**
 * A route's `resolve` entry that starts the page's reads and lets the navigation go on at once (it waits for
 * nothing). Resolvers run after the guards, so the session has been resumed and the reads carry its token; `urls`
 * runs in the resolver's injection context (it may `inject`). Resolvers run again when the route's path parameters
 * change, not for its query parameters (a worklist filter is read by the page itself).
 */
export function readAhead(urls: (route: ActivatedRouteSnapshot) => readonly string[]): ResolveFn<true> {
  return (route) => {
    inject(ReadAhead).start(urls(route));
    return true;
  };
}
