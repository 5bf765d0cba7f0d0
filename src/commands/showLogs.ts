// "PagerDuty: Show Logs": opens the PagerDuty output channel (tokens are redacted there).
import type { Logger } from '../log';

export function showLogsCommand(log: Logger) {
  return (): void => log.show();
}
