import { Injectable } from '@nestjs/common';
import type { ChannelKind } from '#contracts';
import type { ChannelAdapter } from './channel-adapter.port.js';

/** Adapters register themselves by kind at start-up; the core looks them up in exactly one place. */
@Injectable()
export class ChannelAdapterRegistry {
  private readonly adapters = new Map<ChannelKind, ChannelAdapter>();

  register(adapter: ChannelAdapter): void {
    if (this.adapters.has(adapter.kind)) throw new Error(`Two adapters registered for ${adapter.kind}`);
    this.adapters.set(adapter.kind, adapter);
  }

  forKind(kind: ChannelKind): ChannelAdapter {
    const adapter = this.adapters.get(kind);
    if (!adapter) throw new Error(`No channel adapter is registered for ${kind}`);
    return adapter;
  }
}
