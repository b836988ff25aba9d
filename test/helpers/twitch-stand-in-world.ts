import { Agent } from 'undici';
import { startTwitchStandIn, STAND_IN_CLIENT_ID, type TwitchStandIn, type TwitchStandInOptions } from '../../scripts/twitch-stand-in/index.js';

/** A stand-in server and a real undici Agent to reach it, closed together. */
export interface StandInWorld {
  server: TwitchStandIn;
  dispatcher: Agent;
  /** OAuth options for the default public Client-ID. */
  oauth: { dispatcher: Agent; oauthUrl: string; clientId: string; timeoutMs: number };
  close(): Promise<void>;
}

/** Starts a stand-in on 127.0.0.1 with a fresh Agent. */
export async function standInWorld(options: TwitchStandInOptions = {}): Promise<StandInWorld> {
  const server = await startTwitchStandIn(options);
  const dispatcher = new Agent({ connect: { timeout: 2_000 } });
  return {
    server,
    dispatcher,
    oauth: { dispatcher, oauthUrl: server.oauthUrl, clientId: STAND_IN_CLIENT_ID, timeoutMs: 2_000 },
    close: async () => {
      await dispatcher.destroy();
      await server.close();
    },
  };
}
