/** The old path of the botbuilder adapter, kept for bench/ and soak/ which import it from here. */
export * from '../botbuilder/LiveEngageAdapter.js';
