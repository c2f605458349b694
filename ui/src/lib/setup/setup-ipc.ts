// The commands the "Set up WhatsApp" wizard calls: the real `ipc` in the app, a fake in tests.
import type { Attachments } from '../bindings/Attachments';
import type { AvailableNumber } from '../bindings/AvailableNumber';
import type { Behaviours } from '../bindings/Behaviours';
import type { ChannelLanguage } from '../bindings/ChannelLanguage';
import type { Workstream } from '../bindings/Workstream';

export interface SetupIpc {
  getWorkstream(id: string): Promise<Workstream>;
  /** The numbers of complete accounts that no other workstream uses. */
  availableNumbers(workstreamId: string): Promise<AvailableNumber[]>;
  /** WhatsApp's template languages, which the Language page and templates choose from. */
  channelLanguages(): Promise<ChannelLanguage[]>;
  /** Rejects with `number_in_use` or `account_not_complete` on `setupNumber`. */
  saveSetupNumber(workstreamId: string, numberId: string): Promise<Workstream>;
  saveSetupLanguage(workstreamId: string, language: string): Promise<Workstream>;
  /** Every problem of the page at once; a list item's field is `automatedMessages.<i>.text` and the like. */
  saveSetupBehaviours(workstreamId: string, behaviours: Behaviours): Promise<Workstream>;
  saveSetupUserFeatures(workstreamId: string, attachments: Attachments): Promise<Workstream>;
  /** Rejects with `setup_incomplete` {step} when the number or the language is missing. */
  finishSetup(workstreamId: string): Promise<Workstream>;
}
