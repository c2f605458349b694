// The commands the queue and workstream screens call, as the stores need them. Each store takes
// its slice as a parameter (the real `ipc` in the app, a fake in tests), so a store names exactly
// what it may call.
import type { AdvancedSettings } from './bindings/AdvancedSettings';
import type { NewWorkstreamInput } from './bindings/NewWorkstreamInput';
import type { Queue } from './bindings/Queue';
import type { QueueInput } from './bindings/QueueInput';
import type { WorkDistribution } from './bindings/WorkDistribution';
import type { Workstream } from './bindings/Workstream';
import type { WorkstreamDeletion } from './bindings/WorkstreamDeletion';
import type { WorkstreamDetailsInput } from './bindings/WorkstreamDetailsInput';
import type { WorkstreamSummary } from './bindings/WorkstreamSummary';

export interface QueueReadIpc {
  listQueues(): Promise<Queue[]>;
}

export interface QueuesIpc extends QueueReadIpc {
  createQueue(input: QueueInput): Promise<Queue>;
  renameQueue(id: string, name: string): Promise<Queue>;
  /** Rejects with `default_queue`, or `queue_in_use` naming the workstreams whose fallback it is. */
  deleteQueue(id: string): Promise<unknown>;
}

export interface WorkstreamsIpc extends QueueReadIpc {
  listWorkstreams(): Promise<WorkstreamSummary[]>;
  createWorkstream(input: NewWorkstreamInput): Promise<Workstream>;
  copyWorkstream(id: string): Promise<Workstream>;
  workstreamDeletion(id: string): Promise<WorkstreamDeletion>;
  deleteWorkstream(id: string): Promise<unknown>;
}

export interface WorkstreamPageIpc extends QueueReadIpc {
  getWorkstream(id: string): Promise<Workstream>;
  saveWorkstreamDetails(id: string, input: WorkstreamDetailsInput): Promise<Workstream>;
  saveWorkDistribution(id: string, distribution: WorkDistribution): Promise<Workstream>;
  saveAdvancedSettings(id: string, advanced: AdvancedSettings): Promise<Workstream>;
  removeSetup(workstreamId: string): Promise<Workstream>;
}
