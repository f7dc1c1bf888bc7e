import type { ApiRequest, ApiResponse, HttpClient, HttpSettings } from '../../src/index.js';
import { LiveEngageAdapter } from '../../src/botbuilder/LiveEngageAdapter.js';
import { setAvailabilityBody } from '../../src/api/requests.js';
import type { TurnContext } from 'botbuilder';
import type { LiveEngageAdapterSettings } from '../../src/core/settings.js';
import { LiveEngageSimulator } from '../../src/simulator/index.js';
import { fastSettings, memoryLogger, waitFor } from './harness.js';

/**
 * The adapter's line to LiveEngage, which a test can cut (a process that died: nothing it asks for
 * reaches LiveEngage any more, and no answer comes back) or hold (a process that stalled: its
 * requests wait, and go out when it resumes). Through the `createHttpClient` seam, so the adapter
 * runs its own code throughout: nothing of its inside is reached into.
 */
class Line {
  private state: 'open' | 'held' | 'cut' = 'open';
  private readonly waiting: (() => void)[] = [];
  /** The last `setAvailability` the adapter sent (its agent session URL and bearer). */
  lastAvailability?: ApiRequest;
  /** The adapter's own client, behind the line. */
  inner?: HttpClient;

  wrap(inner: HttpClient): HttpClient {
    this.inner = inner;
    const through = async (req: ApiRequest): Promise<void> => {
      await this.pass();
      if (req.operation === 'setAvailability') this.lastAvailability = req;
    };
    return {
      settings: inner.settings,
      request: async (req) => {
        await through(req);
        return inner.request(req);
      },
      call: async (req, read) => {
        await through(req);
        return inner.call(req, read);
      },
      close: () => inner.close(),
    };
  }

  cut(): void {
    this.state = 'cut';
  }

  hold(): void {
    this.state = 'held';
  }

  release(): void {
    this.state = 'open';
    for (const go of this.waiting.splice(0)) go();
  }

  private pass(): Promise<void> {
    if (this.state === 'open') return Promise.resolve();
    // Cut: never answered (a dead process hears nothing back); held: until released.
    return new Promise((resolve) => {
      if (this.state === 'held') this.waiting.push(resolve);
    });
  }
}

/** An adapter that can die the hard way (no more polling, no logout, its turns left hanging), or stall. */
export class CrashableAdapter extends LiveEngageAdapter {
  private readonly line = new Line();

  protected override createHttpClient(settings: HttpSettings): HttpClient {
    return this.line.wrap(super.createHttpClient(settings));
  }

  /** Dies: nothing more reaches LiveEngage (no polls, no refresh, no logout, no lines), turns hang. */
  async crash(): Promise<void> {
    this.line.cut();
  }

  /** Silent for a while (a stalled process): its requests wait until `thaw()`. */
  async freeze(): Promise<void> {
    this.line.hold();
  }

  thaw(): void {
    this.line.release();
  }

  /** What LiveEngage does to an agent a chat rang past 20 s: Away, on the adapter's own agent session. */
  async setAwayBehindItsBack(): Promise<ApiResponse> {
    const { lastAvailability: sent, inner } = this.line;
    if (!sent || !inner) throw new Error('CrashableAdapter.setAwayBehindItsBack(): the adapter has not set its availability yet.');
    return inner.request({ ...sent, body: setAvailabilityBody('Away') });
  }
}

/** Checks availability (and looks for chats it does not know) every 100 ms instead of every 30 s. */
export class EagerAdapter extends CrashableAdapter {
  protected override readonly availabilityCheckMs = 100;
}

/**
 * A fresh simulator for each test of the calling `describe`, the adapters a test starts on it (of
 * class `Adapter`, with a memory logger) and a way to open a chat one of them takes; all stopped after
 * each test, whatever state a test left them in.
 */
export function crashableRig(Adapter: typeof CrashableAdapter = CrashableAdapter) {
  const adapters: CrashableAdapter[] = [];
  const rig = {
    sim: undefined as unknown as LiveEngageSimulator,
    async start(bot: { run(c: TurnContext): Promise<void> }, overrides: Partial<LiveEngageAdapterSettings> = {}): Promise<CrashableAdapter> {
      const adapter = new Adapter(fastSettings(rig.sim, { logger: memoryLogger(), ...overrides }));
      adapters.push(adapter);
      await adapter.start((context) => bot.run(context));
      return adapter;
    },
    /** Leaves a crashed adapter alone after the test (stopping it would log its bot user out). */
    forget(adapter: CrashableAdapter): void {
      adapters.splice(adapters.indexOf(adapter), 1);
    },
    async chatWith(adapter: LiveEngageAdapter, name = 'Vi'): Promise<string> {
      const { chatId } = rig.sim.startChat({ skill: 'support-bot', visitorName: name });
      await waitFor('accept', () => adapter.openChats.includes(chatId));
      return chatId;
    },
  };
  beforeEach(async () => {
    rig.sim = new LiveEngageSimulator();
    await rig.sim.start();
  });
  afterEach(async () => {
    for (const adapter of adapters.splice(0)) await adapter.stop().catch(() => {});
    await rig.sim.stop();
  });
  return rig;
}
