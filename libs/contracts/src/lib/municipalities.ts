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
