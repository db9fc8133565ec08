// DTOs: what leaves the data layer for pages and components.
export type PersonListRow = {
  id: number;
  name: string;
  gender: "MALE" | "FEMALE";
  birthDate: Date;
  /** First six and last four characters (made from the ciphertext). */
  maskedId: string;
  phone: string | null;
  originDivisionCode: string;
  track: "TRANSFER" | "TRAIN_THEN_PLACE" | "LOCAL";
  employmentStatus: string;
  povertyStatus: string | null;
  caseworkerName: string | null;
  updatedAt: Date;
};

/** What a save returns to the form: field errors stay next to their fields, a conflict carries
 *  the values saved meanwhile so the form can show them beside the user's own. */
export type FormResult<T = { id: number }> =
  | { status: "ok"; data: T }
  | { status: "invalid"; fieldErrors: Record<string, string>; message?: string }
  | { status: "duplicate"; message: string; existing: { id: number; name: string } | null }
  | { status: "conflict"; message: string; current: Record<string, unknown>; currentVersion: number; changedBy: string | null; changedAt: string | null }
  | { status: "error"; message: string };
