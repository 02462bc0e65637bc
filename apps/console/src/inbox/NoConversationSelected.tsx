export function NoConversationSelected({ hasConversations }: { hasConversations: boolean }) {
  return (
    <section className="chat chat--empty" aria-label="No conversation open">
      <div className="empty-state">
        <svg className="empty-state__art" width="72" height="72" viewBox="0 0 72 72" aria-hidden="true">
          <rect x="6" y="12" width="42" height="30" rx="10" fill="#e7f8ef" />
          <rect x="24" y="30" width="42" height="30" rx="10" fill="#07c160" opacity=".85" />
          <circle cx="37" cy="45" r="2.5" fill="#fff" />
          <circle cx="45" cy="45" r="2.5" fill="#fff" />
          <circle cx="53" cy="45" r="2.5" fill="#fff" />
        </svg>
        <p className="empty-state__title">
          {hasConversations ? 'Pick a conversation' : 'You’re all caught up'}
        </p>
        <p className="empty-state__text">
          {hasConversations
            ? 'Choose a chat from the list to read it and reply.'
            : 'New WeChat messages will show up in the inbox as they arrive.'}
        </p>
      </div>
    </section>
  );
}
