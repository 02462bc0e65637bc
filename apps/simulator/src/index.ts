export { startSimulator, type Simulator, type SimulatorOptions } from './simulator.js';
export { SimulatorClock, type SimulatorClockOptions } from './clock.js';
export type { CallRecord } from './call-log.js';
export type { FaultKind } from './faults.js';
export type { InboxItem, OaAccount, OaCustomer, EncryptionMode } from './oa/oa-model.js';
export type { CustomerSendResult } from './oa/oa-platform.js';
export { SERVICE_UNAVAILABLE_NOTICE } from './oa/oa-platform.js';
