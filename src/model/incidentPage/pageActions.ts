// The incident page's buttons: the view model offers them, the page protocol carries them.

/** Buttons the page offers; the extension decides what each does (quick picks, tool calls). */
export const PAGE_ACTIONS = [
  'acknowledge',
  'resolve',
  'snooze',
  'reassign',
  'escalate',
  'urgency',
  'priority',
  'addResponders',
  'runWorkflow',
  'statusUpdate',
  'investigate',
  'openInPagerDuty',
  'refresh',
] as const;
export type PageAction = (typeof PAGE_ACTIONS)[number];
