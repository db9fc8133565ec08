import { listRegionChildren } from "@/lib/reference/regions";

// Destination choices for "preferred regions": every province, and the cities of the
// provinces that receive most transfers in this programme (Jiangsu first).
const DESTINATION_PROVINCES = ["32", "33", "31", "44"];

export function preferredRegionChoices(): { value: string; label: string }[] {
  const provinces = listRegionChildren(null);
  const cities = DESTINATION_PROVINCES.flatMap((p) => {
    const province = provinces.find((x) => x.code === p)?.name ?? "";
    return listRegionChildren(p)
      .filter((c) => c.name !== "市辖区")
      .map((c) => ({ value: c.code, label: `${province} ${c.name}` }));
  });
  return [...cities, ...provinces.map((p) => ({ value: p.code, label: p.name }))];
}
