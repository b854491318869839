import { LIFE_DOMAINS, ZRM_DOMAINS, ZUID_LIMBURG_MUNICIPALITIES } from '@gezinsplan/contracts';
import * as argon2 from 'argon2';
import type { DataSource, QueryRunner } from 'typeorm';
import { AUDIT_STAGING_TABLE, createAuditStaging, sealStagedAuditRows } from '../../modules/audit/audit-chain';
import { PASSWORD_HASH_OPTIONS } from '../../modules/auth/password';

/** Every scale-seed account uses this password (docs/performance.md). Invented people and organisations only. */
export const SCALE_PASSWORD = 'Gezinsplan-bench-2026';

/** Accounts the benchmark logs in with. */
export const BENCH_USERS = {
  /** Access-team worker in Heerlen and regisseur of many families: the busy worklist. */
  worker: 'bench-toegang@schaal.test',
  /** Provider worker at the first synthetic provider: writes progress. */
  provider: 'bench-zorg@schaal.test',
  /** Policy adviser of the region: the indicator dashboard. */
  policy: 'bench-beleid@schaal.test',
} as const;

export interface ScaleSeedOptions {
  families: number;
  /** Families per batch (one transaction each). */
  batch?: number;
  log?: (line: string) => void;
  /**
   * The audit chain key: the audit rows go into a staging table and enter audit_log already sealed
   * (`sealStagedAuditRows`), much faster than sealing them afterwards. Without it they go in unsealed.
   */
  auditKey?: string;
}

/** Rough inhabitants (thousands), so the big municipalities get proportionally more families. */
const WEIGHTS: Record<(typeof ZUID_LIMBURG_MUNICIPALITIES)[number], number> = {
  Beekdaelen: 36,
  Beek: 16,
  Brunssum: 28,
  'Eijsden-Margraten': 25,
  'Gulpen-Wittem': 14,
  Heerlen: 87,
  Kerkrade: 45,
  Landgraaf: 37,
  Maastricht: 122,
  Meerssen: 19,
  Simpelveld: 10,
  'Sittard-Geleen': 91,
  Stein: 25,
  Vaals: 10,
  'Valkenburg aan de Geul': 16,
  Voerendaal: 12,
};

