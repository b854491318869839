import { effect, Injectable, inject, signal } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { type ActivatedRouteSnapshot, type RouterStateSnapshot, TitleStrategy } from '@angular/router';
import { I18n, type Lang } from './i18n';

/** A page title in both languages, set as `data: { title: pageTitle('Mijn gezinnen', 'My families') }`. */
export type PageTitle = Record<Lang, string>;
export const pageTitle = (nl: string, en: string): PageTitle => ({ nl, en });

/** Sets the document title from the deepest route's `data.title`, in the current language, and follows a switch. */
@Injectable()
export class I18nTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly i18n = inject(I18n);
  private readonly current = signal<PageTitle | null>(null);

  constructor() {
    super();
    effect(() => {
      const page = this.current();
      const app = 'Gezinsplan';
      this.title.setTitle(page ? `${page[this.i18n.lang()]} – ${app}` : app);
    });
  }

  override updateTitle(snapshot: RouterStateSnapshot): void {
    let route: ActivatedRouteSnapshot | null = snapshot.root;
    let found: PageTitle | null = null;
    while (route) {
      const title = route.data['title'] as PageTitle | undefined;
      if (title) found = title;
      route = route.firstChild;
    }
    this.current.set(found);
  }
}
