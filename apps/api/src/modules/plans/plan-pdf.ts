import type { GoalResponse, PlanPdfLanguage, PlanResponse } from '@gezinsplan/contracts';
import PDFDocument from 'pdfkit';
import { PDF_LABELS, type PdfLabels } from './plan-pdf.labels';

export interface PlanPdfInput {
  /** The plan as this reader may see it (already through `viewFor`). */
  plan: PlanResponse;
  familyName: string;
  municipality: string;
  /** Null for the living plan (not an agreed version). */
  version: { number: number; approvedAt: string; approvedBy: { displayName: string; role: string } } | null;
  onBehalfReason: string | null;
  lang: PlanPdfLanguage;
  /** Deflate the content streams (default). Tests may turn it off to read the text. */
  compress?: boolean;
  now?: Date;
}

const MARGIN = 56;
const HEADER_SPACE = 40;
const COLOR = { text: '#1a1a1a', muted: '#555555', accent: '#154273', rule: '#b3b3b3', warn: '#a4000d' };

/**
 * The plan as an A4 PDF with the standard Helvetica font (WinAnsi: ë, é, ï and € print correctly): the
 * municipality in every page's header, the version and who agreed it, the sections, goals grouped by life
 * domain (in the order of approach) with their agreements and latest progress, and page numbers.
 */
