/**
 * `botbuilder-adapter-liveengage/simulator`: a local LiveEngage Chat Agent API for tests, samples and
 * benchmarks. See `README.md` beside this file.
 */
export { LiveEngageSimulator } from './LiveEngageSimulator.js';
export { SIMULATOR_DEFAULTS } from './defaults.js';
export { SimulatorError, isSimulatorError, type SimulatorErrorReason } from './errors.js';
export { systemClock } from './clock.js';
export type {
  AgentAvailability,
  AgentKind,
  AgentRef,
  AgentView,
  ChatEventView,
  ChatQueueView,
  ChatState,
  ChatSummary,
  ChatView,
  FaultMatch,
  FaultRule,
  FaultView,
  LiveEngageSimulatorOptions,
  QueueEntryView,
  QueueView,
  SimulatedBotUser,
  SimulatedHumanAgent,
  SimulatedSkill,
  SimulatorChange,
  SimulatorClock,
  SimulatorStats,
} from './types.js';
export { MessagingSimulator, type MessagingSimulatorOptions, type MessagingStats } from './messaging/MessagingSimulator.js';
export type { MessagingFaultRule, MessagingFaultView, UpgradeFaultRule } from './messaging/faults.js';
export type { MsgConversationView, MsgConversationSummary, MsgEventView, MsgAgentRef } from './messaging/views.js';