const SURNAMES = [
  'Aarts',
  'Bemelmans',
  'Bosch',
  'Claessen',
  'Coenen',
  'Crombach',
  'Custers',
  'Dassen',
  'Dirix',
  'Eussen',
  'Frijns',
  'Geurts',
  'Gielen',
  'Hendrix',
  'Hermans',
  'Houben',
  'Janssen',
  'Jacobs',
  'Kessels',
  'Knops',
  'Kuipers',
  'Lemmens',
  'Lenders',
  'Maas',
  'Meijers',
  'Moonen',
  'Notermans',
  'Offermans',
  'Ortmans',
  'Pelzer',
  'Peters',
  'Quaedvlieg',
  'Ramakers',
  'Rutten',
  'Schepers',
  'Schoonbrood',
  'Senden',
  'Smeets',
  'Souren',
  'Stassen',
  'Thewissen',
  'Timmermans',
  'Ubachs',
  'Vaessen',
  'Vliegen',
  'Vossen',
  'Wetzels',
  'Willems',
  'Wolfs',
  'Zeegers',
  'Bakker',
  'El Idrissi',
  'Demir',
  'Yilmaz',
  'Nowak',
  'Kowalski',
  'Sahin',
  'Bouzid',
  'Mertens',
  'Verheijen',
];
const PARENT_NAMES = [
  'Anouk',
  'Bram',
  'Chantal',
  'Dennis',
  'Esther',
  'Frank',
  'Gwen',
  'Hanneke',
  'Ilse',
  'Jeroen',
  'Karin',
  'Luc',
  'Marloes',
  'Nadia',
  'Olaf',
  'Petra',
  'Rachid',
  'Sandra',
  'Tim',
  'Ufuk',
  'Vera',
  'Wendy',
  'Youssef',
  'Zoë',
];
const CHILD_NAMES = [
  'Amira',
  'Bas',
  'Cas',
  'Daan',
  'Emma',
  'Finn',
  'Guus',
  'Hiba',
  'Isa',
  'Jesse',
  'Kiki',
  'Lars',
  'Mila',
  'Noor',
  'Owen',
  'Pien',
  'Quinn',
  'Rayan',
  'Sem',
  'Tess',
  'Vince',
  'Yara',
  'Zayd',
  'Liv',
];
const PROVIDERS = [
  'Parkstad',
  'Mergelland',
  'Maasvallei',
  'Heuvelland',
  'Geleenbeek',
  'Anstelvallei',
  'Geuldal',
  'Westrand',
  'Kempen',
  'Brunssummerheide',
  'Schinveld',
  'Vijlenerbos',
  'Sint-Pietersberg',
  'Jeker',
  'Worm',
];
const PROVIDER_KINDS = ['Jeugdhulp', 'Gezinsbegeleiding'];
const GOAL_TITLES: Record<string, string[]> = {
  housing: ['Het gezin woont in een passende woning', 'De huur wordt elke maand op tijd betaald'],
  finances: ['Het gezin heeft overzicht over de schulden', 'Er is een sluitend maandbudget'],
  parenting: ['Meer rust in huis na schooltijd', 'Ouders maken samen afspraken over de opvoeding'],
  free_time: ['Het kind gaat wekelijks naar een sportclub', 'Het gezin doet één keer per week iets samen'],
  physical_health: ['Het kind slaapt op vaste tijden', 'Het kind eet elke dag een gezond ontbijt'],
  mental_health: ['Het kind leert omgaan met boosheid', 'Ouder heeft minder last van somberheid'],
  family_system: ['Ouder heeft één middag per week voor zichzelf', 'Opa en oma helpen vaste dagen mee'],
  participation: ['Ouder heeft contact met de buurt', 'Het kind heeft een vriendje om mee te spelen'],
  safety: ['Het kind woont veilig thuis', 'Er zijn afspraken over veiligheid bij ruzie'],
  work: ['Ouder vindt werk dat past bij de thuissituatie', 'Ouder volgt een taalcursus'],
  education: ['Het kind gaat weer elke dag naar school', 'Het kind haalt zijn diploma'],
};
const NOTES = [
  'Goed gesprek gehad met het gezin; de afspraken van vorige keer zijn nagekomen.',
  'Het ging deze maand wisselend. Er was een lastige week rond de vakantie.',
  'Duidelijke vooruitgang: het kind vertelt zelf wat beter gaat.',
  'Ouder geeft aan dat de rust in huis terugkomt. We bouwen de begeleiding af.',
  'Afspraak niet doorgegaan wegens ziekte; nieuwe afspraak gemaakt.',
  'Samen met school gekeken naar het rooster. School denkt mee.',
];
const SECTION_TEXT: Record<string, string> = {
  going_well: 'De ouders zijn betrokken en willen graag dat het beter gaat.',
  worries: 'Er zijn zorgen over schoolverzuim en geldzaken.',
  wish: 'Rust in huis en weer regelmaat voor de kinderen.',
  strengths: 'Oma woont dichtbij en helpt graag. De buren zijn behulpzaam.',
  safety: 'Er zijn geen zorgen over de veiligheid van de kinderen.',
};
/** iJw (JZ588) stop reasons, the common ones more often. */
const STOP_REASONS = ['31', '31', '31', '31', '31', '34', '34', '32', '33', '35', '36', '37', '38', '39', '20'];
const ARRANGEMENTS = [
  'guidance',
  'treatment',
  'guidance',
  'dyslexia_care',
  'respite',
  'supervised_contact',
  'foster_care',
  'residential',
];

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: readonly string[]) => `ARRAY[${xs.map(lit).join(',')}]::text[]`;
/** Element i (0-based, wraps) of a text array literal. */
const pick = (xs: readonly string[], expr: string) => `(${arr(xs)})[1 + ((${expr})::bigint % ${xs.length})]`;

/**
 * Region-scale synthetic data, generated in PostgreSQL with set-based INSERT ... SELECT over generate_series,
 * in batches of families (one transaction each). Everything is invented; organisation names end in "(schaal)"
 * and e-mail addresses in `.test`, so the data never mixes up with the demo seed or real data.
 */
