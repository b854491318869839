import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, effect, inject, input, signal, untracked } from '@angular/core';
import { type CorrectionRequestResponse, PERMISSIONS } from '@gezinsplan/contracts';
import { firstValueFrom } from 'rxjs';
import { errorText } from '../../core/error-text';
import { defineTexts, I18n } from '../../core/i18n';
import { Session } from '../../core/session';
import { PrivacyApi, saveBlob } from './privacy-api';

const TEXTS = defineTexts(
  {
    title: 'Mijn gegevens',
    intro: 'U mag alles zien wat wij over u bewaren. Klopt er iets niet? Vraag dan om een correctie.',
    downloadTitle: 'Mijn gegevens downloaden',
    downloadIntro: 'Het bestand bevat alles wat u in Gezinsplan mag zien, ook wie uw dossier heeft bekeken.',
    downloadPdf: 'Download als PDF (om te lezen)',
    downloadJson: 'Download als JSON (voor een computer)',
    downloading: 'Bezig met downloaden…',
    downloaded: 'Het bestand is gedownload.',
    correctionTitle: 'Iets klopt niet',
    correctionIntro: 'Schrijf op wat er niet klopt en hoe het wel moet. De regisseur geeft u antwoord.',
    whatIsWrong: 'Wat klopt er niet?',
    shouldBe: 'Hoe moet het wel?',
    send: 'Verzoek versturen',
    sending: 'Bezig met versturen…',
    sent: 'Uw verzoek is verstuurd. U krijgt een melding als de regisseur heeft geantwoord.',
    required: 'Vul dit in.',
    requestsTitle: 'Mijn verzoeken',
    noRequests: 'U heeft nog geen verzoeken gedaan.',
    open: 'Nog geen antwoord',
    granted: 'Toegekend',
    refused: 'Afgewezen',
    asked: 'Gevraagd op',
    answer: 'Antwoord',
    wrongLabel: 'Wat niet klopt',
    shouldLabel: 'Hoe het moet',
    tooYoung: 'Vanaf 16 jaar kunt u uw eigen gegevens downloaden. Tot die tijd kunnen uw ouders dat doen.',
  },
  {
    title: 'My data',
    intro: 'You may see everything we keep about you. Is something wrong? Ask for a correction.',
    downloadTitle: 'Download my data',
    downloadIntro: 'The file holds everything you may see in Gezinsplan, including who looked at your file.',
    downloadPdf: 'Download as PDF (to read)',
    downloadJson: 'Download as JSON (for a computer)',
    downloading: 'Downloading…',
    downloaded: 'The file has been downloaded.',
    correctionTitle: 'Something is wrong',
    correctionIntro: 'Write what is wrong and what it should be. The case director will answer you.',
    whatIsWrong: 'What is wrong?',
    shouldBe: 'What should it be?',
    send: 'Send request',
    sending: 'Sending…',
    sent: 'Your request has been sent. You get a notification when the case director has answered.',
    required: 'Please fill this in.',
    requestsTitle: 'My requests',
    noRequests: 'You have not made any requests yet.',
    open: 'No answer yet',
    granted: 'Granted',
    refused: 'Refused',
    asked: 'Asked on',
    answer: 'Answer',
    wrongLabel: 'What is wrong',
    shouldLabel: 'What it should be',
    tooYoung: 'From 16 you can download your own data. Until then, your parents can do this.',
  },
);

