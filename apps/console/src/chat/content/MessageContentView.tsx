import type { MessageView } from '#contracts';
import { FileContent } from './FileContent';
import { ImageContent } from './ImageContent';
import { LinkCard } from './LinkCard';
import { LocationContent } from './LocationContent';
import { VideoContent } from './VideoContent';
import { VoiceContent } from './VoiceContent';

/**
 * The inside of a bubble, by content type. Events are not bubbles (see MessageBubble). A type this console
 * does not know yet (a newer server) shows as unsupported rather than breaking the conversation.
 */
export function MessageContentView({ message }: { message: MessageView }) {
  const { content } = message;
  const from = message.direction === 'outbound' ? 'the agent' : 'the customer';
  switch (content.type) {
    case 'text':
      return <p className="bubble__text">{content.text}</p>;
    case 'image':
      return <ImageContent image={content.image} from={from} />;
    case 'voice':
      return (
        <VoiceContent
          audio={content.audio}
          recognition={content.recognition}
          fromAgent={message.direction === 'outbound'}
        />
      );
    case 'video':
    case 'shortvideo':
      return (
        <VideoContent
          video={content.video}
          thumbnail={content.thumbnail}
          short={content.type === 'shortvideo'}
        />
      );
    case 'location':
      return (
        <LocationContent label={content.label} latitude={content.latitude} longitude={content.longitude} />
      );
    case 'link':
      return <LinkCard title={content.title} description={content.description} url={content.url} />;
    case 'file':
      return <FileContent file={content.file} />;
    case 'event':
      return <p className="bubble__text">{content.description}</p>;
    case 'unsupported':
      return <Unsupported platformType={content.platformType} />;
    default:
      return <Unsupported platformType={(content as { type?: string }).type ?? 'unknown'} />;
  }
}

function Unsupported({ platformType }: { platformType: string }) {
  return (
    <p className="bubble__unsupported">
      Unsupported message type <code>{platformType}</code> — see it in WeChat
    </p>
  );
}
