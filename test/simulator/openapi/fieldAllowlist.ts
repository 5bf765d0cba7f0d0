/**
 * Fields of PagerDuty's response examples the simulator may leave out (test/unit/simulatorFields.test.ts), because
 * PagerDuty itself leaves them out for what the seed holds or what the toolset asks. Key: "<operationId> <field path>",
 * covering the fields below it too (a key ending in "_" covers every field it begins); value: one line saying why.
 */
export const FIELD_ALLOWLIST: Record<string, string> = {
  'listIncidents incidents.conference_bridge': 'returned only with include[]=conference_bridge, which list_incidents does not send',
  'getSchedule schedule.next_oncall_for_user': 'returned only with include_next_oncall_for_user, which get_schedule does not send',
  'getOrchPathService orchestration_path.migrated_': "set only on service orchestrations migrated from Event Rules; the seed's never were",
  'getStatusPagePost post.postmortem': "set once a postmortem is published; the seeded post is an incident still in progress",
  'listStatusPagePosts posts.postmortem': 'set once a postmortem is published; the seeded post is an incident still in progress',
  'listStatusPageServices services.business_service': "set only for page services linked to a business service; the seed's are not",
  'listWebhookSubscriptions webhook_subscriptions.oauth_client': 'populated only when oauth_client_id is set; the seeded subscriptions sign with a secret',
  'listLogEntries log_entries.event_details.description': 'only a trigger entry carries its event; the first entry listed is a later one (getLogEntry checks a trigger)',
  'listIncidentLogEntries log_entries.event_details.description': 'as for listLogEntries: the first entry of the incident\'s log is a later one, not its trigger',
  'listWebhookSubscriptions webhook_subscriptions.filter.id': 'an account-wide filter has no id, and the first seeded subscription is account-wide',
  'getWebhookSubscription webhook_subscription.filter.id': 'an account-wide filter has no id, and the first seeded subscription is account-wide',
  'getWebhookSubscription webhook_subscription.oauth_client': 'populated only when oauth_client_id is set; the seeded subscriptions sign with a secret',
};
