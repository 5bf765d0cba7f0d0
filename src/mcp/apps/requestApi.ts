/**
 * The typed API (src/model/pagerdutyApi.ts) for the card's code in the server: over one of the server's toolboxes,
 * calling its tools with this request's context (its token's client), so it is built per request and kept by none.
 */
import { pagerDutyApi, type PagerDutyApi } from '../../model/pagerdutyApi';
import type { Toolbox } from '../registry';
import type { ToolContext } from '../tools/types';

export function requestApi(toolbox: Toolbox, ctx: ToolContext): PagerDutyApi {
  return pagerDutyApi((name, args) => toolbox.call(name, args, ctx));
}
