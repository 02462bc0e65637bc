import { describe, expect, it } from '@jest/globals';
import { channelFormErrors, type ChannelFormValues } from './channel-rules';

const valid: ChannelFormValues = {
  name: 'Acme',
  departmentId: '',
  originalId: 'gh_0123456789ab',
  appId: 'wx0123456789abcdef',
  appSecret: '0123456789abcdef0123456789abcdef',
  token: 'token123',
  encodingAesKey: '',
  encryptionMode: 'plaintext',
  messagesPerCustomerMessage: '5',
  tokenMode: 'token',
  outsideMainlandChina: false,
};
const creating = { secretsStored: false, hasStoredAesKey: false };

describe('the channel form’s checks', () => {
  it('accepts a complete plaintext channel', () => {
    expect(channelFormErrors(valid, creating)).toEqual({});
  });

  it('says what is wrong with each field', () => {
    const errors = channelFormErrors(
      {
        ...valid,
        name: ' ',
        originalId: 'acme',
        appId: 'wx1',
        appSecret: 'x',
        token: 'to',
        encodingAesKey: 'short',
        messagesPerCustomerMessage: '21',
      },
      creating,
    );
    expect(Object.keys(errors).sort()).toEqual(
      [
        'appId',
        'appSecret',
        'encodingAesKey',
        'messagesPerCustomerMessage',
        'name',
        'originalId',
        'token',
      ].sort(),
    );
    expect(errors.encodingAesKey).toBe('The EncodingAESKey is exactly 43 letters or digits (this is 5).');
  });

  it('needs a key for safe mode unless one is stored, and lets stored secrets stay when editing', () => {
    expect(channelFormErrors({ ...valid, encryptionMode: 'safe' }, creating).encodingAesKey).toBe(
      'The safe mode needs the EncodingAESKey. Generate one, or paste WeChat’s.',
    );
    expect(
      channelFormErrors(
        { ...valid, encryptionMode: 'safe', appSecret: '', token: '' },
        { secretsStored: true, hasStoredAesKey: true },
      ),
    ).toEqual({});
  });
});
