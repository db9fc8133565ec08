import { describe, expect, it } from "vitest";
import { buildUscc, usccCheckCharacter, validateUscc } from "@/lib/employers/uscc";

describe("unified social credit code (GB 32100)", () => {
  it("accepts published codes", () => {
    // 91350100M000100Y43 is the example code in GB 32100-2015's annex.
    expect(validateUscc("91350100M000100Y43")).toEqual({ ok: true, value: "91350100M000100Y43" });
    expect(validateUscc(" 91350100m000100y43 ")).toEqual({ ok: true, value: "91350100M000100Y43" });
  });

  it("names what is wrong", () => {
    expect(validateUscc("91350100M000100Y4")).toEqual({ ok: false, error: "LENGTH" });
    expect(validateUscc("91350100M000100YI3")).toEqual({ ok: false, error: "CHARACTERS" });
    expect(validateUscc("91350100M000100Y44")).toEqual({ ok: false, error: "CHECKSUM" });
  });

  it("builds valid codes", () => {
    for (let serial = 0; serial < 200; serial++) {
      const code = buildUscc("320505", serial * 7919);
      expect(validateUscc(code).ok).toBe(true);
      expect(code.slice(0, 17) + usccCheckCharacter(code.slice(0, 17))).toBe(code);
    }
  });
});
