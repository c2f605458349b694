// How the setup's values read on screen, in the UI's current language; looked up when read.
import type { MessageTrigger } from '../bindings/MessageTrigger';
import { m } from '../paraglide/messages';
import { problemText } from '../wizard/problem-text';
import type { Problem } from '../wizard/problems.svelte';

const TRIGGERS: Record<MessageTrigger, () => string> = {
  greeting: m.setup_trigger_greeting,
  agent_assigned: m.setup_trigger_agent_assigned,
  agent_not_assigned: m.setup_trigger_agent_not_assigned,
  agent_disconnected: m.setup_trigger_agent_disconnected,
  agent_ended_conversation: m.setup_trigger_agent_ended_conversation,
  agent_joined_conversation: m.setup_trigger_agent_joined_conversation,
  agent_joined_customer_conversation: m.setup_trigger_agent_joined_customer_conversation,
  agent_left_customer_conversation: m.setup_trigger_agent_left_customer_conversation,
  consult_accepted: m.setup_trigger_consult_accepted,
  consult_session_ended: m.setup_trigger_consult_session_ended,
  customer_next_in_line: m.setup_trigger_customer_next_in_line,
  customer_position_in_queue: m.setup_trigger_customer_position_in_queue,
  customer_disconnected: m.setup_trigger_customer_disconnected,
  holiday_message: m.setup_trigger_holiday_message,
  out_of_operating_hours: m.setup_trigger_out_of_operating_hours,
  session_ended: m.setup_trigger_session_ended,
  transfer_accepted: m.setup_trigger_transfer_accepted,
  offer_callback: m.setup_trigger_offer_callback,
  callback_response: m.setup_trigger_callback_response,
  queue_overflow_callback: m.setup_trigger_queue_overflow_callback,
};

/** A message trigger as the admin center names it. */
export function triggerLabel(trigger: MessageTrigger): string {
  return TRIGGERS[trigger]();
}

/** A problem under a field of the wizard, with the wizard's own words for a choice left empty. */
export function setupProblemText(problem: Problem): string {
  if (problem.kind === 'error' && problem.error.code === 'required' && problem.error.field === 'setupNumber') {
    return m.setup_number_required();
  }
  return problemText(problem);
}
