import { Injectable } from '@nestjs/common';
import type { ChannelKind } from '#contracts';
import type { CallbackLogRow } from './callback-log.repository.js';

/** Runs a recorded callback through its channel kind's ingest again; returns the new entry's id. */
export interface CallbackReplayer {
  readonly kind: ChannelKind;
  reingest(entry: CallbackLogRow): Promise<string>;
}

/** Each channel kind's callback service registers here, as adapters do with the adapter registry. */
@Injectable()
export class CallbackReplayers {
  private readonly replayers = new Map<ChannelKind, CallbackReplayer>();

  register(replayer: CallbackReplayer): void {
    if (this.replayers.has(replayer.kind)) throw new Error(`Two callback replayers for ${replayer.kind}`);
    this.replayers.set(replayer.kind, replayer);
  }

  forKind(kind: ChannelKind): CallbackReplayer | undefined {
    return this.replayers.get(kind);
  }
}
