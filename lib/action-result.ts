import "server-only";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { isAppError } from "@/lib/errors";
import type { FormResult } from "@/lib/persons/types";

type Translate = (key: string) => string;

function translateKey(t: Translate, key: string): string {
  try {
    return t(key);
  } catch {
    return key;
  }
}

function zodFieldErrors(error: z.ZodError, t: Translate): Record<string, string> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "_form";
    fieldErrors[path] ??= translateKey(t, issue.message.startsWith("validation.") ? issue.message : "validation.invalid");
  }
  return fieldErrors;
}

/**
 * Runs one write for a form and turns every outcome into a FormResult the form can show:
 * field errors by field, a duplicate with a link, a conflict with the current values.
 * Unknown errors are logged and reported generically, never with a stack trace.
 */
export async function runFormAction<T>(work: () => Promise<T>): Promise<FormResult<T>> {
  const t = (await getTranslations()) as unknown as Translate;
  try {
    return { status: "ok", data: await work() };
  } catch (error) {
    if (error instanceof z.ZodError) {
      return { status: "invalid", fieldErrors: zodFieldErrors(error, t), message: t("errors.VALIDATION") };
    }
    if (isAppError(error)) {
      const details = (error.details ?? {}) as Record<string, unknown>;
      switch (error.code) {
        case "VALIDATION": {
          const raw = (details.fieldErrors ?? {}) as Record<string, string>;
          const fieldErrors = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, translateKey(t, v)]));
          return { status: "invalid", fieldErrors, message: t("errors.VALIDATION") };
        }
        case "DUPLICATE":
          return {
            status: "duplicate",
            message: t("errors.DUPLICATE"),
            existing: (details.existing as { id: number; name: string } | null) ?? null,
          };
        case "CONFLICT":
          return {
            status: "conflict",
            message: t("errors.CONFLICT"),
            current: (details.current as Record<string, unknown>) ?? {},
            currentVersion: Number(details.currentVersion ?? 0),
            changedBy: (details.changedBy as string | null) ?? null,
            changedAt: (details.changedAt as string | null) ?? null,
          };
        default:
          return { status: "error", message: translateKey(t, `errors.${error.code}`) };
      }
    }
    // Redirects and notFound() from next/navigation must propagate.
    if (error && typeof error === "object" && "digest" in error) throw error;
    console.error("unexpected error in action", error);
    return { status: "error", message: t("errors.INTERNAL") };
  }
}