export function renderPlanPdf(input: PlanPdfInput): Promise<Buffer> {
  const t = PDF_LABELS[input.lang];
  const now = input.now ?? new Date();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN + HEADER_SPACE, bottom: MARGIN + 20, left: MARGIN, right: MARGIN },
    bufferPages: true,
    compress: input.compress ?? true,
    lang: input.lang,
    info: {
      Title: `${t.title(input.familyName)}${input.version ? ` – ${t.version(input.version.number)}` : ''}`,
      Author: `Gemeente ${input.municipality}`,
      Subject: 'Gezinsplan (1 gezin, 1 plan, 1 regisseur)',
      Creator: 'Gezinsplan',
      CreationDate: now,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const date = (iso: string) =>
    new Intl.DateTimeFormat(t.locale, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'Europe/Amsterdam',
    }).format(new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso));
  const width = doc.page.width - MARGIN * 2;

  // Title block
  doc.fillColor(COLOR.accent).font('Helvetica-Bold').fontSize(20).text(t.title(input.familyName), { width });
  doc.moveDown(0.3);
  doc.fillColor(COLOR.text).font('Helvetica-Bold').fontSize(12);
  if (input.version) {
    doc.text(t.version(input.version.number));
    const by = `${input.version.approvedBy.displayName} (${t.role[input.version.approvedBy.role] ?? input.version.approvedBy.role})`;
    doc.font('Helvetica').text(t.agreedOn(date(input.version.approvedAt), by));
    if (input.onBehalfReason) doc.text(t.onBehalf(input.onBehalfReason));
  } else {
    doc.text(t.livingPlan);
    doc.font('Helvetica').fillColor(COLOR.muted).text(t.notAgreedYet);
  }
  doc.fillColor(COLOR.text).font('Helvetica').fontSize(10).moveDown(0.5);
  doc.text(`${t.status}: ${t.planStatus[input.plan.status]}`);
  doc.text(`${t.evaluationDate}: ${input.plan.evaluationDate ? date(input.plan.evaluationDate) : t.none}`);

  // Sections in the family's own words
  heading(doc, t.sectionsHeading);
  for (const s of input.plan.sections) {
    ensureSpace(doc, 50);
    doc
      .fillColor(COLOR.text)
      .font('Helvetica-Bold')
      .fontSize(11)
      .text(t.section[s.kind] ?? s.kind);
    const content = s.content.trim();
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor(content ? COLOR.text : COLOR.muted)
      .text(content || t.emptySection, { width });
    doc.moveDown(0.5);
  }

  // Goals by life domain, domains in the order of their most urgent goal
  heading(doc, t.goalsHeading);
  if (input.plan.goals.length === 0) doc.font('Helvetica').fontSize(10).text(t.noGoals);
  for (const [domain, goals] of byDomain(input.plan.goals)) {
    ensureSpace(doc, 150); // the domain's heading stays with (the start of) its first goal
    doc
      .fillColor(COLOR.accent)
      .font('Helvetica-Bold')
      .fontSize(12)
      .text(t.domain[domain as keyof PdfLabels['domain']]);
    doc.moveDown(0.2);
    for (const g of goals) goal(doc, t, g, date, width);
  }

  // Header and footer on every page
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the footer must not start a new page
    doc.fillColor(COLOR.accent).font('Helvetica-Bold').fontSize(11);
    doc.text(`Gemeente ${input.municipality}`, MARGIN, MARGIN - 10, { width, lineBreak: false });
    doc.fillColor(COLOR.muted).font('Helvetica').fontSize(9);
    const right = input.version ? `${input.familyName} · ${t.version(input.version.number)}` : input.familyName;
    doc.text(right, MARGIN, MARGIN - 8, { width, align: 'right', lineBreak: false });
    doc
      .moveTo(MARGIN, MARGIN + 8)
      .lineTo(doc.page.width - MARGIN, MARGIN + 8)
      .strokeColor(COLOR.rule)
      .lineWidth(0.5)
      .stroke();
    const footerY = doc.page.height - MARGIN;
    doc.fontSize(8).fillColor(COLOR.muted);
    doc.text(`${t.confidential} ${t.generated(date(now.toISOString()))}`, MARGIN, footerY, {
      width: width - 90,
      lineBreak: false,
    });
    doc.text(t.page(i - range.start + 1, range.count), MARGIN, footerY, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function goal(
  doc: PDFKit.PDFDocument,
  t: PdfLabels,
  g: GoalResponse,
  date: (iso: string) => string,
  width: number,
): void {
  ensureSpace(doc, 70);
  doc.fillColor(COLOR.text).font('Helvetica-Bold').fontSize(11).text(`${g.priority}. ${g.title}`, { width });
  const facts = [`${t.status}: ${t.goalStatus[g.status]}`];
  if (g.targetDate) facts.push(`${t.targetDate}: ${date(g.targetDate)}`);
  doc.font('Helvetica').fontSize(9).fillColor(COLOR.muted).text(facts.join(' · '), { width });
  if (g.safetyCondition) doc.fillColor(COLOR.warn).font('Helvetica-Bold').text(t.safetyCondition);
  doc.moveDown(0.2);

  doc.fillColor(COLOR.text).font('Helvetica-Bold').fontSize(10).text(t.agreements, { indent: 12 });
  doc.font('Helvetica').fontSize(10);
  if (g.agreements.length === 0) doc.fillColor(COLOR.muted).text(t.noAgreements, { indent: 12 });
  for (const a of g.agreements) {
    const due = a.dueDate ? ` — ${t.due} ${date(a.dueDate)}` : '';
    const late = a.overdue ? ` (${t.overdue})` : '';
    doc
      .fillColor(a.overdue ? COLOR.warn : COLOR.text)
      .text(
        `• ${a.description} — ${a.ownerLabel}${due} — ${t.agreementStatus[a.status]}${late}`,
        MARGIN + 12,
        undefined,
        {
          width: width - 12,
          indent: 0,
        },
      );
  }
  doc.x = MARGIN;

  const latest = g.progress[0];
  doc.moveDown(0.2).fillColor(COLOR.text).font('Helvetica-Bold').text(t.latestProgress, { indent: 12 });
  doc.font('Helvetica');
  if (!latest) {
    doc.fillColor(COLOR.muted).text(t.noProgress, { indent: 12 });
  } else {
    const who = [latest.author.displayName, latest.author.organisation].filter(Boolean).join(', ');
    doc
      .fillColor(COLOR.muted)
      .fontSize(9)
      .text(`${date(latest.notedOn)} · ${t.score(latest.score)} · ${who}`, MARGIN + 12, undefined, {
        width: width - 12,
      });
    doc
      .fillColor(COLOR.text)
      .fontSize(10)
      .text(latest.note, MARGIN + 12, undefined, { width: width - 12 });
  }
  doc.x = MARGIN;
  doc.moveDown(0.8);
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  ensureSpace(doc, 80);
  doc.moveDown(1);
  doc.x = MARGIN;
  doc.fillColor(COLOR.accent).font('Helvetica-Bold').fontSize(15).text(text);
  doc.moveDown(0.4);
}

/** Starts a new page when less than `needed` points are left, so a heading does not end a page alone. */
function ensureSpace(doc: PDFKit.PDFDocument, needed: number): void {
  if (doc.y + needed > doc.page.height - doc.page.margins.bottom) doc.addPage();
  doc.x = MARGIN;
}

function byDomain(goals: GoalResponse[]): [string, GoalResponse[]][] {
  const groups = new Map<string, GoalResponse[]>();
  for (const g of [...goals].sort((a, b) => a.priority - b.priority)) {
    groups.set(g.lifeDomain, [...(groups.get(g.lifeDomain) ?? []), g]);
  }
  return [...groups];
}

/** `gezinsplan-de-vries-v2.pdf`: ASCII only, so every browser and mail client keeps it. */
export function planPdfFilename(familyName: string, versionNumber: number | null): string {
  const slug =
    familyName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'gezin';
  return `gezinsplan-${slug}-${versionNumber === null ? 'actueel' : `v${versionNumber}`}.pdf`;
}
