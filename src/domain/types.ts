/** Core domain types. Pure data: no Office.js, no file library, no DOM. */

/** Where a figure comes from and whether a source confirms it. */
export interface Provenance {
  verified: boolean;
  /** Why it is (un)verified, shown to the user beside the figure. */
  note?: string;
}

export type UnitGroup = 'press' | 'management';

export interface Unit {
  id: string;
  name: string;
  /** Short names as the plan writes them, used to resolve the annex's unit phrases. */
  aliases: string[];
  type: string;
  group: UnitGroup;
}

export type ValueKind = 'yesNo' | 'integer' | 'decimal' | 'level';

export interface Indicator {
  code: string;
  name: string;
  nameEn: string;
  unit: string;
  kind: ValueKind;
  min?: number;
  max?: number;
  note?: string;
}

/**
 * How a target is judged. A share rule counts press agencies meeting a condition;
 * a ratio rule divides sums across agencies.
 */
export type TargetRule =
  | { kind: 'shareYes'; indicator: string }
  | { kind: 'shareGrowth'; base: string; current: string; minGrowthPercent: number }
  | { kind: 'shareMinLevel'; indicator: string; minLevel: number }
  | { kind: 'ratioOfSums'; numerator: string; denominator: string };

export interface Target {
  code: string;
  year: number;
  /** The plan's sentence, verbatim. */
  text: string;
  /** Province threshold as a fraction (0.75 = 75%). */
  threshold: number;
  rule: TargetRule;
  ruleText: string;
  ruleTextEn: string;
}

export interface Task {
  no: number;
  content: string;
  leadText: string;
  partnersText: string;
  /** As written in the annex; may be conditional or blank. */
  timeframe: string;
  leadUnits: string[];
  partnerUnits: string[];
}

export interface Plan {
  id: string;
  title: string;
  province: string;
  /** Day and month of the yearly report deadline ("trước ngày 25/11 hằng năm"). */
  reportDeadline: { day: number; month: number };
  units: Unit[];
  indicators: Indicator[];
  targets: Target[];
  tasks: Task[];
  /** Phrases of the annex that name no specific unit, kept as text. */
  genericUnitPhrases: string[];
}

export interface Pillar {
  no: number;
  name: string;
  nameEn: string;
  maxPoints: number;
  provenance: Provenance;
}

export interface MaturityLevel {
  level: number;
  name: string;
  nameEn: string;
  /** Lowest total score of the level (convention: min ≤ score < next min). */
  minScore: number;
  provenance: Provenance;
}

/** One scored row of the self-assessment: a criterion, or a whole pillar without a catalogue. */
export interface Criterion {
  pillarNo: number;
  component: string;
  code: string;
  name: string;
  maxPoints: number;
  /** How the criterion is scored, as the decision's annex words it. */
  scoring?: string;
  evidenceRequired?: boolean;
}

export interface IndexVersion {
  id: string;
  decision: string;
  issuedOn: string;
  reportingYears: { from: number; to?: number };
  criteriaCount?: number;
  /** Published number of component indices (chỉ số thành phần). */
  componentCount?: number;
  structureProvenance: Provenance;
  pillars: Pillar[];
  levels: MaturityLevel[];
  /** Empty until a catalogue from the decision's annex is loaded. */
  criteria: Criterion[];
  /** Required (and verified) before a built-in version may ship criteria: none may be invented. */
  criteriaProvenance?: Provenance;
}
