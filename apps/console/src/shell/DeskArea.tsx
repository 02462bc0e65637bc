import type { UserView } from '#contracts';
import type { ContactsApi } from '../api/contacts-api';
import type { DeskApi } from '../api/desk-api';
import { CannedRepliesPage } from '../canned/CannedRepliesPage';
import { ContactPage } from '../contacts/ContactPage';
import type { DeskRoute } from '../routing/desk-route';
import { SearchPage } from '../search/SearchPage';

interface DeskAreaProps {
  route: DeskRoute;
  api: ContactsApi;
  deskApi: DeskApi;
  user: UserView;
}

/** The screens beside the inbox that every role has. */
export function DeskArea({ route, api, deskApi, user }: DeskAreaProps) {
  switch (route.screen) {
    case 'search':
      return <SearchPage api={api} deskApi={deskApi} user={user} params={route.params} />;
    case 'contact':
      return <ContactPage key={route.contactId} api={api} contactId={route.contactId} />;
    case 'canned-replies':
      return <CannedRepliesPage api={api} user={user} />;
  }
}