export async function seedScale(ds: DataSource, options: ScaleSeedOptions): Promise<string> {
  const log = options.log ?? (() => undefined);
  const n = options.families;
  if (!Number.isInteger(n) || n < 100) throw new Error('--families must be a whole number of at least 100');
  const batch = options.batch ?? 10_000;
  const [{ count }] = await ds.query(`SELECT count(*)::int AS count FROM app_user WHERE email = $1`, [
    BENCH_USERS.worker,
  ]);
  if (count > 0) return 'Scale data not seeded: the database already holds it (start from an empty DATA_DIR)';
  const hash = await argon2.hash(SCALE_PASSWORD, PASSWORD_HASH_OPTIONS);
  const started = Date.now();
  const qr = ds.createQueryRunner();
  await qr.connect();
  try {
    await qr.query(`SET synchronous_commit = off`);
    await qr.query(`SET work_mem = '64MB'`);
    // Foreign-key checks are row-level triggers, the bulk of the insert time; every row here is consistent by
    // construction, so skip them where the role may (superuser, as with the embedded PostgreSQL).
    await qr.query(`SET session_replication_role = replica`).catch(() => log('FK checks stay on (not a superuser)'));
    await qr.startTransaction();
    await seedDirectory(qr, n, hash);
    await qr.commitTransaction();
    log(`Organisations and ${await one(qr, 'SELECT count(*) FROM app_user')} users ready`);
    await qr.query(`SELECT setseed(0.2026)`);
    if ((await one(qr, `SELECT count(*) FROM pg_proc WHERE proname = 'audit_log_ensure_partitions'`)) > 0) {
      await qr.query(
        `SELECT audit_log_ensure_partitions((now() - interval '6 years')::date, (now() + interval '2 months')::date)`,
      );
    }
    const auditTable = options.auditKey ? AUDIT_STAGING_TABLE : 'audit_log';
    if (options.auditKey) await createAuditStaging(qr);
    for (let from = 1; from <= n; from += batch) {
      const to = Math.min(n, from + batch - 1);
      await qr.startTransaction();
      await seedFamilies(qr, from, to, n, auditTable);
      await qr.commitTransaction();
      const rate = Math.round(to / ((Date.now() - started) / 1000));
      log(`families ${to}/${n} (${rate}/s)`);
    }
    if (options.auditKey) {
      await qr.query(`CREATE INDEX ON ${AUDIT_STAGING_TABLE} (id)`);
      const sealStarted = Date.now();
      const sealed = await sealStagedAuditRows(ds, options.auditKey);
      log(`audit rows sealed into the hash chain: ${sealed} in ${Date.now() - sealStarted} ms`);
    }
    // The worklist's stored signals (migration AddFamilySignals) are kept by triggers, which the replica role
    // above switched off: fill them in one set-based statement.
    if ((await one(qr, `SELECT count(*) FROM pg_proc WHERE proname = 'family_signal_refresh_all'`)) > 0) {
      const signalsStarted = Date.now();
      const refreshed = await one(qr, 'SELECT family_signal_refresh_all()');
      log(`worklist signals stored for ${refreshed} families in ${Date.now() - signalsStarted} ms`);
    }
    log('ANALYZE');
    await qr.query('ANALYZE');
  } catch (err) {
    if (qr.isTransactionActive) await qr.rollbackTransaction();
    throw err;
  } finally {
    await qr.query(`DROP TABLE IF EXISTS scale_muni, scale_provider`).catch(() => undefined);
    await qr.release();
  }
  const counts: { t: string; c: string }[] = await ds.query(
    `SELECT relname AS t, n_live_tup::text AS c FROM pg_stat_user_tables
      WHERE relname IN ('family','progress_note','goal','audit_log','allocation','plan_version') ORDER BY relname`,
  );
  const secs = ((Date.now() - started) / 1000).toFixed(0);
  return `Scale data seeded: ${n} families in ${secs}s (${counts.map((r) => `${r.t} ${r.c}`).join(', ')}); password of every account: ${SCALE_PASSWORD}`;
}

/** With SCALE_SEED_TIMING=1, prints how long each statement of a batch took (to find the slow one). */
function timed(qr: QueryRunner): Pick<QueryRunner, 'query'> {
  if (!process.env['SCALE_SEED_TIMING']) return qr;
  return {
    query: async (sql: string, params?: unknown[]) => {
      const t = Date.now();
      const result: unknown = await qr.query(sql, params);
      console.log(`${String(Date.now() - t).padStart(6)} ms  ${sql.replace(/\s+/g, ' ').slice(0, 70)}`);
      return result;
    },
  } as Pick<QueryRunner, 'query'>;
}

async function one(qr: QueryRunner, sql: string): Promise<number> {
  const rows: Record<string, unknown>[] = await qr.query(sql);
  return Number(Object.values(rows[0])[0]);
}

