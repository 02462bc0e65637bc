import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { SearchResults } from '#contracts';
import type { AuthUser } from '../identity/auth-user.js';
import { CurrentUser } from '../identity/auth.decorators.js';
import { SearchDto } from './search.dto.js';
import { SearchService } from './search.service.js';

@ApiTags('search')
@ApiBearerAuth()
@Controller('api/search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  /** Messages (newest first, paged) and people matching `q`, within the channels the user may see. */
  @Get()
  find(@CurrentUser() user: AuthUser, @Query() query: SearchDto): Promise<SearchResults> {
    return this.search.find(user, query);
  }
}
