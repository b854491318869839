import type { AccessLogEntry, GoalResponse, PrivacyExport } from '@gezinsplan/contracts';
import PDFDocument from 'pdfkit';
import { PDF_LABELS } from '../plans/plan-pdf.labels';

const MARGIN = 56;
const COLOR = { text: '#1a1a1a', muted: '#555555', accent: '#154273', rule: '#b3b3b3', warn: '#a4000d' };
const NL = PDF_LABELS.nl;

const RESOURCE_NL: Record<string, string> = {
  family: 'de gezinsgegevens',
  plan: 'het plan',
  'plan-version': 'een versie van het plan',
  'plan-section': 'een deel van het plan',
  goal: 'een doel',
  agreement: 'een afspraak',
  progress: 'de voortgang',
  comment: 'een reactie',
  zrm: 'de zelfredzaamheid (ZRM)',
  involvement: 'de betrokken organisaties',
  consent: 'de toestemming',
  allocation: 'de toegewezen hulp',
  evaluation: 'een evaluatie',
  complaint: 'een klacht',
  'access-log': 'het toegangslog',
  'privacy-export': 'de download van alle gegevens',
  'correction-request': 'een verzoek om correctie',
  'emergency-access': 'noodtoegang',
  regie: 'de regie',
  live: 'het plan (live)',
};
const ACTION_NL: Record<string, string> = {
  read: 'bekeken',
  list: 'in een lijst gezien',
  create: 'toegevoegd',
  update: 'gewijzigd',
  delete: 'verwijderd',
  login: 'ingelogd',
  logout: 'uitgelogd',
};
const BASIS_NL: Record<string, string> = {
  municipality: 'taak van de gemeente',
  'involvement-consent': 'betrokken met uw toestemming',
  regisseur: 'regisseur van het gezin',
  'own-family': 'eigen gezin',
  emergency: 'NOODTOEGANG',
  none: 'geen',
};

