import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'gp-not-found-page',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Pagina niet gevonden</h1>
    <p>Deze pagina bestaat niet (meer). <a routerLink="/">Ga naar de startpagina</a>.</p>
  `,
})
export class NotFoundPage {}
