import type { ChannelSetupInfo, ChannelVerification, ChannelView } from '#contracts';
import { CopyField } from '../../ui/CopyField';
import { modeLabel } from './channel-rules';
import { VerifyInstallation } from './VerifyInstallation';

interface ConnectPanelProps {
  channel: ChannelView;
  setup: ChannelSetupInfo | null;
  /** The Token and key as just typed or generated (only until the page is left: the server never returns them). */
  known?: { token?: string; encodingAesKey?: string };
  verify(): Promise<ChannelVerification>;
  onChecked(): void;
  settingsHref: string;
}

/** What to paste on WeChat's side, step by step, and the check that it worked (OA1). */
export function ConnectPanel({ channel, setup, known, verify, onChecked, settingsHref }: ConnectPanelProps) {
  const { config } = channel;
  const encrypted = config.encryptionMode !== 'plaintext';
  const ips = setup?.egressIps ?? [];
  return (
    <div className="connect">
      {setup?.callbackUrlWarnings.map((warning) => (
        <p key={warning} className="callout callout--warning">
          {warning}
        </p>
      ))}

      <section className="panel" aria-labelledby="connect-values">
        <h3 id="connect-values" className="panel__title">
          Values for WeChat’s server configuration
        </h3>
        <CopyField
          label="Callback URL"
          value={channel.callbackUrl}
          hint="Paste it as the server address (服务器地址 URL)."
        />
        {known?.token ? (
          <CopyField
            label="Token"
            value={known.token}
            hint="Paste it as the Token (令牌). It is not shown again after you leave this page."
          />
        ) : (
          <p className="field__hint">
            Token: stored ({config.token}); it is never shown again. To paste a Token on WeChat, generate a
            new one in <a href={settingsHref}>Settings</a> and save it here and on WeChat at the same time.
          </p>
        )}
        {encrypted &&
          (known?.encodingAesKey ? (
            <CopyField
              label="EncodingAESKey"
              value={known.encodingAesKey}
              hint="Paste it as the EncodingAESKey (消息加解密密钥)."
            />
          ) : (
            <p className="field__hint">
              EncodingAESKey: stored ({config.encodingAesKey}); it is never shown again.
            </p>
          ))}
        <p>
          Message encryption mode: <strong>{modeLabel(config.encryptionMode)}</strong> — choose the same on
          WeChat.
        </p>
      </section>

      <section className="panel" aria-labelledby="connect-ips">
        <h3 id="connect-ips" className="panel__title">
          IP whitelist
        </h3>
        {ips.length > 0 ? (
          <>
            <p>
              WeChat answers API calls (replies, menus, tokens) only from whitelisted addresses. Add{' '}
              {ips.length === 1 ? 'this address' : 'each of these addresses'} to the API IP whitelist
              (IP白名单):
            </p>
            <ul className="ip-list">
              {ips.map((ip) => (
                <li key={ip}>
                  <CopyField label={`Egress IP ${ip}`} value={ip} />
                </li>
              ))}
            </ul>
          </>
        ) : (
          <div className="callout callout--warning">
            <p className="callout__title">This server’s egress IP addresses are not configured</p>
            <p>
              WeChat refuses API calls (replies, menus, tokens) from addresses that are not on the account’s
              IP whitelist. Find the public address this server uses for outgoing connections — run{' '}
              <code>curl https://ifconfig.me</code> on it, or ask whoever runs your network for the NAT
              gateway’s address — and add it on WeChat. Then set <code>EGRESS_IPS</code> in the server’s
              environment so it is listed here for the next admin.
            </p>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby="connect-steps">
        <h3 id="connect-steps" className="panel__title">
          On WeChat’s side, step by step
        </h3>
        <ol className="steps-list">
          <li>
            Sign in to the WeChat Official Accounts Platform (mp.weixin.qq.com) as the account’s administrator
            and open <strong>Settings and Development › Basic configuration</strong> (设置与开发 › 基本配置;
            on the newer WeChat Developer Platform:{' '}
            <strong>My business › Service account › Development keys</strong>).
          </li>
          <li>
            Add the egress IP addresses above to the API IP whitelist (IP白名单) and confirm by scanning the
            QR code.
          </li>
          <li>
            Under <strong>Server configuration</strong> (服务器配置) choose Modify and paste the callback URL,
            the Token
            {encrypted ? ' and the EncodingAESKey' : ''}; choose the same message encryption mode.
          </li>
          <li>
            Submit. WeChat checks the URL at once by calling this server, which answers for this channel. Then
            choose <strong>Enable</strong> (启用) so that WeChat starts sending messages here.
          </li>
          <li>
            Check that the account may use the customer-service message API (接口权限: 客服消息); it needs a
            verified account.
          </li>
          <li>Come back and verify the installation.</li>
        </ol>
      </section>

      <VerifyInstallation verify={verify} onChecked={onChecked} />
    </div>
  );
}
