import { describe, expect, it } from '@jest/globals';
import { cannedReplyProblems, renderCannedReply } from './canned-reply-template.js';

const values = { 'contact.name': '王先生', 'agent.name': 'Li Na' };

describe('canned reply placeholders', () => {
  it('fills in the contact’s and the agent’s names, spaces inside the braces allowed, as often as used', () => {
    expect(
      renderCannedReply('您好，{{contact.name}}！我是{{ agent.name }}。{{contact.name}}，请稍等。', values),
    ).toBe('您好，王先生！我是Li Na。王先生，请稍等。');
  });

  it('leaves text without placeholders, single braces and JSON-like text alone', () => {
    expect(renderCannedReply('价格 {100} 元', values)).toBe('价格 {100} 元');
    expect(cannedReplyProblems('价格 {100} 元，{"a": 1}')).toEqual([]);
  });

  it('names an unknown placeholder and says which ones exist', () => {
    expect(cannedReplyProblems('您的电话 {{contact.phone}}，{{Contact.Name}}')).toEqual([
      'Unknown placeholder {{contact.phone}}: use {{contact.name}} or {{agent.name}}',
      'Unknown placeholder {{Contact.Name}}: use {{contact.name}} or {{agent.name}}',
    ]);
    expect(cannedReplyProblems('{{}}')).toEqual([
      'Unknown placeholder {{}}: use {{contact.name}} or {{agent.name}}',
    ]);
  });

  it('finds a placeholder that is not closed, or a stray closing', () => {
    expect(cannedReplyProblems('您好 {{contact.name！')).toEqual([
      'A placeholder is not closed: “{{contact.name！”. Write it as {{contact.name}} or {{agent.name}}',
    ]);
    expect(cannedReplyProblems('您好 contact.name}}')).toEqual([
      '“}}” closes no placeholder: write placeholders as {{contact.name}} or {{agent.name}}',
    ]);
  });

  it('never fills in a placeholder it does not know', () => {
    expect(renderCannedReply('{{contact.phone}}', values)).toBe('{{contact.phone}}');
  });
});
