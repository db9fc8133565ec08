import type { FormInstance } from "antd";
import type { FormResult } from "@/lib/persons/types";

/**
 * Puts a server's field errors next to their fields ("skills.0.skillId" -> ["skills", 0, "skillId"]).
 * The values the user typed stay in the form: only the errors change.
 */
export function showFieldErrors(form: FormInstance, result: FormResult<unknown>): string[] {
  if (result.status !== "invalid") return [];
  const known = new Set<string>();
  const fields = Object.entries(result.fieldErrors).map(([path, error]) => {
    const name = path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    known.add(path);
    return { name, errors: [error] };
  });
  form.setFields(fields);
  const first = fields[0];
  if (first) form.scrollToField(first.name, { block: "center" });
  return [...known];
}
