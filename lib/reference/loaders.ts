import "server-only";
import { divisionNames, listDivisionChildren, type DivisionOption } from "@/lib/reference/data";
import { divisionPath } from "@/lib/reference/rules";

export type CascaderOption = { value: string; label: string; isLeaf: boolean; children?: CascaderOption[] };

const MAX_LEVEL = 5;

function toOption(d: DivisionOption, maxLevel: number): CascaderOption {
  return { value: d.code, label: d.name, isLeaf: d.level >= maxLevel };
}

/** The top level plus, for each stored code, the branches down to it, so a picker can show it. */
export async function loadDivisionOptions(selected: (string | null | undefined)[], maxLevel = MAX_LEVEL): Promise<CascaderOption[]> {
  const top = (await listDivisionChildren(null)).map((d) => toOption(d, maxLevel));
  for (const code of selected) {
    if (!code) continue;
    let level = top;
    for (const prefix of divisionPath(code).slice(0, -1)) {
      const node = level.find((o) => o.value === prefix);
      if (!node || node.isLeaf) break;
      node.children ??= (await listDivisionChildren(prefix)).map((d) => toOption(d, maxLevel));
      level = node.children;
    }
  }
  return top;
}

/** "贵州省 / 铜仁市 / 印江土家族苗族自治县 / …" for display. */
export async function loadDivisionLabels(codes: (string | null | undefined)[]): Promise<Map<string, string>> {
  const all = [...new Set(codes.filter((c): c is string => Boolean(c)).flatMap(divisionPath))];
  const names = await divisionNames(all);
  const labels = new Map<string, string>();
  for (const code of codes) {
    if (!code) continue;
    labels.set(code, divisionPath(code).map((c) => names.get(c) ?? c).filter((n) => n !== "市辖区").join(" / "));
  }
  return labels;
}
