import { Module } from '@nestjs/common';
import { APP_CONFIG } from '../config/config.module.js';
import type { AppConfig } from '../config/app-config.js';
import { IdentityModule } from '../identity/identity.module.js';
import { LocalMediaStorage } from './local-media-storage.js';
import { MediaAccessTickets } from './media-access-tickets.js';
import { MediaController } from './media.controller.js';
import { MediaDeliveryService } from './media-delivery.service.js';
import { MediaRepository } from './media.repository.js';
import { MediaService } from './media.service.js';
import { MEDIA_STORAGE } from './media-storage.js';
import { UnsentUploadsPurge } from './unsent-uploads-purge.service.js';

/**
 * Media files: the storage (a local directory unless another MediaStorage is provided), the `media_files`
 * table, and serving the bytes to users who may see them. Fetching inbound media from the platforms is the
 * conversation core's job (it owns the channel adapters): see InboundMediaFetcher.
 */
@Module({
  imports: [IdentityModule],
  controllers: [MediaController],
  providers: [
    {
      provide: MEDIA_STORAGE,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new LocalMediaStorage(config.mediaDir),
    },
    MediaRepository,
    MediaService,
    MediaAccessTickets,
    MediaDeliveryService,
    UnsentUploadsPurge,
  ],
  exports: [MediaService, MediaRepository],
})
export class MediaModule {}