/** "Mijn gegevens" in the portal: download everything (JSON, PDF) and ask for corrections (AVG art. 15/16). */
@Component({
  selector: 'gp-my-data',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section aria-labelledby="mijn-gegevens-titel" class="gp-card">
      <h2 id="mijn-gegevens-titel">{{ t().title }}</h2>
      <p>{{ t().intro }}</p>

      @if (mayExport) {
        <h3>{{ t().downloadTitle }}</h3>
        <p>{{ t().downloadIntro }}</p>
        <div class="actions">
          <button type="button" class="gp-button" [disabled]="busy()" (click)="download('pdf')">
            {{ t().downloadPdf }}
          </button>
          <button type="button" class="gp-button gp-button--secondary" [disabled]="busy()" (click)="download('json')">
            {{ t().downloadJson }}
          </button>
        </div>
        <p role="status" class="gp-muted">{{ downloadStatus() }}</p>
        @if (downloadError(); as message) {
          <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
        }
      }

      @if (mayCorrect) {
        <h3>{{ t().correctionTitle }}</h3>
        <p>{{ t().correctionIntro }}</p>
        <form (submit)="$event.preventDefault(); send()" novalidate>
          <div class="gp-field">
            <label for="correctie-fout">{{ t().whatIsWrong }}</label>
            <textarea
              id="correctie-fout"
              rows="3"
              maxlength="2000"
              [value]="whatIsWrong()"
              (input)="whatIsWrong.set(value($event))"
              [attr.aria-invalid]="showErrors() && !whatIsWrong().trim()"
              [attr.aria-describedby]="showErrors() && !whatIsWrong().trim() ? 'correctie-fout-fout' : null"
            ></textarea>
            @if (showErrors() && !whatIsWrong().trim()) {
              <p class="gp-field__error" id="correctie-fout-fout">{{ t().required }}</p>
            }
          </div>
          <div class="gp-field">
            <label for="correctie-goed">{{ t().shouldBe }}</label>
            <textarea
              id="correctie-goed"
              rows="2"
              maxlength="2000"
              [value]="shouldBe()"
              (input)="shouldBe.set(value($event))"
              [attr.aria-invalid]="showErrors() && !shouldBe().trim()"
              [attr.aria-describedby]="showErrors() && !shouldBe().trim() ? 'correctie-goed-fout' : null"
            ></textarea>
            @if (showErrors() && !shouldBe().trim()) {
              <p class="gp-field__error" id="correctie-goed-fout">{{ t().required }}</p>
            }
          </div>
          <button type="submit" class="gp-button" [disabled]="sending()">
            {{ sending() ? t().sending : t().send }}
          </button>
          @if (sendError(); as message) {
            <p class="gp-alert gp-alert--error" role="alert">{{ message }}</p>
          }
          @if (sent()) {
            <p class="gp-alert gp-alert--success" role="status">{{ t().sent }}</p>
          }
        </form>

        <h3>{{ t().requestsTitle }}</h3>
        @if (requests().length === 0) {
          <p class="gp-muted">{{ t().noRequests }}</p>
        } @else {
          <ul class="requests">
            @for (r of requests(); track r.id) {
              <li class="request">
                <p>
                  <span
                    class="gp-badge"
                    [class.gp-badge--success]="r.status === 'granted'"
                    [class.gp-badge--error]="r.status === 'refused'"
                  >
                    {{ statusText(r) }}
                  </span>
                  <span class="gp-muted"> {{ t().asked }} {{ i18n.date(r.createdAt) }}</span>
                </p>
                <p>
                  <strong>{{ t().wrongLabel }}:</strong> {{ r.whatIsWrong }}
                </p>
                <p>
                  <strong>{{ t().shouldLabel }}:</strong> {{ r.shouldBe }}
                </p>
                @if (r.answer) {
                  <p class="answer">
                    <strong>{{ t().answer }}:</strong> {{ r.answer }}
                  </p>
                }
              </li>
            }
          </ul>
        }
      }
    </section>
  `,
  styles: `
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--gp-space-2);
    }
    .gp-button {
      min-height: 44px;
    }
    textarea {
      width: 100%;
    }
    .requests {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .request {
      border-top: 1px solid var(--gp-color-border);
      padding: var(--gp-space-2) 0;
    }
    .request p {
      margin: 0 0 var(--gp-space-1);
    }
  `,
})
export class MyData {
  readonly familyId = input.required<string>();
  private readonly api = inject(PrivacyApi);
  private readonly session = inject(Session);
  protected readonly i18n = inject(I18n);
  protected readonly t = this.i18n.texts(TEXTS);
  protected readonly mayExport = this.session.can(PERMISSIONS.privacyExport);
  protected readonly mayCorrect = this.session.can(PERMISSIONS.correctionRequest);
  protected readonly busy = signal(false);
  protected readonly downloadStatus = signal('');
  protected readonly downloadError = signal<string | null>(null);
  protected readonly whatIsWrong = signal('');
  protected readonly shouldBe = signal('');
  protected readonly showErrors = signal(false);
  protected readonly sending = signal(false);
  protected readonly sent = signal(false);
  protected readonly sendError = signal<string | null>(null);
  protected readonly requests = signal<CorrectionRequestResponse[]>([]);

  constructor() {
    effect(() => {
      const id = this.familyId();
      if (this.mayCorrect) untracked(() => void this.loadRequests(id));
    });
  }

  protected value(event: Event): string {
    return (event.target as HTMLTextAreaElement).value;
  }

  protected statusText(r: CorrectionRequestResponse): string {
    return this.t()[r.status];
  }

  protected async download(format: 'json' | 'pdf'): Promise<void> {
    this.busy.set(true);
    this.downloadError.set(null);
    this.downloadStatus.set(this.t().downloading);
    try {
      const blob = await firstValueFrom(this.api.exportFile(this.familyId(), format));
      saveBlob(blob, `mijn-gegevens.${format}`);
      this.downloadStatus.set(this.t().downloaded);
    } catch (err) {
      this.downloadStatus.set('');
      this.downloadError.set(
        err instanceof HttpErrorResponse && err.status === 403 && this.session.user()?.role === 'youth'
          ? this.t().tooYoung
          : errorText(err, this.i18n.lang()),
      );
    } finally {
      this.busy.set(false);
    }
  }

  protected async send(): Promise<void> {
    this.sent.set(false);
    this.sendError.set(null);
    if (!this.whatIsWrong().trim() || !this.shouldBe().trim()) {
      this.showErrors.set(true);
      return;
    }
    this.sending.set(true);
    try {
      await firstValueFrom(
        this.api.fileCorrection(this.familyId(), { whatIsWrong: this.whatIsWrong(), shouldBe: this.shouldBe() }),
      );
      this.whatIsWrong.set('');
      this.shouldBe.set('');
      this.showErrors.set(false);
      this.sent.set(true);
      await this.loadRequests(this.familyId());
    } catch (err) {
      this.sendError.set(errorText(err, this.i18n.lang()));
    } finally {
      this.sending.set(false);
    }
  }

  private async loadRequests(familyId: string): Promise<void> {
    try {
      this.requests.set(await firstValueFrom(this.api.corrections(familyId)));
    } catch {
      this.requests.set([]);
    }
  }
}
