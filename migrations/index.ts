import { Foundation1763836800000 } from './1763836800000-Foundation.js';
import { ChannelSettingsAndHealth1796083200000 } from './1796083200000-ChannelSettingsAndHealth.js';
import { MessageContentMediaAndCallbackLog1796083300000 } from './1796083300000-MessageContentMediaAndCallbackLog.js';
import { SendRulesProfilesAndTokens1796083400000 } from './1796083400000-SendRulesProfilesAndTokens.js';
import { ChannelAdministration1796083500000 } from './1796083500000-ChannelAdministration.js';
import { AgentAdministration1796083600000 } from './1796083600000-AgentAdministration.js';
import { RealtimeEventLog1796083700000 } from './1796083700000-RealtimeEventLog.js';
import { Tickets1796083900000 } from './1796083900000-Tickets.js';
import { OutboundMediaUploads1796084100000 } from './1796084100000-OutboundMediaUploads.js';
import { PeopleAndUnionIds1796084300000 } from './1796084300000-PeopleAndUnionIds.js';
import { ChineseAwareSearch1796084300001 } from './1796084300001-ChineseAwareSearch.js';
import { CannedReplies1796084300002 } from './1796084300002-CannedReplies.js';
import { ConversationStatesAndActivity1796084500000 } from './1796084500000-ConversationStatesAndActivity.js';
import { PrivateNotes1796084600000 } from './1796084600000-PrivateNotes.js';
import { BlockedContacts1796084600001 } from './1796084600001-BlockedContacts.js';
import { InboxViews1796084600002 } from './1796084600002-InboxViews.js';
import { PreferencesAndTimers1796084700000 } from './1796084700000-PreferencesAndTimers.js';
import { InboxByChannelIndex1796084800000 } from './1796084800000-InboxByChannelIndex.js';
import { ReplyBudgetIndex1796084800001 } from './1796084800001-ReplyBudgetIndex.js';

/** Every migration in order. Migrations are never edited after they land: add a new file. */
export const migrations = [
  Foundation1763836800000,
  ChannelSettingsAndHealth1796083200000,
  MessageContentMediaAndCallbackLog1796083300000,
  SendRulesProfilesAndTokens1796083400000,
  ChannelAdministration1796083500000,
  AgentAdministration1796083600000,
  RealtimeEventLog1796083700000,
  Tickets1796083900000,
  OutboundMediaUploads1796084100000,
  PeopleAndUnionIds1796084300000,
  ChineseAwareSearch1796084300001,
  CannedReplies1796084300002,
  ConversationStatesAndActivity1796084500000,
  PrivateNotes1796084600000,
  BlockedContacts1796084600001,
  InboxViews1796084600002,
  PreferencesAndTimers1796084700000,
  InboxByChannelIndex1796084800000,
  ReplyBudgetIndex1796084800001,
];
