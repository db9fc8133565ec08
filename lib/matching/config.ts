// The active matching configuration. Every suggestion shown is logged with `version`, so a
// change of weights is a new version and outcomes can be compared per version.
// Starting point from MATCHING.md (measured): occupation .35, skills .25, location .15,
// wage .15, housing .10. Gender and ethnicity are never inputs.
export const MATCHING_CONFIG = {
  version: "2026.11-1",
  weights: { occupation: 0.35, skills: 0.25, location: 0.15, wage: 0.15, housing: 0.1 },
  occupation: { exact: 1, minorGroup: 0.8, mediumGroup: 0.5, sector: 0.4, unrelated: 0.1, unknown: 0.3 },
  location: { sameCounty: 1, sameCity: 0.85, preferred: 0.9, sameProvince: 0.7, organisedTransfer: 0.6, far: 0.3 },
  /** A gap in required skills counts this much covered when the employer trains before the job. */
  trainableSkillCredit: 0.7,
  /** Yuan a month one household member needs; one earner for seven needs 7x this. */
  perPersonMonthlyNeed: 600,
  minimumMonthlyNeed: 2500,
  /** What room and board is worth a month to someone who needs it away from home. */
  roomAndBoardValue: 800,
  /** Public-welfare posts are the fallback for people who cannot migrate. */
  publicWelfareFactor: 0.85,
  history: {
    /** Days after leaving an employer for a misfit during which its jobs are not suggested. */
    sameEmployerBlockDays: 180,
    sameKindSameEmployer: 0.6,
    sameKindElsewhere: 0.85,
    reasonPenalty: 0.85,
  },
  congestion: {
    /** A vacancy shown to more than max(minimum, perOpening x openings left) people in the
     *  window is held back, so the same few jobs are not pushed to everyone. */
    windowDays: 7,
    perOpening: 8,
    minimum: 20,
  },
} as const;

export type MatchingConfig = typeof MATCHING_CONFIG;
