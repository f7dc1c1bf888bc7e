/**
 * `botbuilder-adapter-liveengage/simulator`: a local LiveEngage Chat Agent API for tests, samples and
 * benchmarks. See `README.md` beside this file.
 */
export { LiveEngageSimulator } from './LiveEngageSimulator.js';
export { SIMULATOR_DEFAULTS } from './defaults.js';
export { SimulatorError, isSimulatorError, type SimulatorErrorReason } from './errors.js';
export { systemClock } from './clock.js';
export * from './types.js';
