/**
 * Fields of PagerDuty's response examples the simulator may leave out (test/unit/simulatorFields.test.ts).
 * Key: "<operationId> <dotted field path>"; value: one line saying why. Keep it short.
 */
export const FIELD_ALLOWLIST: Record<string, string> = {};
