import type { AttachmentKind, UserView } from '#contracts';
import { useCallback, useEffect } from 'react';
import type { AssignmentApi } from '../api/assignment-api';
import type { DeskApi } from '../api/desk-api';
import { ConversationActions } from '../assignment/ConversationActions';
import { useConversationActivity } from '../assignment/useConversationActivity';
import { ConversationPane } from '../chat/ConversationPane';
import { ContactPanel } from '../contacts/ContactPanel';
import { useConversation } from '../chat/useConversation';
import { useConversationMessages } from '../chat/useConversationMessages';
import { ConnectionBanner } from '../live/ConnectionBanner';
import { MediaAccessProvider } from '../media/MediaAccess';
import { useLiveUpdates } from '../live/useLiveUpdates';
import { useHashRoute } from '../routing/hash-route';
import { ConversationList } from './ConversationList';
import { NoConversationSelected } from './NoConversationSelected';
import { useInbox } from './useInbox';

interface InboxPageProps {
  api: DeskApi;
  token: string;
  onUnauthorized(): void;
  /** Assignment and activity (CV3); without it the conversation shows neither. */
  assignment?: { api: AssignmentApi; user: UserView };
}

/** The agent's workspace: the inbox beside the open conversation (one screen after the other on phones). */
export function InboxPage({ api, token, onUnauthorized, assignment }: InboxPageProps) {
  const route = useHashRoute();
  const inbox = useInbox(api, route.view);
  const listed = inbox.conversations.find((c) => c.id === route.conversationId);
  const open = useConversation(api, route.conversationId, listed);
  const messages = useConversationMessages(api, route.conversationId);
  const activity = useConversationActivity(assignment?.api ?? null, route.conversationId);

  const live = useLiveUpdates(token, {
    onResync() {
      inbox.reload(true);
      messages.reload(true);
      activity.reload();
    },
    onConversationActivity: ({ activity: line }) => activity.apply(line),
    onUnauthorized,
    onMessageCreated: ({ message }) => messages.apply(message),
    onMessageUpdated: ({ message }) => messages.apply(message),
    onConversationUpdated({ conversation }) {
      inbox.applyUpdate(conversation);
      open.applyUpdate(conversation);
    },
  });

  const { apply } = messages;
  const conversationId = route.conversationId;
  const send = useCallback(
    async (text: string) => {
      if (!conversationId) return;
      apply(await api.sendText(conversationId, text));
    },
    [api, apply, conversationId],
  );
  const upload = useCallback(
    (kind: AttachmentKind, file: File, onProgress: (fraction: number) => void) => {
      if (!conversationId) return Promise.reject(new Error('No conversation is open'));
      return api.uploadAttachment(conversationId, kind, file, onProgress);
    },
    [api, conversationId],
  );
  const sendAttachment = useCallback(
    async (kind: AttachmentKind, mediaId: string) => {
      if (!conversationId) return;
      apply(await api.sendAttachment(conversationId, kind, mediaId));
    },
    [api, apply, conversationId],
  );
  const retryMessage = useCallback(
    async (messageId: string) => {
      if (!conversationId) return;
      apply(await api.retryMessage(conversationId, messageId));
    },
    [api, apply, conversationId],
  );
  const { typing, watch } = live;
  const { reload: reloadMessages } = messages;
  // Delivery updates of the open conversation come to its viewers: the history is loaded again once the
  // server has joined us, so that nothing falls between the first load and the join.
  useEffect(() => {
    let current = true;
    void watch(conversationId).then((joined) => {
      if (joined && current) reloadMessages(true);
    });
    return () => {
      current = false;
    };
  }, [watch, conversationId, reloadMessages]);
  const onTyping = useCallback(() => {
    if (conversationId) typing(conversationId);
  }, [typing, conversationId]);

  const contactName = open.conversation?.contact.displayName;
  useEffect(() => {
    document.title = `${contactName ?? 'Inbox'} · WeChat Support Desk`;
  }, [contactName]);

  return (
    <MediaAccessProvider api={api}>
      <div className="workspace-frame" data-live-status={live.status}>
        <ConnectionBanner status={live.status} backOnline={live.backOnline} />
        <div className="workspace" data-screen={conversationId ? 'chat' : 'list'}>
          <ConversationList
            view={route.view}
            conversations={inbox.conversations}
            status={inbox.status}
            error={inbox.error}
            selectedId={conversationId}
            onRetry={() => inbox.reload(false)}
          />
          <main className="workspace__main">
            {conversationId ? (
              <ConversationPane
                key={conversationId}
                conversationId={conversationId}
                conversation={open.conversation}
                conversationError={open.error}
                notFound={open.notFound}
                view={route.view}
                messages={messages.messages}
                messagesStatus={messages.status}
                messagesError={messages.error}
                onRetryMessages={() => messages.reload(false)}
                onSend={send}
                onUpload={upload}
                onSendAttachment={sendAttachment}
                onRetryMessage={retryMessage}
                onTyping={onTyping}
                focusMessageId={route.messageId}
                activity={activity.lines}
                actions={
                  assignment &&
                  open.conversation && (
                    <ConversationActions
                      conversation={open.conversation}
                      me={assignment.user}
                      api={assignment.api}
                      onChanged={(conversation) => {
                        inbox.applyUpdate(conversation);
                        open.applyUpdate(conversation);
                      }}
                    />
                  )
                }
              />
            ) : (
              <NoConversationSelected hasConversations={inbox.conversations.length > 0} />
            )}
          </main>
          {conversationId && open.conversation && (
            <ContactPanel
              key={open.conversation.contact.id}
              contactId={open.conversation.contact.id}
              conversationId={conversationId}
            />
          )}
        </div>
      </div>
    </MediaAccessProvider>
  );
}
