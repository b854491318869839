import type { PlanResponse } from '@gezinsplan/contracts';
import request from 'supertest';
import { auditRowsFor, createParent, organisationId } from './support/fixtures';
import { pdfText } from './support/pdf-text';
import { startTestApp, type TestApp } from './support/test-app';

/** The plan as a PDF: the municipality's name, the version, goals, and the same reader filter as the JSON. */
let t: TestApp;
let fam: string;
const tokens: Record<string, string> = {};
const as = (who: string) => ({ Authorization: `Bearer ${tokens[who]}` });
const api = () => request(t.http);
const SECRET = 'Behandeldetail: traumabehandeling gestart';
const GOAL = 'Eén keer per week samen eten';
const AGREEMENT = 'Zoë en Anaïs koken op vrijdag (budget € 25)';
const PROGRESS = 'Twee keer gelukt, café-bezoek als beloning';

/** Binary body for supertest: the PDF bytes as they were sent. */
const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const pdf = (who: string, path: string) => api().get(path).set(as(who)).buffer(true).parse(binary);

beforeAll(async () => {
  t = await startTestApp();
  for (const email of ['toegang@heerlen.demo', 'zorg@horizon.demo', 'zorg@kompas.demo']) {
    tokens[email] = await t.token(email);
  }
  const worker = as('toegang@heerlen.demo');
  fam = (await api().post('/api/families').set(worker).send({ displayName: 'Gezin Ruijters-Dëmir' })).body.id;
  const horizon = await organisationId(t.ds, 'Horizon Jeugdhulp');
  await api()
    .post(`/api/families/${fam}/involvements`)
    .set(worker)
    .send({ organisationId: horizon, consentGivenBy: 'Moeder' })
    .expect(201);
  const parent = await createParent(t.ds, fam, 'Ilse Ruijters', 'Ouder-wachtwoord-1');
  tokens.parent = await t.token(parent.email, 'Ouder-wachtwoord-1');

  const plan = (await api().get(`/api/families/${fam}/plan`).set(worker)).body as PlanResponse;
  const section = (kind: string) => plan.sections.find((s) => s.kind === kind)?.id;
  await api()
    .patch(`/api/plan-sections/${section('wish')}`)
    .set(worker)
    .set('If-Match', '"1"')
    .send({ content: 'Weer gezellig samen aan tafel, zonder ruzie.' })
    .expect(200);
  await api()
    .patch(`/api/plan-sections/${section('safety')}`)
    .set(as('zorg@horizon.demo'))
    .set('If-Match', '"1"')
    .send({ content: SECRET, restrictedTo: [horizon] })
    .expect(200);
  const goal = await api()
    .post(`/api/families/${fam}/plan/goals`)
    .set(worker)
    .send({ title: GOAL, lifeDomain: 'family_system' })
    .expect(201);
  await api()
    .post(`/api/goals/${goal.body.id}/agreements`)
    .set(worker)
    .send({ description: AGREEMENT, ownerType: 'family_member', ownerLabel: 'Zoë', dueDate: '2027-01-15' })
    .expect(201);
  await api()
    .post(`/api/families/${fam}/plan/goals`)
    .set(worker)
    .send({ title: 'Huurachterstand aflossen', lifeDomain: 'finances' })
    .expect(201);
  await api()
    .post(`/api/goals/${goal.body.id}/progress`)
    .set(as('zorg@horizon.demo'))
    .send({ note: PROGRESS, score: 6 })
    .expect(201);
  const seen = (await api().get(`/api/families/${fam}/plan`).set(as('parent'))).body as PlanResponse;
  await api()
    .post(`/api/families/${fam}/plan/versions`)
    .set(as('parent'))
    .send({ revision: seen.revision })
    .expect(201);
});
afterAll(() => t.close());

