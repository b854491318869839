import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { defineTexts, I18n } from '../core/i18n';

const TEXTS = defineTexts(
  { title: 'Pagina niet gevonden', body: 'Deze pagina bestaat niet (meer).', home: 'Ga naar de startpagina' },
  { title: 'Page not found', body: 'This page does not exist (any more).', home: 'Go to the start page' },
);

@Component({
  selector: 'gp-not-found-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>{{ t().title }}</h1>
    <p>
      {{ t().body }} <a routerLink="/">{{ t().home }}</a>.
    </p>
  `,
})
export class NotFoundPage {
  protected readonly t = inject(I18n).texts(TEXTS);
}
