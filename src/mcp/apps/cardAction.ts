/**
 * What the incident card's buttons call: an app-only tool (MCP Apps `visibility: ["app"]`, so hosts never offer it to
 * the model). VS Code 1.139 runs an App's tools/call without the chat's confirmation, so this tool asks the person
 * itself through elicitation (a VS Code notification, then a one-item pick) before the write, and then runs the same
 * manage_incidents / add_note_to_incident as the model would, under the same settings. Its answer is for the person
 * reading the card: one plain line, no data fence.
 * Without elicitation the click in the card (shown only to the person, never to the model) is the consent.
 */
import { z } from 'zod';
import { PagerDutyError } from '../../pagerduty/errors';
import type { Toolbox } from '../registry';
import { parseIncidentRef } from '../../model/incidentRef';
import { refusal } from '../../model/toolAnswers';
import { requestApi } from './requestApi';
import { askChoice } from '../tools/ask';
import { incidentRef } from '../tools/incidentRefs';
import { text } from '../tools/params';
import { defineTool, UPDATE, type ToolContext, type ToolDefinition } from '../tools/types';
import { sanitize, truncate } from '../../model/untrusted';

export const CARD_ACTION_TOOL = 'incident_card_action';

const VERBS = {
  acknowledge: { verb: 'Acknowledge', doing: 'acknowledging' },
  resolve: { verb: 'Resolve', doing: 'resolving' },
  add_note: { verb: 'Add a note to', doing: 'adding a note to' },
} as const;

/** The incident's number and title for the question, read with the same toolbox (an unknown id fails here, unchanged). */
async function describe(reader: Toolbox, ref: string, ctx: ToolContext): Promise<{ id: string; label: string }> {
  // The argument passed the tool's incident reference schema; a key it is not would be refused by get_incident alike.
  const key = parseIncidentRef(ref);
  if (!key) throw new PagerDutyError('invalid_request', `argument "incident_id": expected an incident id or number, got "${truncate(sanitize(ref), 40)}"; nothing changed.`);
  const got = await requestApi(reader, ctx).incidents.get(key);
  if (!got.ok) throw new PagerDutyError('not_found', got.error || `Incident ${key} could not be read; nothing changed.`);
  const incident = got.value;
  return { id: incident.id, label: `#${incident.number} “${truncate(sanitize(incident.title), 80)}”` };
}


/** The tool behind each card action. */
const WRITE_TOOL = { acknowledge: 'manage_incidents', resolve: 'manage_incidents', add_note: 'add_note_to_incident' } as const;

/** Which of the card's writes `writer` (the model's settings) enables: status buttons, and the note form. */
export function cardWrites(writer: Toolbox): { status: boolean; note: boolean } {
  const enabled = new Set(writer.enabled().map((t) => t.name));
  return { status: enabled.has(WRITE_TOOL.resolve), note: enabled.has(WRITE_TOOL.add_note) };
}

/** `writer` has the model's write and toolset settings, with typed results; `reader` reads everything, typed. */
export function cardActionTool(writer: Toolbox, reader: Toolbox): ToolDefinition {
  return defineTool({
    name: CARD_ACTION_TOOL,
    title: 'Incident card action',
    description: 'Extra, for the incident card (MCP App) only: acknowledge, resolve or add a note after the person confirms.',
    toolset: 'incidents',
    extra: true,
    annotations: UPDATE,
    input: () => ({
      incident_id: incidentRef,
      action: z.enum(['acknowledge', 'resolve', 'add_note']).describe('What the card button does'),
      note: text('Note text, for add_note', 25_000).optional(),
    }),
    output: () => ({}),
    async handler(args, ctx) {
      if (args.action === 'add_note' && !args.note) throw new PagerDutyError('invalid_request', 'argument "note": is required for action "add_note" (a string); nothing changed.');
      // Checked before the person is asked: a confirmed write that is then refused wastes their attention.
      const tool = WRITE_TOOL[args.action];
      if (!writer.enabled().some((t) => t.name === tool)) {
        throw new PagerDutyError('configuration', `${VERBS[args.action].verb} is not enabled in this configuration: ${tool} is not among the allowed tools / toolsets; nothing changed.`);
      }
      const incident = await describe(reader, args.incident_id, ctx);
      const { verb, doing } = VERBS[args.action];
      if (ctx.elicit) {
        const note = args.note ? `\n\nNote: ${truncate(sanitize(args.note), 300)}` : '';
        await askChoice(ctx, {
          message: `${verb} incident ${incident.label} in PagerDuty?${note}`,
          field: 'confirm',
          title: `${verb} ${incident.label.split(' ')[0]}`,
          choices: [{ id: args.action, label: `${verb} ${incident.label}` }],
          about: `${doing} ${incident.label}`,
          consequence: 'the incident is unchanged',
        });
      }
      const api = requestApi(writer, ctx);
      if (args.action === 'add_note') {
        const { error } = await api.incidents.addNote(incident.id, args.note!);
        if (error) throw new PagerDutyError('invalid_request', error);
        return { text: `Note added to ${incident.label}.`, structured: {} };
      }
      const status = args.action === 'acknowledge' ? 'acknowledged' : 'resolved';
      // A refused incident is a result line, not an error, in manage_incidents: the card shows PagerDuty's reason.
      const refused = refusal(await api.incidents.update([incident.id], { status }));
      if (refused) throw new PagerDutyError('invalid_request', refused);
      return { text: `${status === 'acknowledged' ? 'Acknowledged' : 'Resolved'} ${incident.label}.`, structured: {} };
    },
  });
}
