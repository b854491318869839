import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  effect,
  ElementRef,
  inject,
  Injector,
  signal,
  viewChild,
} from '@angular/core';
import { defineTexts, I18n } from '../../core/i18n';
import { PlanStore } from './plan-store';

const TEXTS = defineTexts(
  {
    title: 'Iemand anders heeft dit net aangepast',
    intro: 'Uw wijziging aan "{label}" is nog niet bewaard. Kies wat er moet gebeuren; er gaat niets verloren.',
    mine: 'Uw versie',
    theirs: 'De nieuwste versie',
    keepMine: 'Mijn versie bewaren',
    takeTheirs: 'Hun versie nemen',
    merge: 'Samenvoegen',
    mergeLabel: 'Samengevoegde tekst',
    mergeHint: 'Beide teksten staan hieronder. Pas de tekst aan en bewaar hem.',
    saveMerged: 'Samengevoegde tekst opslaan',
    close: 'Later beslissen',
    empty: '(leeg)',
  },
  {
    title: 'Someone else has just changed this',
    intro: 'Your change to "{label}" has not been saved yet. Choose what should happen; nothing is lost.',
    mine: 'Your version',
    theirs: 'The latest version',
    keepMine: 'Keep my version',
    takeTheirs: 'Take their version',
    merge: 'Merge',
    mergeLabel: 'Merged text',
    mergeHint: 'Both texts are below. Edit the text and save it.',
    saveMerged: 'Save merged text',
    close: 'Decide later',
    empty: '(empty)',
  },
);

/**
 * A save that hit a newer version: both versions side by side (and in reading order for screen readers), and
 * the three ways out. A native <dialog> opened as modal: focus moves in, stays in, and returns on close.
 */
@Component({
  selector: 'gp-conflict-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <dialog #dialog class="dialog" aria-labelledby="conflict-title" (cancel)="onCancel($event)">
      @if (store.conflict(); as conflict) {
        <h2 id="conflict-title" tabindex="-1" #heading>{{ t().title }}</h2>
        <p>{{ intro() }}</p>
        <div class="columns">
          <section class="column" aria-labelledby="conflict-mine">
            <h3 id="conflict-mine">{{ t().mine }}</h3>
            <p class="text">{{ conflict.mine || t().empty }}</p>
          </section>
          <section class="column column--theirs" aria-labelledby="conflict-theirs">
            <h3 id="conflict-theirs">{{ t().theirs }}</h3>
            <p class="text">{{ conflict.theirs || t().empty }}</p>
          </section>
        </div>
        @if (merging()) {
          <form (submit)="$event.preventDefault(); saveMerged()">
            <div class="gp-field">
              <label for="conflict-merge">{{ t().mergeLabel }}</label>
              <p id="conflict-merge-hint" class="gp-field__hint">{{ t().mergeHint }}</p>
              <textarea
                #mergeArea
                id="conflict-merge"
                rows="8"
                aria-describedby="conflict-merge-hint"
                [value]="merged()"
                (input)="merged.set($any($event.target).value)"
              ></textarea>
            </div>
            <button type="submit" class="gp-button">{{ t().saveMerged }}</button>
          </form>
        }
        <div class="actions">
          <button type="button" class="gp-button" (click)="store.resolve('mine')">{{ t().keepMine }}</button>
          <button type="button" class="gp-button gp-button--secondary" (click)="store.resolve('theirs')">
            {{ t().takeTheirs }}
          </button>
          @if (conflict.mergeable && !merging()) {
            <button type="button" class="gp-button gp-button--secondary" (click)="startMerge()">{{ t().merge }}</button>
          }
          <button type="button" class="gp-link-button" (click)="store.resolve('dismiss')">{{ t().close }}</button>
        </div>
      }
    </dialog>
  `,
  styles: `
    .dialog {
      width: min(56rem, calc(100vw - 2rem));
      max-height: calc(100vh - 2rem);
      border: 2px solid var(--gp-color-primary);
      border-radius: var(--gp-radius);
      padding: var(--gp-space-4);
      color: var(--gp-color-text);
    }
    .dialog::backdrop {
      background: rgb(0 0 0 / 0.5);
    }
    h2 {
      margin-top: 0;
    }
    .columns {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
      gap: var(--gp-space-3);
      margin-bottom: var(--gp-space-3);
    }
    .column {
      border: 1px solid var(--gp-color-border);
      border-radius: var(--gp-radius);
      padding: var(--gp-space-3);
      background: var(--gp-color-bg-subtle);
    }
    .column--theirs {
      background: var(--gp-color-info-bg);
    }
    .column h3 {
      margin: 0 0 var(--gp-space-2);
      font-size: 1rem;
    }
    .text {
      white-space: pre-wrap;
      margin: 0;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
      align-items: center;
      margin-top: var(--gp-space-3);
    }
  `,
})
export class ConflictDialog {
  protected readonly store = inject(PlanStore);
  private readonly i18n = inject(I18n);
  private readonly injector = inject(Injector);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly merging = signal(false);
  protected readonly merged = signal('');
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly heading = viewChild<ElementRef<HTMLElement>>('heading');
  private readonly mergeArea = viewChild<ElementRef<HTMLTextAreaElement>>('mergeArea');
  private returnFocus: HTMLElement | null = null;

  constructor() {
    effect(() => {
      const conflict = this.store.conflict();
      const dialog = this.dialog().nativeElement;
      if (conflict && !dialog.open) {
        this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        this.merging.set(false);
        dialog.showModal();
        afterNextRender(() => this.heading()?.nativeElement.focus(), { injector: this.injector });
      } else if (!conflict && dialog.open) {
        dialog.close();
        const target = this.returnFocus;
        this.returnFocus = null;
        if (target?.isConnected) target.focus();
      }
    });
  }

  protected intro(): string {
    return this.t().intro.replace('{label}', this.store.conflict()?.edit.label ?? '');
  }

  protected startMerge(): void {
    const conflict = this.store.conflict();
    if (!conflict) return;
    this.merged.set(`${conflict.mine}\n\n${conflict.theirs}`);
    this.merging.set(true);
    afterNextRender(() => this.mergeArea()?.nativeElement.focus(), { injector: this.injector });
  }

  protected saveMerged(): void {
    void this.store.resolve('merge', this.merged());
  }

  /** Escape closes the dialog but keeps the user's text in the editor. */
  protected onCancel(event: Event): void {
    event.preventDefault();
    void this.store.resolve('dismiss');
  }
}
