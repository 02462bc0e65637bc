import { ChannelAgentEntity } from '../identity/entities/channel-agent.entity.js';
import { ChannelIconEntity } from '../channels/entities/channel-icon.entity.js';
import { ChannelEntity } from '../channels/entities/channel.entity.js';
import { WechatOaConfigEntity } from '../channels/entities/wechat-oa-config.entity.js';
import { ContactEntity } from '../conversations/entities/contact.entity.js';
import { ConversationEntity } from '../conversations/entities/conversation.entity.js';
import { MessageEntity } from '../conversations/entities/message.entity.js';
import { DepartmentEntity } from '../identity/entities/department.entity.js';
import { LoginFailureEntity } from '../identity/entities/login-failure.entity.js';
import { SessionEntity } from '../identity/entities/session.entity.js';
import { UserDepartmentEntity } from '../identity/entities/user-department.entity.js';
import { UserEntity } from '../identity/entities/user.entity.js';
import { UserInvitationEntity } from '../identity/entities/user-invitation.entity.js';
import { TicketActivityEntity } from '../ticketing/entities/ticket-activity.entity.js';
import { TicketConversationEntity } from '../ticketing/entities/ticket-conversation.entity.js';
import { TicketEntity } from '../ticketing/entities/ticket.entity.js';

export const entities = [
  DepartmentEntity,
  UserEntity,
  UserInvitationEntity,
  UserDepartmentEntity,
  SessionEntity,
  LoginFailureEntity,
  ChannelEntity,
  WechatOaConfigEntity,
  ChannelIconEntity,
  ChannelAgentEntity,
  ContactEntity,
  ConversationEntity,
  MessageEntity,
  TicketEntity,
  TicketConversationEntity,
  TicketActivityEntity,
];
