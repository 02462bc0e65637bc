import { Module } from '@nestjs/common';
import { IdentityModule } from '../identity/identity.module.js';
import { ContactTicketsRegistry } from './contact-tickets.js';
import { PeopleController } from './people.controller.js';
import { PeopleRepository } from './people.repository.js';
import { PeopleService } from './people.service.js';
import { PersonLinkingService } from './person-linking.service.js';

/** People across channels (BX3) and the contact page (CV5). Reads conversations; nothing depends on it. */
@Module({
  imports: [IdentityModule],
  controllers: [PeopleController],
  providers: [PeopleRepository, PeopleService, PersonLinkingService, ContactTicketsRegistry],
  exports: [ContactTicketsRegistry, PeopleService],
})
export class PeopleModule {}