const dateTime = (iso: string) =>
  new Intl.DateTimeFormat('nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso));
const date = (iso: string) =>
  new Intl.DateTimeFormat('nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  }).format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso));

/** "Horizon Jeugdhulp, J. Bakker (zorgaanbieder), heeft het plan bekeken, 3 maart 2026 14:02": one line of the log. */
export function accessSentence(e: AccessLogEntry): string {
  const who = [e.actor.organisation, e.actor.displayName ?? 'Onbekend'].filter(Boolean).join(', ');
  const role = e.actor.role ? ` (${NL.role[e.actor.role] ?? e.actor.role})` : '';
  const what = RESOURCE_NL[e.resource] ?? e.resource;
  const action = ACTION_NL[e.action] ?? e.action;
  const refused = e.result === 'denied' ? ' (geweigerd)' : e.result === 'conflict' ? ' (niet opgeslagen)' : '';
  return `${who}${role} heeft ${what} ${action}${refused}, ${dateTime(e.occurredAt)}`;
}

/** Everything in the export as a readable Dutch A4 PDF (standard Helvetica, WinAnsi). */
export function renderPrivacyPdf(data: PrivacyExport, options: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    compress: options.compress ?? true,
    lang: 'nl',
    info: {
      Title: `Mijn gegevens – ${data.family.displayName}`,
      Subject: 'Inzage in persoonsgegevens (AVG artikel 15)',
      Creator: 'Gezinsplan',
      CreationDate: new Date(data.exportedAt),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - MARGIN * 2;
  const text = (s: string, opts: { muted?: boolean; bold?: boolean; size?: number; warn?: boolean } = {}) => {
    ensureSpace(doc, 30);
    doc
      .fillColor(opts.warn ? COLOR.warn : opts.muted ? COLOR.muted : COLOR.text)
      .font(opts.bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(opts.size ?? 10)
      .text(s, MARGIN, undefined, { width });
  };
  const none = (items: unknown[], s: string) => {
    if (items.length === 0) text(s, { muted: true });
  };

  doc.fillColor(COLOR.accent).font('Helvetica-Bold').fontSize(20).text(`Mijn gegevens – ${data.family.displayName}`);
  doc.moveDown(0.3);
  text(
    `Gemaakt op ${dateTime(data.exportedAt)} voor ${data.subject.name} (${NL.role[data.subject.role] ?? data.subject.role}).`,
  );
  text(
    'Hierin staat alles wat Gezinsplan over u bewaart en wat u mag zien. Klopt er iets niet? Vraag dan om een correctie bij Mijn gegevens.',
    { muted: true },
  );

  heading(doc, 'Gezin');
  for (const m of data.family.members) {
    text(`${m.name} – ${memberRole(m.role)}, geboren ${date(m.birthDate)}${m.hasCustody ? ', heeft gezag' : ''}`);
  }
  if (data.family.network.length > 0) {
    text('Netwerk', { bold: true });
    for (const n of data.family.network) text(`${n.name} – ${n.relation}${n.contact ? ` (${n.contact})` : ''}`);
  }

  heading(doc, 'Betrokken organisaties en toestemming');
  none(data.involvements, 'Geen.');
  for (const i of data.involvements) {
    const consent =
      i.consent.status === 'given'
        ? 'toestemming gegeven'
        : i.consent.status === 'withdrawn'
          ? 'toestemming ingetrokken'
          : 'toestemming nog niet gegeven';
    text(`${i.organisation.name}: sinds ${date(i.since)}${i.until ? ` tot ${date(i.until)}` : ''}, ${consent}`);
  }

  heading(doc, 'Plan');
  if (!data.plan) text('Er is nog geen plan.', { muted: true });
  else {
    text(
      `Status: ${NL.planStatus[data.plan.status]}. Evaluatiedatum: ${data.plan.evaluationDate ? date(data.plan.evaluationDate) : 'geen'}.`,
    );
    for (const s of data.plan.sections) {
      text(NL.section[s.kind] ?? s.kind, { bold: true });
      text(s.content.trim() || '(leeg)', { muted: !s.content.trim() });
    }
    text('Doelen', { bold: true, size: 12 });
    none(data.plan.goals, 'Geen doelen.');
    for (const g of data.plan.goals) goal(g, text);
  }
  if (data.planVersions.length > 0) {
    text('Vastgestelde versies', { bold: true, size: 12 });
    for (const v of data.planVersions) {
      text(
        `Versie ${v.number}: vastgesteld op ${date(v.approvedAt)} door ${v.approvedBy.displayName}, ${v.plan.goals.length} doelen`,
      );
    }
  }

  heading(doc, 'Zelfredzaamheid (ZRM)');
  none(data.zrm, 'Geen metingen.');
  for (const z of data.zrm) {
    text(`${z.name}: ${z.assessments.length} meting(en)`);
    for (const a of z.assessments) {
      const scores = Object.entries(a.scores)
        .map(([k, v]) => `${k} ${String(v)}`)
        .join(', ');
      text(`${date(a.assessedOn)}: ${scores}`, { muted: true });
    }
  }

  heading(doc, 'Hulp, evaluaties en klachten');
  none([...data.allocations, ...data.evaluations, ...data.complaints], 'Geen.');
  for (const a of data.allocations) {
    text(`Hulp van ${a.provider.name} voor ${a.youth.name}: aangevraagd ${date(a.requestDate)}, status ${a.status}`);
  }
  for (const e of data.evaluations) text(`Evaluatie van versie ${e.planVersionNumber} op ${date(e.evaluatedOn)}`);
  for (const c of data.complaints) text(`Klacht ontvangen op ${date(c.receivedOn)}: ${c.subject}`);

  heading(doc, 'Verzoeken om correctie');
  none(data.correctionRequests, 'Geen verzoeken.');
  for (const c of data.correctionRequests) {
    const status = c.status === 'open' ? 'nog niet beantwoord' : c.status === 'granted' ? 'toegekend' : 'afgewezen';
    text(`${date(c.createdAt)} – ${status}`, { bold: true });
    text(`Wat niet klopt: ${c.whatIsWrong}`);
    text(`Wat het moet zijn: ${c.shouldBe}`);
    if (c.answer) text(`Antwoord van ${c.answeredBy ?? 'de regisseur'}: ${c.answer}`);
  }

  heading(doc, 'Noodtoegang');
  none(data.emergencyAccess, 'Er is geen noodtoegang gebruikt.');
  for (const g of data.emergencyAccess) {
    text(
      `${[g.organisation, g.userName].filter(Boolean).join(', ')} kreeg op ${dateTime(g.grantedAt)} noodtoegang tot ${dateTime(g.expiresAt)}. Reden: ${g.reason}`,
      { warn: true },
    );
  }

  heading(doc, 'Meldingen');
  none(data.notifications, 'Geen meldingen.');
  for (const n of data.notifications) text(`${dateTime(n.createdAt)}: ${n.message}`);

  heading(doc, 'Wie heeft het dossier bekeken of gewijzigd');
  none(data.accessLog, 'Nog niemand.');
  for (const e of data.accessLog) {
    const basis = e.basis ? ` Grond: ${BASIS_NL[e.basis] ?? e.basis}.` : '';
    text(`${accessSentence(e)}.${basis}`, { warn: e.emergency, size: 9 });
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(8).fillColor(COLOR.muted).font('Helvetica');
    doc.text('Vertrouwelijk – persoonsgegevens.', MARGIN, doc.page.height - MARGIN, {
      width: width - 90,
      lineBreak: false,
    });
    doc.text(`Pagina ${i - range.start + 1} van ${range.count}`, MARGIN, doc.page.height - MARGIN, {
      width,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function goal(
  g: GoalResponse & { allProgress?: { notedOn: string; score: number; note: string; author: string | null }[] },
  text: (s: string, o?: { muted?: boolean; bold?: boolean }) => void,
): void {
  text(`${g.priority}. ${g.title} – ${NL.domain[g.lifeDomain]}, ${NL.goalStatus[g.status]}`, { bold: true });
  for (const a of g.agreements) {
    text(
      `Afspraak: ${a.description} – ${a.ownerLabel}${a.dueDate ? `, uiterlijk ${date(a.dueDate)}` : ''} (${NL.agreementStatus[a.status]})`,
    );
  }
  for (const p of g.allProgress ?? []) {
    text(`Voortgang ${date(p.notedOn)}, score ${p.score}${p.author ? `, ${p.author}` : ''}: ${p.note}`, {
      muted: true,
    });
  }
  for (const c of g.comments) text(`Reactie van ${c.author.displayName}: ${c.text}`, { muted: true });
}

function memberRole(role: string): string {
  return (
    (
      {
        parent: 'ouder',
        carer: 'verzorger',
        step_parent: 'stiefouder',
        foster_parent: 'pleegouder',
        child: 'kind',
        other: 'gezinslid',
      } as Record<string, string>
    )[role] ?? role
  );
}

function heading(doc: PDFKit.PDFDocument, s: string): void {
  ensureSpace(doc, 80);
  doc.moveDown(1);
  doc.x = MARGIN;
  doc.fillColor(COLOR.accent).font('Helvetica-Bold').fontSize(15).text(s);
  doc.moveDown(0.4);
}

function ensureSpace(doc: PDFKit.PDFDocument, needed: number): void {
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.x = MARGIN;
}
