/** The 16 municipalities of the Zuid-Limburg youth-care region (Maastricht is the purchasing centre). */
export const ZUID_LIMBURG_MUNICIPALITIES = [
  'Beekdaelen',
  'Beek',
  'Brunssum',
  'Eijsden-Margraten',
  'Gulpen-Wittem',
  'Heerlen',
  'Kerkrade',
  'Landgraaf',
  'Maastricht',
  'Meerssen',
  'Simpelveld',
  'Sittard-Geleen',
  'Stein',
  'Vaals',
  'Valkenburg aan de Geul',
  'Voerendaal',
] as const;
export type Municipality = (typeof ZUID_LIMBURG_MUNICIPALITIES)[number];

/** CBS municipality codes (gemeentecodes) of the region, as used in national registers. */
export const MUNICIPALITY_CODES: Readonly<Record<Municipality, string>> = {
  Beekdaelen: 'GM1954',
  Beek: 'GM0888',
  Brunssum: 'GM0899',
  'Eijsden-Margraten': 'GM1903',
  'Gulpen-Wittem': 'GM1729',
  Heerlen: 'GM0917',
  Kerkrade: 'GM0928',
  Landgraaf: 'GM0882',
  Maastricht: 'GM0935',
  Meerssen: 'GM0938',
  Simpelveld: 'GM0965',
  'Sittard-Geleen': 'GM1883',
  Stein: 'GM0971',
  Vaals: 'GM0981',
  'Valkenburg aan de Geul': 'GM0994',
  Voerendaal: 'GM0986',
};

/** The municipality named by its name or CBS code (case-insensitive), or null when it is not in the region. */
export function municipalityFrom(value: string): Municipality | null {
  const v = value.trim().toLowerCase();
  return (
    ZUID_LIMBURG_MUNICIPALITIES.find((m) => m.toLowerCase() === v || MUNICIPALITY_CODES[m].toLowerCase() === v) ?? null
  );
}