/** Organisations, teams and users (a few thousand rows), plus two helper tables the family batches read. */
async function seedDirectory(qr: QueryRunner, families: number, hash: string): Promise<void> {
  const total = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
  let lo = 0;
  const muniRows = ZUID_LIMBURG_MUNICIPALITIES.map((m, i) => {
    const row = `(${i}, ${lit(m)}, ${lo}, ${lo + WEIGHTS[m]})`;
    lo += WEIGHTS[m];
    return row;
  });
  // Helper tables (not TEMP: every batch runs in its own transaction on this connection; dropped at the end).
  await qr.query(`DROP TABLE IF EXISTS scale_muni, scale_provider`);
  await qr.query(
    `CREATE UNLOGGED TABLE scale_muni (idx int PRIMARY KEY, name text NOT NULL, lo int NOT NULL, hi int NOT NULL,
       org_id uuid, workers int NOT NULL DEFAULT 1)`,
  );
  await qr.query(`INSERT INTO scale_muni (idx, name, lo, hi) VALUES ${muniRows.join(',')}`);
  // About one regisseur per 35 living families; five years of families, a third of them still open.
  await qr.query(
    `UPDATE scale_muni SET workers = greatest(2, ceil(${families}::numeric * (hi - lo) / ${total} / 3 / 35)::int)`,
  );
  await qr.query(
    `INSERT INTO organisation (name, type, municipality)
     SELECT 'Gemeente ' || name || ' – Toegangsteam Jeugd (schaal)', 'municipality', name FROM scale_muni`,
  );
  await qr.query(
    `UPDATE scale_muni m SET org_id = o.id FROM organisation o
      WHERE o.name = 'Gemeente ' || m.name || ' – Toegangsteam Jeugd (schaal)'`,
  );
  await qr.query(
    `INSERT INTO team (organisation_id, name)
     SELECT m.org_id, 'Wijkteam ' || m.name || ' ' || t FROM scale_muni m, generate_series(1, 3) t`,
  );
  await qr.query(
    `INSERT INTO app_user (email, password_hash, display_name, role, organisation_id, team_id)
     SELECT 'regisseur' || w || '@' || lower(replace(replace(m.name, ' ', '-'), '''', '')) || '.schaal.test', $1,
            ${pick(PARENT_NAMES, 'w * 7 + m.idx')} || ' ' || ${pick(SURNAMES, 'w * 13 + m.idx * 3')},
            'access_team', m.org_id,
            (SELECT t.id FROM team t WHERE t.organisation_id = m.org_id ORDER BY t.name OFFSET (w % 3) LIMIT 1)
       FROM scale_muni m, generate_series(1, m.workers) w`,
    [hash],
  );
  const providers = PROVIDERS.flatMap((p) => PROVIDER_KINDS.map((k) => `${p} ${k} (schaal)`));
  await qr.query(
    `CREATE UNLOGGED TABLE scale_provider AS
     SELECT (o - 1)::int AS idx, name FROM unnest(${arr(providers)}) WITH ORDINALITY AS x(name, o)`,
  );
  await qr.query(`ALTER TABLE scale_provider ADD org_id uuid, ADD user_id uuid`);
  await qr.query(`INSERT INTO organisation (name, type) SELECT name, 'provider' FROM scale_provider`);
  await qr.query(`UPDATE scale_provider p SET org_id = o.id FROM organisation o WHERE o.name = p.name`);
  await qr.query(
    `INSERT INTO app_user (email, password_hash, display_name, role, organisation_id)
     SELECT 'zorg' || u || '.' || p.idx || '@aanbieder.schaal.test', $1,
            ${pick(PARENT_NAMES, 'p.idx * 5 + u')} || ' ' || ${pick(SURNAMES, 'p.idx * 11 + u')}, 'provider', p.org_id
       FROM scale_provider p, generate_series(1, 3) u`,
    [hash],
  );
  await qr.query(
    `UPDATE scale_provider p SET user_id = u.id FROM app_user u WHERE u.email = 'zorg1.' || p.idx || '@aanbieder.schaal.test'`,
  );
  await qr.query(
    `INSERT INTO organisation (name, type) VALUES ('Regio Zuid-Limburg – Beleid Jeugd (schaal)', 'municipality'),
       ('Stichting Jeugdbescherming Zuid (schaal)', 'gi')`,
  );
  const bench = (email: string, name: string, role: string, orgSql: string, teamSql = 'NULL') =>
    qr.query(
      `INSERT INTO app_user (email, password_hash, display_name, role, organisation_id, team_id)
       VALUES ($1, $2, $3, $4, (${orgSql}), (${teamSql}))`,
      [email, hash, name, role],
    );
  await bench(
    BENCH_USERS.worker,
    'Bente Benchmark',
    'access_team',
    `SELECT org_id FROM scale_muni WHERE name = 'Heerlen'`,
    `SELECT t.id FROM team t JOIN scale_muni m ON m.org_id = t.organisation_id WHERE m.name = 'Heerlen' ORDER BY t.name LIMIT 1`,
  );
  await bench(BENCH_USERS.provider, 'Pim Prestatie', 'provider', `SELECT org_id FROM scale_provider WHERE idx = 0`);
  await bench(
    BENCH_USERS.policy,
    'Bo Beleid',
    'policy',
    `SELECT id FROM organisation WHERE name = 'Regio Zuid-Limburg – Beleid Jeugd (schaal)'`,
  );
  await qr.query(
    `INSERT INTO app_user (email, password_hash, display_name, role, organisation_id)
     SELECT 'gi' || g || '@jeugdbescherming.schaal.test', $1, 'Gezinsvoogd ' || g, 'gi', o.id
       FROM organisation o, generate_series(1, 3) g WHERE o.name = 'Stichting Jeugdbescherming Zuid (schaal)'`,
    [hash],
  );
}

/**
 * Families from..to (1-based) and everything of theirs. Family k was registered (5 years * (1 - k/N)) ago, so
 * the newest families are the open cases; families older than 18 months are mostly closed.
 */
