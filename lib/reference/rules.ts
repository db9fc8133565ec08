/** The codes from province down to `code`: "520625100201" -> 52, 5206, 520625, 520625100, 520625100201. */
export function divisionPath(code: string): string[] {
  return [2, 4, 6, 9, 12].filter((len) => code.length >= len).map((len) => code.slice(0, len));
}