describe('PDF of an agreed version', () => {
  it('is a PDF shown inline, named after the family and version, never cached', async () => {
    const res = await pdf('toegang@heerlen.demo', `/api/families/${fam}/plan/versions/1/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('inline; filename="gezinsplan-gezin-ruijters-demir-v1.pdf"');
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(Number(res.headers['content-length'])).toBe(body.length);
  });

  it('shows in Dutch the municipality, family, version, who agreed, sections, goals by domain, agreements, progress and page numbers', async () => {
    const text = pdfText((await pdf('zorg@horizon.demo', `/api/families/${fam}/plan/versions/1/pdf`)).body);
    for (const expected of [
      'Gemeente Heerlen',
      'Gezinsplan Gezin Ruijters-Dëmir',
      'Versie 1',
      'Vastgesteld op',
      'door Ilse Ruijters (ouder)',
      'Wens van het gezin',
      'Weer gezellig samen aan tafel, zonder ruzie.',
      'Doelen per leefgebied',
      'Gezin en relaties',
      'Financiën',
      `1. ${GOAL}`,
      '2. Huurachterstand aflossen',
      AGREEMENT,
      'uiterlijk 15 januari 2027',
      'Laatste voortgang',
      'score 6/10',
      PROGRESS,
      'Pagina 1 van',
    ]) {
      expect(text).toContain(expected);
    }
    // Horizon may read the section restricted to it.
    expect(text).toContain(SECRET);
  });

  it('leaves out what the reader may not see, exactly like the JSON', async () => {
    const json = await api().get(`/api/families/${fam}/plan/versions/1`).set(as('toegang@heerlen.demo'));
    expect(JSON.stringify(json.body)).not.toContain('traumabehandeling');
    const text = pdfText((await pdf('toegang@heerlen.demo', `/api/families/${fam}/plan/versions/1/pdf`)).body);
    expect(text).toContain(GOAL);
    expect(text).not.toContain('traumabehandeling');
    expect(text).not.toContain('Veiligheid\n');
  });

  it('has English labels with ?lang=en', async () => {
    const text = pdfText((await pdf('toegang@heerlen.demo', `/api/families/${fam}/plan/versions/1/pdf?lang=en`)).body);
    for (const expected of ['Gemeente Heerlen', 'Version 1', 'Agreed on', 'Goals by life domain', 'Page 1 of']) {
      expect(text).toContain(expected);
    }
    expect(text).not.toContain('Pagina');
  });

  it('is logged as a read with export pdf', async () => {
    const res = await pdf('toegang@heerlen.demo', `/api/families/${fam}/plan/versions/1/pdf`).set(
      'X-Request-Id',
      'pdf-audit-1',
    );
    expect(res.status).toBe(200);
    expect(await auditRowsFor(t.ds, 'pdf-audit-1')).toEqual([
      expect.objectContaining({
        resource: 'plan-version',
        action: 'read',
        result: 'success',
        family_id: fam,
        basis: 'regisseur',
        details: { number: 1, export: 'pdf', lang: 'nl' },
      }),
    ]);
  });

  it('answers 404 for a version that does not exist or a family that is not yours, 400 for bad input', async () => {
    expect((await pdf('toegang@heerlen.demo', `/api/families/${fam}/plan/versions/9/pdf`)).status).toBe(404);
    const kompas = await pdf('zorg@kompas.demo', `/api/families/${fam}/plan/versions/1/pdf`);
    expect(kompas.status).toBe(404);
    expect(JSON.parse(kompas.body.toString('utf8'))).toMatchObject({ code: 'NOT_FOUND' });
    const lang = await pdf('toegang@heerlen.demo', `/api/families/${fam}/plan/versions/1/pdf?lang=fr`);
    expect(lang.status).toBe(400);
    expect(JSON.parse(lang.body.toString('utf8'))).toMatchObject({ details: [{ field: 'lang' }] });
    expect((await pdf('toegang@heerlen.demo', `/api/families/${fam}/plan/versions/een/pdf`)).status).toBe(400);
  });
});

describe('PDF of the living plan', () => {
  it('prints the current state, marked as not agreed, for the reader', async () => {
    const res = await pdf('parent', `/api/families/${fam}/plan/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe('inline; filename="gezinsplan-gezin-ruijters-demir-actueel.pdf"');
    const text = pdfText(res.body);
    expect(text).toContain('Actuele stand van het plan');
    expect(text).toContain(GOAL);
    // A parent with custody reads restricted sections of their own family's plan.
    expect(text).toContain(SECRET);
    const forWorker = pdfText((await pdf('toegang@heerlen.demo', `/api/families/${fam}/plan/pdf`)).body);
    expect(forWorker).not.toContain('traumabehandeling');
  });
});