async function seedFamilies(
  runner: QueryRunner,
  from: number,
  to: number,
  total: number,
  auditTable: string,
): Promise<void> {
  const qr = timed(runner);
  const weights = Object.values(WEIGHTS).reduce((a, b) => a + b, 0);
  const providers = PROVIDERS.length * PROVIDER_KINDS.length;
  await qr.query(`DROP TABLE IF EXISTS sf`);
  // One row per family of the batch with every per-family decision, read by all inserts below.
  await qr.query(
    `CREATE TEMP TABLE sf ON COMMIT DROP AS
     WITH base AS (
       SELECT k, gen_random_uuid() AS id, gen_random_uuid() AS plan_id,
              now() - (interval '1826 days' * (1 - k::numeric / ${total})) - interval '3 days' AS created,
              (k::bigint * 7919) % ${weights} AS w
         FROM generate_series(${from}, ${to}) k)
     SELECT b.*, m.name AS municipality, m.org_id AS muni_org, m.idx AS muni_idx,
            ${pick(SURNAMES, 'b.k * 31')} AS surname,
            CASE WHEN b.created < now() - interval '540 days' AND b.k % 10 < 8 THEN 'closed'
                 WHEN b.created > now() - interval '30 days' AND b.k % 4 = 0 THEN 'registered'
                 ELSE 'active' END AS status,
            (b.k % ${providers}) AS prov1, ((b.k * 7 + 3) % ${providers}) AS prov2,
            (90 + (b.k * 37) % 600) AS duration_days,
            2 + b.k % 3 AS goals
       FROM base b JOIN scale_muni m ON b.w >= m.lo AND b.w < m.hi`,
  );
  await qr.query(`ALTER TABLE sf ADD regisseur uuid, ADD team uuid, ADD prov_org uuid, ADD prov_user uuid,
                    ADD prov2_org uuid, ADD closed_on timestamptz, ADD plan_status text`);
  // Regisseur: round robin over the municipality's workers; every 8th living Heerlen family: the bench worker.
  await qr.query(
    `UPDATE sf SET regisseur = r.uid, team = r.team_id FROM (
       SELECT s.k, u.id AS uid, u.team_id FROM sf s
         JOIN LATERAL (SELECT id, team_id FROM app_user
                        WHERE organisation_id = s.muni_org AND role = 'access_team' AND email LIKE 'regisseur%'
                        ORDER BY email OFFSET (s.k % (SELECT workers FROM scale_muni WHERE idx = s.muni_idx)) LIMIT 1) u ON true) r
      WHERE r.k = sf.k`,
  );
  await qr.query(
    `UPDATE sf SET regisseur = u.id, team = u.team_id FROM app_user u
      WHERE u.email = ${lit(BENCH_USERS.worker)} AND sf.municipality = 'Heerlen' AND sf.status <> 'closed' AND sf.k % 8 = 0`,
  );
  await qr.query(
    `UPDATE sf SET prov_org = p.org_id, prov_user = p.user_id FROM scale_provider p WHERE p.idx = sf.prov1`,
  );
  await qr.query(
    `UPDATE sf SET prov2_org = p.org_id FROM scale_provider p WHERE p.idx = sf.prov2 AND sf.prov2 <> sf.prov1 AND sf.k % 3 = 0`,
  );
  await qr.query(
    `UPDATE sf SET closed_on = CASE WHEN status = 'closed' THEN created + duration_days * interval '1 day' END,
            plan_status = CASE WHEN status = 'closed' THEN 'closed'
                               WHEN status = 'registered' OR created > now() - interval '45 days' THEN 'draft'
                               WHEN k % 9 = 0 THEN 'evaluated' WHEN k % 13 = 0 THEN 'agreed' ELSE 'in_progress' END`,
  );
  await qr.query(`CREATE INDEX ON sf (id)`);
  await qr.query(`ANALYZE sf`);

  await qr.query(
    `INSERT INTO family (id, display_name, municipality, status, team_id, regisseur_user_id, created_at, updated_at,
                         help_ended_on, closed_at)
     SELECT id, surname, municipality, status, team, CASE WHEN status = 'closed' THEN NULL ELSE regisseur END,
            created, coalesce(closed_on, created), closed_on::date, closed_on FROM sf`,
  );
  // Members: one or two parents (with custody), one to three children.
  await qr.query(
    `INSERT INTO family_member (family_id, role, name, birth_date, created_at, updated_at)
     SELECT s.id, 'parent', ${pick(PARENT_NAMES, 's.k * 3 + p')} || ' ' || s.surname,
            (s.created - interval '1 year' * (24 + (s.k * p) % 20))::date, s.created, s.created
       FROM sf s, generate_series(1, CASE WHEN s.k % 5 = 0 THEN 1 ELSE 2 END) p
     UNION ALL
     SELECT s.id, 'child', ${pick(CHILD_NAMES, 's.k * 5 + c')} || ' ' || s.surname,
            (s.created - interval '1 day' * (400 + (s.k * 97 * c) % 5800))::date, s.created, s.created
       FROM sf s, generate_series(1, 1 + s.k % 3) c`,
  );
  await qr.query(
    `INSERT INTO custody (parent_member_id, child_member_id)
     SELECT p.id, c.id FROM sf s
       JOIN family_member p ON p.family_id = s.id AND p.role = 'parent'
       JOIN family_member c ON c.family_id = s.id AND c.role = 'child'`,
  );
  await qr.query(
    `INSERT INTO network_member (family_id, name, relation, contact)
     SELECT id, ${pick(['Oma Ria', 'Opa Jan', 'Tante Mieke', 'Buurvrouw Petra', 'Oom Rob'], 'k')},
            ${pick(['grootmoeder', 'grootvader', 'tante', 'buurvrouw', 'oom'], 'k')}, NULL FROM sf`,
  );
  await qr.query(
    `INSERT INTO involvement (family_id, organisation_id, since, until, consent_given_at, consent_given_by, created_at, updated_at)
     SELECT s.id, o.org, (s.created + interval '7 days')::date, s.closed_on::date,
            s.created + interval '7 days', 'Ouder ' || s.surname, s.created, s.created
       FROM sf s CROSS JOIN LATERAL (VALUES (s.prov_org), (s.prov2_org)) o(org)
      WHERE o.org IS NOT NULL AND s.status <> 'registered'`,
  );
  await qr.query(
    `INSERT INTO regie_assignment (family_id, user_id, started_at, ended_at, reason)
     SELECT id, regisseur, created, closed_on, 'Regisseur bij aanmelding' FROM sf`,
  );
  await qr.query(
    `INSERT INTO plan (id, family_id, status, evaluation_date, revision, current_version_number, closed_reason,
                       handed_over_to, created_at, updated_at)
     SELECT plan_id, id, plan_status, (created + interval '1 day' * (duration_days + 30))::date, 1 + k % 40,
            CASE WHEN plan_status = 'draft' THEN NULL ELSE 1 + k % 2 END,
            CASE WHEN plan_status = 'closed' THEN 'Doelen bereikt, hulp afgerond' END,
            CASE WHEN plan_status = 'closed' THEN 'Huisarts en school' END,
            created, coalesce(closed_on, created + interval '30 days') FROM sf`,
  );
  await qr.query(
    `INSERT INTO plan_section (plan_id, kind, content, created_at, updated_at)
     SELECT s.plan_id, k.kind, k.content, s.created, s.created
       FROM sf s, (VALUES ${Object.entries(SECTION_TEXT)
         .map(([k, v]) => `(${lit(k)}, ${lit(v)})`)
         .join(',')}) k(kind, content)`,
  );
  // Goals across life domains; closed and evaluated plans carry an outcome.
  await qr.query(
    `INSERT INTO goal (plan_id, family_id, title, life_domain, priority, target_date, status, zrm_domain, safety_condition,
                       created_at, updated_at)
     SELECT s.plan_id, s.id, d.titles[1 + (s.k + g) % 2], d.domain, g,
            (s.created + interval '1 day' * (s.duration_days + 14))::date,
            CASE WHEN s.plan_status IN ('closed', 'evaluated')
                 THEN (ARRAY['achieved', 'achieved', 'partly_achieved', 'not_achieved'])[1 + (s.k + g) % 4]
                 WHEN s.plan_status = 'draft' THEN 'open' ELSE 'in_progress' END,
            NULL, d.domain = 'safety', s.created + interval '14 days', s.created + interval '14 days'
       FROM sf s, generate_series(1, s.goals) g,
            LATERAL (SELECT domain, titles FROM (VALUES ${LIFE_DOMAINS.map(
              (d, i) => `(${i}, ${lit(d)}, ${arr(GOAL_TITLES[d])})`,
            ).join(',')}) t(i, domain, titles) WHERE t.i = (s.k * 3 + g * 5) % ${LIFE_DOMAINS.length}) d`,
  );
  await qr.query(`CREATE TEMP TABLE sg ON COMMIT DROP AS
     SELECT g.id, g.family_id, g.plan_id, g.priority, g.status, g.life_domain, g.created_at, s.k, s.prov_org,
            s.prov_user, s.regisseur, s.closed_on, s.plan_status, s.surname
       FROM goal g JOIN sf s ON s.id = g.family_id`);
  await qr.query(
    `INSERT INTO agreement (goal_id, family_id, description, owner_type, owner_id, owner_label, due_date, status,
                            created_at, updated_at)
     SELECT g.id, g.family_id,
            CASE a WHEN 1 THEN 'Wekelijks gesprek met het gezin over de voortgang'
                   ELSE 'Ouder belt elke vrijdag met school of hulpverlener' END,
            CASE a WHEN 1 THEN 'organisation' ELSE 'professional' END,
            CASE a WHEN 1 THEN g.prov_org ELSE g.regisseur END,
            CASE a WHEN 1 THEN 'Zorgaanbieder' ELSE 'Regisseur' END,
            (g.created_at + interval '1 day' * (60 + (g.k * a) % 200))::date,
            CASE WHEN g.plan_status IN ('closed', 'evaluated') THEN 'done'
                 WHEN (g.k + a) % 7 = 0 THEN 'done' ELSE 'open' END,
            g.created_at, g.created_at
       FROM sg g, generate_series(1, 2) a`,
  );
  // Monthly progress notes for as long as the help ran (closed) or runs (open), at most three years.
  await qr.query(
    `INSERT INTO progress_note (goal_id, family_id, author_user_id, organisation_id, note, score, noted_on, created_at)
     SELECT g.id, g.family_id, g.prov_user, g.prov_org, ${pick(NOTES, 'g.k + i')},
            least(10, 2 + i / 3 + (g.k + g.priority) % 3), (g.created_at + interval '30 days' * i)::date,
            g.created_at + interval '30 days' * i + interval '6 hours'
       FROM sg g,
            generate_series(1, least(36, floor(extract(epoch FROM coalesce(g.closed_on, now()) - g.created_at)
                                                / 2592000)::int)) i
      WHERE g.plan_status <> 'draft' AND g.prov_user IS NOT NULL`,
  );
  await qr.query(
    `INSERT INTO plan_comment (family_id, goal_id, author_user_id, text, created_at)
     SELECT g.family_id, g.id, g.prov_user, 'Kunnen we dit doel bij de evaluatie bespreken?', g.created_at + interval '20 days'
       FROM sg g WHERE g.priority = 1 AND g.prov_user IS NOT NULL AND g.k % 2 = 0`,
  );
  // Versions: the agreed plan (1), and for half of them a second agreed version.
  await qr.query(
    `INSERT INTO plan_version (plan_id, family_id, number, snapshot, approved_by_user_id, on_behalf_reason, approved_at)
     SELECT s.plan_id, s.id, v,
            jsonb_build_object('id', s.plan_id, 'familyId', s.id, 'status', 'agreed', 'evaluationDate', NULL,
              'currentVersionNumber', v, 'version', v, 'revision', v,
              'updatedAt', to_char((s.created + interval '30 days' * v) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              'sections', (SELECT jsonb_agg(jsonb_build_object('id', ps.id, 'kind', ps.kind, 'content', ps.content,
                                   'restrictedTo', '[]'::jsonb, 'version', 1) ORDER BY ps.kind)
                             FROM plan_section ps WHERE ps.plan_id = s.plan_id),
              'goals', (SELECT jsonb_agg(jsonb_build_object('id', g.id, 'title', g.title, 'lifeDomain', g.life_domain,
                                'priority', g.priority, 'targetDate', g.target_date, 'status', 'in_progress',
                                'memberIds', '[]'::jsonb, 'zrmDomain', NULL, 'safetyCondition', g.safety_condition,
                                'proposedBy', NULL, 'version', 1, 'agreements', '[]'::jsonb, 'progress', '[]'::jsonb,
                                'comments', '[]'::jsonb) ORDER BY g.priority)
                          FROM goal g WHERE g.plan_id = s.plan_id)),
            s.regisseur, 'Ouder akkoord in het gesprek', s.created + interval '30 days' * v
       FROM sf s, generate_series(1, 1 + s.k % 2) v WHERE s.plan_status <> 'draft'`,
  );
  await qr.query(
    `INSERT INTO plan_version_ack (version_id, organisation_id, user_id, acknowledged_at)
     SELECT v.id, s.prov_org, s.prov_user, v.approved_at + interval '2 days'
       FROM plan_version v JOIN sf s ON s.plan_id = v.plan_id WHERE s.prov_user IS NOT NULL`,
  );
  // ZRM of the first parent: at the start and every half year while the help runs.
  const domains = ZRM_DOMAINS['zrm-11'];
  await qr.query(
    `INSERT INTO zrm_assessment (family_id, member_id, edition, assessed_on, assessed_by_user_id, scores, created_at)
     SELECT s.id, p.id, 'zrm-11', (s.created + interval '182 days' * a)::date, s.regisseur,
            jsonb_build_object(${domains
              .map((d, i) => `${lit(d)}, least(5, 1 + (s.k + ${i * 3}) % 4 + a / 2)`)
              .join(', ')}),
            s.created + interval '182 days' * a
       FROM sf s
       JOIN LATERAL (SELECT id FROM family_member WHERE family_id = s.id AND role = 'parent' ORDER BY name LIMIT 1) p ON true,
            generate_series(0, floor(extract(epoch FROM coalesce(s.closed_on, now()) - s.created) / 15724800)::int) a
      WHERE s.status <> 'registered'`,
  );
  // Help allocated to the (first) child: requested, decided, started; stopped with an iJw reason when closed.
  await qr.query(`CREATE TEMP TABLE sa ON COMMIT DROP AS
     SELECT gen_random_uuid() AS alloc_id, s.*, c.id AS child,
            (s.created + interval '3 days')::date AS request_date,
            (s.created + interval '3 days' + interval '1 day' * (s.k % 12))::date AS decision_date,
            (s.created + interval '3 days' + interval '1 day' * (s.k % 12 + 5 + s.k % 15))::date AS start_date,
            ${pick(ARRANGEMENTS, 's.k')} AS arrangement, ${pick(STOP_REASONS, 's.k * 7')} AS stop_reason
       FROM sf s
       JOIN LATERAL (SELECT id FROM family_member WHERE family_id = s.id AND role = 'child' ORDER BY name LIMIT 1) c ON true
      WHERE s.status <> 'registered'`);
  await qr.query(
    `INSERT INTO allocation (id, family_id, youth_member_id, provider_organisation_id, arrangement, status, request_date,
                             decision_date, start_date, planned_end_date, end_date, end_reason, created_by_user_id,
                             created_at, updated_at)
     SELECT alloc_id, id, child, prov_org, arrangement,
            CASE WHEN closed_on IS NOT NULL THEN 'stopped' WHEN start_date > current_date THEN 'allocated' ELSE 'started' END,
            request_date, decision_date, CASE WHEN closed_on IS NULL AND start_date > current_date THEN NULL ELSE start_date END,
            start_date + 180, CASE WHEN closed_on IS NOT NULL THEN greatest(start_date, closed_on::date - 7) END,
            CASE WHEN closed_on IS NOT NULL THEN stop_reason END, regisseur, created, coalesce(closed_on, created)
       FROM sa`,
  );
  await qr.query(
    `INSERT INTO allocation_goal (allocation_id, goal_id)
     SELECT a.alloc_id, g.id FROM sa a JOIN sg g ON g.k = a.k AND g.priority = 1`,
  );
  // Evaluations of evaluated and closed plans, with the parent's satisfaction for most of them.
  await qr.query(`CREATE TEMP TABLE se ON COMMIT DROP AS
     SELECT gen_random_uuid() AS id, s.k, s.id AS family_id, s.plan_id, 1 + s.k % 2 AS vnum,
            (coalesce(s.closed_on, s.created + interval '1 day' * s.duration_days) - interval '14 days')::date AS evaluated_on,
            s.regisseur
       FROM sf s WHERE s.plan_status IN ('closed', 'evaluated')`);
  await qr.query(
    `INSERT INTO evaluation (id, family_id, plan_id, plan_version_number, evaluated_on, evaluated_by_user_id,
                             satisfaction_score, satisfaction_by, satisfaction_recorded_by_user_id, satisfaction_recorded_at,
                             created_at, updated_at)
     SELECT id, family_id, plan_id, vnum, evaluated_on, regisseur,
            CASE WHEN k % 10 < 7 THEN 5 + k % 6 END, CASE WHEN k % 10 < 7 THEN 'parent' END,
            CASE WHEN k % 10 < 7 THEN regisseur END, CASE WHEN k % 10 < 7 THEN evaluated_on + interval '2 days' END,
            evaluated_on, evaluated_on FROM se`,
  );
  await qr.query(
    `INSERT INTO evaluation_goal (evaluation_id, goal_id, life_domain, outcome)
     SELECT e.id, g.id, g.life_domain, g.status FROM se e JOIN sg g ON g.k = e.k`,
  );
  await qr.query(
    `INSERT INTO complaint (family_id, received_on, subject, registered_by_user_id)
     SELECT id, (created + interval '60 days')::date, 'Wachttijd tot de start van de hulp', regisseur
       FROM sf WHERE k % 97 = 0 AND status <> 'registered'`,
  );
  // The audit trail all of that implies (NEN 7513): who created what, and the reads of the plan around it.
  await qr.query(
    `INSERT INTO ${auditTable} (occurred_at, user_id, user_role, organisation_id, family_id, subject_id, resource, action,
                            result, basis, ip, request_id)
     SELECT n.created_at, n.author_user_id, 'provider', n.organisation_id, n.family_id, n.id, 'progress', 'create',
            'success', 'involvement-consent', '127.0.0.1', 'scale-seed'
       FROM progress_note n JOIN sf s ON s.id = n.family_id
     UNION ALL
     SELECT n.created_at + interval '1 hour', s.regisseur, 'access_team', s.muni_org, n.family_id, NULL, 'plan', 'read',
            'success', 'regisseur', '127.0.0.1', 'scale-seed'
       FROM progress_note n JOIN sf s ON s.id = n.family_id
     UNION ALL
     SELECT g.created_at, g.regisseur, 'access_team', NULL, g.family_id, g.id, 'goal', 'create', 'success', 'regisseur',
            '127.0.0.1', 'scale-seed' FROM sg g
     UNION ALL
     SELECT v.approved_at, v.approved_by_user_id, 'access_team', NULL, v.family_id, v.id, 'plan-version', 'create',
            'success', 'regisseur', '127.0.0.1', 'scale-seed' FROM plan_version v JOIN sf s ON s.plan_id = v.plan_id
     UNION ALL
     SELECT s.created, s.regisseur, 'access_team', s.muni_org, s.id, s.id, 'family', 'create', 'success', 'municipality',
            '127.0.0.1', 'scale-seed' FROM sf s
     UNION ALL
     SELECT a.created, a.regisseur, 'access_team', a.muni_org, a.id, a.alloc_id, 'allocation', 'create', 'success',
            'regisseur', '127.0.0.1', 'scale-seed' FROM sa a
     UNION ALL
     SELECT e.evaluated_on::timestamptz + interval '10 hours', e.regisseur, 'access_team', NULL, e.family_id, e.id,
            'evaluation', 'create', 'success', 'regisseur', '127.0.0.1', 'scale-seed' FROM se e`,
  );
}
