import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { PERMISSIONS, type SectionResponse } from '@gezinsplan/contracts';
import { defineTexts, fill, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { LabelsService } from '../../shared/labels';
import { PlanStore } from './plan-store';

const TEXTS = defineTexts(
  {
    heading: 'In de woorden van het gezin',
    empty: 'Nog niets ingevuld.',
    edit: 'Bewerken',
    editLabel: 'Bewerken: {name}',
    save: 'Opslaan',
    cancel: 'Annuleren',
    notSent: 'nog niet verstuurd',
    restricted: 'alleen voor genoemde organisaties',
  },
  {
    heading: "In the family's own words",
    empty: 'Nothing filled in yet.',
    edit: 'Edit',
    editLabel: 'Edit: {name}',
    save: 'Save',
    cancel: 'Cancel',
    notSent: 'not sent yet',
    restricted: 'only for named organisations',
  },
);

/** One section: read, or edit inline (the draft is this component's own, so a reload never overwrites it). */
@Component({
  selector: 'gp-section-item',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <article class="section" [class.flash]="store.highlighted() === section().id" [attr.data-item-id]="section().id">
      <h3 [id]="'sectie-' + section().kind">{{ title() }}</h3>
      @if (editing()) {
        <form (submit)="$event.preventDefault(); save()">
          <div class="gp-field">
            <label [for]="'tekst-' + section().kind">{{ title() }}</label>
            <textarea
              #area
              [id]="'tekst-' + section().kind"
              rows="5"
              [value]="draft()"
              (input)="draft.set($any($event.target).value)"
            ></textarea>
          </div>
          <div class="actions">
            <button type="submit" class="gp-button gp-button--small" [disabled]="busy()">{{ t().save }}</button>
            <button type="button" class="gp-button gp-button--secondary gp-button--small" (click)="stop()">
              {{ t().cancel }}
            </button>
          </div>
        </form>
      } @else {
        <p class="content">{{ shown() || t().empty }}</p>
        <div class="actions">
          @if (store.isPending(section().id)) {
            <span class="gp-badge gp-badge--warning">{{ t().notSent }}</span>
          }
          @if (section().restrictedTo.length > 0) {
            <span class="gp-badge">{{ t().restricted }}</span>
          }
          @if (mayEdit) {
            <button
              #editButton
              type="button"
              class="gp-button gp-button--secondary gp-button--small"
              [attr.aria-label]="editLabel()"
              (click)="start()"
            >
              {{ t().edit }}
            </button>
          }
        </div>
      }
    </article>
  `,
  styles: `
    .section {
      padding: var(--gp-space-3);
      border-left: 4px solid var(--gp-color-primary);
      background: var(--gp-color-bg-subtle);
      border-radius: var(--gp-radius);
      transition: background-color 0.3s;
    }
    h3 {
      margin: 0 0 var(--gp-space-2);
      font-size: 1.125rem;
    }
    .content {
      white-space: pre-wrap;
      margin: 0 0 var(--gp-space-2);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
      align-items: center;
    }
    .flash {
      background: var(--gp-color-warning-bg);
    }
  `,
})
export class SectionItem {
  readonly section = input.required<SectionResponse>();
  protected readonly store = inject(PlanStore);
  private readonly labels = inject(LabelsService);
  private readonly injector = inject(Injector);
  protected readonly t = inject(I18n).texts(TEXTS);
  protected readonly mayEdit = inject(Session).can(PERMISSIONS.planEdit);
  protected readonly editing = signal(false);
  protected readonly busy = signal(false);
  protected readonly draft = signal('');
  private baseVersion = 0;
  private readonly area = viewChild<ElementRef<HTMLTextAreaElement>>('area');
  private readonly editButton = viewChild<ElementRef<HTMLButtonElement>>('editButton');

  protected readonly title = computed(() => this.labels.sectionKind(this.section().kind));
  protected readonly editLabel = computed(() => fill(this.t().editLabel, { name: this.title() }));
  protected readonly shown = computed(
    () => this.store.pendingValue(this.section().id, 'content') ?? this.section().content,
  );

  protected start(): void {
    this.draft.set(this.shown());
    this.baseVersion = this.section().version;
    this.editing.set(true);
    afterNextRender(() => this.area()?.nativeElement.focus(), { injector: this.injector });
  }

  protected stop(): void {
    this.editing.set(false);
    afterNextRender(() => this.editButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected async save(): Promise<void> {
    const section = this.section();
    this.busy.set(true);
    const outcome = await this.store.run({
      key: `section:${section.id}:content`,
      method: 'PATCH',
      url: `/api/plan-sections/${section.id}`,
      body: { content: this.draft() },
      baseVersion: this.baseVersion,
      itemId: section.id,
      textField: 'content',
      label: this.title(),
    });
    this.busy.set(false);
    if (outcome === 'saved' || outcome === 'queued' || outcome === 'discarded') this.stop();
    // A dismissed conflict keeps the editor open with the user's text; the next save shows the choice again.
  }
}

@Component({
  selector: 'gp-plan-sections',
  imports: [SectionItem],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="sections" aria-labelledby="woorden">
      <h2 id="woorden">{{ t().heading }}</h2>
      <div class="grid">
        @for (section of store.plan()?.sections ?? []; track section.id) {
          <gp-section-item [section]="section" />
        }
      </div>
    </section>
  `,
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
      gap: var(--gp-space-3);
    }
    .sections {
      margin-bottom: var(--gp-space-5);
    }
  `,
})
export class PlanSections {
  protected readonly store = inject(PlanStore);
  protected readonly t = inject(I18n).texts(TEXTS);
}
